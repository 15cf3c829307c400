/**
 * Plaintexts holding one real constant c in every slot, built without the CKKS encoder.
 *
 * The CKKS encoding of a constant vector is the constant polynomial round(c Delta) (the canonical
 * embedding of a constant is constant), and in SEAL's NTT form a constant polynomial is that
 * residue repeated N times per prime. The encoder instead runs an inverse FFT and an NTT per
 * prime (~10 ms at N = 16384, 10 primes); the batch layout multiplies by ~15,000 distinct weights,
 * so the constant is written straight into SEAL's serialised Plaintext (compression off) and
 * loaded (~1 ms). The byte layout (SEAL 4.1: header, parms_id, coeff_count, scale, then the data
 * as a nested DynArray with its own header) is read off a template the encoder made at the same
 * level and checked field by field; if it ever differs, `fast` is false and the encoder is used.
 * The tests decode built plaintexts and compare with the encoder's.
 */
import type { PlainText } from 'node-seal/implementation/plain-text';
import type { CkksSession } from '../seal';

const MAGIC = 0xa15e;
/** Offsets of SEAL 4.1's Plaintext serialisation (compression none). */
const PARMS_ID = 16, COEFF_COUNT = 48, SCALE = 56, NESTED_HEADER = 64, DATA_COUNT = 80, DATA = 88;

interface Template {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly data: BigUint64Array;
  readonly primes: readonly bigint[];
}

export class ConstantPlaintexts {
  private readonly templates = new Map<number, Template | null>();
  private readonly cache = new Map<string, PlainText>();
  /** Number of plaintexts built (cached or not), and how many by the encoder's slow path. */
  built = 0;
  slow = 0;

  constructor(private readonly session: CkksSession) {}

  /** Whether the serialised layout was recognised at `level` (the fast path is used). */
  fast(level: number): boolean {
    return this.template(level) !== null;
  }

  /**
   * A plaintext of c in every slot at `scale`, at `level` (primes dropped). `cache`: keep it for
   * later calls with the same (c, scale, level) and own it (do not delete it); otherwise the caller
   * deletes it (or passes it back as `into` to be overwritten).
   */
  get(c: number, scale: number, level: number, options: { cache?: boolean; into?: PlainText } = {}): PlainText {
    const key = `${c}|${scale}|${level}`;
    if (options.cache) {
      const hit = this.cache.get(key);
      if (hit) return hit;
    }
    const pt = this.build(c, scale, level, options.into);
    if (options.cache) this.cache.set(key, pt);
    return pt;
  }

  /** Free the cached plaintexts. */
  delete(): void {
    for (const pt of this.cache.values()) pt.delete();
    this.cache.clear();
  }

  private build(c: number, scale: number, level: number, into?: PlainText): PlainText {
    this.built++;
    const t = this.template(level);
    const seal = this.session.seal;
    if (t === null) {
      this.slow++;
      return this.encode(c, scale, level);
    }
    const value = BigInt(Math.round(c * scale));
    const n = this.session.parameters.polyModulusDegree;
    t.primes.forEach((q, i) => {
      let r = value % q;
      if (r < 0n) r += q;
      t.data.fill(r, i * n, (i + 1) * n);
    });
    t.view.setFloat64(SCALE, scale, true);
    const pt = into ?? seal.PlainText();
    pt.loadArray(this.session.context, t.bytes);
    return pt;
  }

  /** The encoder's way: encode at the top level, then drop primes down to `level`. */
  private encode(c: number, scale: number, level: number): PlainText {
    const s = this.session;
    const pt = s.encoder.encode(new Float64Array(s.slots).fill(c), scale) as PlainText;
    for (let l = 0; l < level; l++) s.evaluator.plainModSwitchToNext(pt, pt);
    return pt;
  }

  private template(level: number): Template | null {
    if (this.templates.has(level)) return this.templates.get(level)!;
    const s = this.session;
    const pt = this.encode(0, 2 ** 20, level);
    const bytes = Uint8Array.from(pt.saveArray(s.seal.ComprModeType.none));
    pt.delete();
    const n = s.parameters.polyModulusDegree, primes = s.exactPrimes.slice(0, s.exactPrimes.length - level);
    const count = BigInt(n * primes.length);
    const view = new DataView(bytes.buffer);
    const ok = bytes.length === DATA + 8 * n * primes.length && view.getUint16(0, true) === MAGIC && view.getUint16(NESTED_HEADER, true) === MAGIC
      && view.getBigUint64(8, true) === BigInt(bytes.length) && view.getBigUint64(COEFF_COUNT, true) === count && view.getBigUint64(DATA_COUNT, true) === count
      && view.getBigUint64(PARMS_ID, true) !== 0n;
    const t = ok ? { bytes, view, data: new BigUint64Array(bytes.buffer, DATA, n * primes.length), primes } : null;
    this.templates.set(level, t);
    return t;
  }
}
