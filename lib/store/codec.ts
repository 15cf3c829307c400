/**
 * A lossless JSON form for stored results. Plain JSON loses what results are made of: NaN and
 * +-Infinity become null, -0 becomes 0, typed arrays become objects, and a `Polynomial` loses its
 * class. Here each of those is a tagged object ({"$number": "NaN"}, {"$Float64Array": [...]},
 * {"$Polynomial": {...}}); finite doubles print with the shortest round-trip digits, so a decoded
 * result is bit-identical to the one encoded. Anything else that is not plain data (a function, a
 * Map, another class) is refused when encoding, so nothing is stored that cannot come back as it was.
 */
import { InputError } from '../errors';
import { Polynomial } from '../polynomial';

const TYPED = { Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array } as const;
type TypedName = keyof typeof TYPED;

function number(v: number): unknown {
  if (Number.isNaN(v)) return { $number: 'NaN' };
  if (v === Infinity) return { $number: 'Infinity' };
  if (v === -Infinity) return { $number: '-Infinity' };
  if (Object.is(v, -0)) return { $number: '-0' };
  return v;
}

function encodeValue(v: unknown, path: string): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v === undefined) return undefined;
  if (typeof v === 'number') return number(v);
  if (Array.isArray(v)) return v.map((x, i) => (x === undefined ? null : encodeValue(x, `${path}[${i}]`)));
  if (v instanceof Polynomial) return { $Polynomial: { coefficients: v.coefficients.map(number), domain: v.domain.map(number) } };
  if (ArrayBuffer.isView(v)) {
    const name = v.constructor.name as TypedName;
    if (!(name in TYPED)) throw new InputError(path, `a ${name} cannot be stored`);
    return { [`$${name}`]: Array.from(v as unknown as ArrayLike<number>, number) };
  }
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw new InputError(path, `a ${proto?.constructor?.name ?? 'class instance'} cannot be stored (only plain data, typed arrays and Polynomial)`);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k.startsWith('$')) throw new InputError(`${path}.${k}`, 'keys starting with "$" are reserved for the stored form');
      const e = encodeValue(x, `${path}.${k}`);
      if (e !== undefined) out[k] = e;
    }
    return out;
  }
  throw new InputError(path, `a ${typeof v} cannot be stored`);
}

function decodeNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  const s = (v as { $number: string }).$number;
  return s === '-0' ? -0 : Number(s);
}

function decodeValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(decodeValue);
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0].startsWith('$')) {
    const tag = keys[0].slice(1), body = (v as Record<string, unknown>)[keys[0]];
    if (tag === 'number') return decodeNumber(v);
    if (tag === 'Polynomial') {
      const p = body as { coefficients: unknown[]; domain: unknown[] };
      return new Polynomial(p.coefficients.map(decodeNumber), p.domain.map(decodeNumber) as [number, number]);
    }
    if (tag in TYPED) return TYPED[tag as TypedName].from((body as unknown[]).map(decodeNumber));
    throw new InputError('stored result', `unknown tag "${keys[0]}"`);
  }
  return Object.fromEntries(keys.map((k) => [k, decodeValue((v as Record<string, unknown>)[k])]));
}

/** The stored form of `value`: plain JSON data (`argument` names it in errors). */
export function toStoredForm(value: unknown, argument = 'value'): unknown {
  return encodeValue(value, argument);
}

/** `value` back from its stored form (as parsed from JSON), bit for bit. */
export function fromStoredForm<T = unknown>(form: unknown): T {
  return decodeValue(form) as T;
}
