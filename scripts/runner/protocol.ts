/**
 * The Jupyter messaging protocol (v5.3) on the wire: message headers, HMAC-SHA256 signing and the
 * multipart framing `[identities..., '<IDS|MSG>', signature, header, parent_header, metadata,
 * content, buffers...]`. See https://jupyter-client.readthedocs.io/en/stable/messaging.html.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

export const DELIMITER = '<IDS|MSG>';
export const PROTOCOL_VERSION = '5.3';

export interface Header {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

export interface Message<C = Record<string, unknown>> {
  header: Header;
  parent_header: Partial<Header>;
  metadata: Record<string, unknown>;
  content: C;
}

/** A fresh header for a message of `msgType` in `session`. */
export function header(msgType: string, session: string): Header {
  return { msg_id: randomUUID(), msg_type: msgType, session, username: 'polyact', date: new Date().toISOString(), version: PROTOCOL_VERSION };
}

/** HMAC-SHA256 hex digest of the four JSON frames (empty string when the key is empty: signing off). */
export function sign(key: string, frames: readonly (string | Buffer)[]): string {
  if (key === '') return '';
  const h = createHmac('sha256', key);
  for (const f of frames) h.update(f);
  return h.digest('hex');
}

/** The frames to send for `msg` (no routing identities: we talk through DEALER/SUB sockets). */
export function encode(key: string, msg: Message<unknown>): string[] {
  const frames = [msg.header, msg.parent_header, msg.metadata, msg.content].map((p) => JSON.stringify(p));
  return [DELIMITER, sign(key, frames), ...frames];
}

/** Parse received frames, verifying the signature; throws on a malformed or forged message. */
export function decode(key: string, frames: readonly Buffer[]): Message {
  const i = frames.findIndex((f) => f.toString() === DELIMITER);
  if (i < 0 || frames.length < i + 6) throw new Error('malformed Jupyter message: no <IDS|MSG> delimiter or too few frames');
  const body = frames.slice(i + 2, i + 6);
  const expected = Buffer.from(sign(key, body));
  const got = Buffer.from(frames[i + 1].toString());
  if (expected.length !== got.length || !timingSafeEqual(expected, got)) throw new Error('Jupyter message with a bad HMAC signature');
  const [h, p, m, c] = body.map((f) => JSON.parse(f.toString()));
  return { header: h, parent_header: p, metadata: m, content: c };
}
