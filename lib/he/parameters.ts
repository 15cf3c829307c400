/**
 * Automatic CKKS parameters at 128-bit security for a given multiplicative depth.
 *
 * Coefficient modulus chain (SEAL's convention): [q0, D primes of scaleBits, special prime].
 * - each rescale drops one scaleBits-prime, so a depth-D evaluation needs exactly D of them;
 * - q0 is what is left at the end: it must hold the result times the scale, so
 *   q0Bits = scaleBits + bits of the largest intermediate + margin;
 * - the special prime is used only by key switching (relinearisation) and must be at least as
 *   large as the others.
 * The smallest ring dimension N whose 128-bit budget (HomomorphicEncryption.org standard, as
 * SEAL's CoeffModulus.MaxBitCount) holds the sum is chosen: smaller N is faster.
 */
import { InputError, requireFinite, requireInteger } from '../errors';

/** SEAL's CoeffModulus.MaxBitCount(N, tc128) (checked against the library in the tests). */
export const maxCoeffModulusBits128: Readonly<Record<number, number>> = Object.freeze({
  1024: 27, 2048: 54, 4096: 109, 8192: 218, 16384: 438, 32768: 881,
});

export interface CkksParameters {
  /** Ring dimension N; slots = N / 2. */
  readonly polyModulusDegree: number;
  /** Bit sizes of the primes: [q0, scaleBits x depth, special]. */
  readonly coeffModulusBits: readonly number[];
  /** log2 of the scale Delta. */
  readonly scaleBits: number;
  /** Levels available = levels the evaluation consumes. */
  readonly depth: number;
  readonly slots: number;
  /** Sum of coeffModulusBits. */
  readonly totalBits: number;
  /** The 128-bit-security budget for N. */
  readonly maxBits: number;
  readonly securityBits: 128;
}

export interface ParameterOptions {
  /** log2 of the scale (default 40; 20..58). Larger: more precision, more modulus. */
  scaleBits?: number;
  /** Bound on |every intermediate value| (default 1); q0 gets log2 of it on top of the scale. */
  magnitude?: number;
  /** Force the ring dimension (error if the depth does not fit at 128-bit security). */
  polyModulusDegree?: number;
  /**
   * Bits of the special prime (default: the largest of the others, SEAL's minimum). Key switching
   * divides its noise by the special prime: with one equal to q0 a rotation at N = 16384 adds
   * ~1e-5 to a value at scale 2^37, with 60 bits ~3e-7 (measured in test/he-inference-*.test.ts).
   */
  specialBits?: number;
  /** Bits kept in q0 above scale x magnitude, so that noise and rounding never wrap modulo q0 (default 10; 2..20). */
  q0MarginBits?: number;
}

/** Default bits kept in q0 above scale x magnitude. */
export const Q0_MARGIN_BITS = 10;

export function chooseParameters(depth: number, options: ParameterOptions = {}): CkksParameters {
  requireInteger('depth', depth, 1, 64);
  const scaleBits = requireInteger('scaleBits', options.scaleBits ?? 40, 20, 58);
  const magnitude = requireFinite('magnitude', options.magnitude ?? 1);
  if (!(magnitude > 0)) throw new InputError('magnitude', `expected a positive bound, got ${magnitude}`);
  const margin = requireInteger('q0MarginBits', options.q0MarginBits ?? Q0_MARGIN_BITS, 2, 20);
  const q0Bits = scaleBits + Math.max(0, Math.ceil(Math.log2(magnitude))) + margin;
  if (q0Bits > 60) {
    throw new InputError('scaleBits', `values up to ${magnitude.toPrecision(3)} at scale 2^${scaleBits} need a ${q0Bits}-bit last prime, over SEAL's 60-bit limit; use at most ${60 - (q0Bits - scaleBits)} scale bits`);
  }
  const special = options.specialBits === undefined ? Math.max(q0Bits, scaleBits) : requireInteger('specialBits', options.specialBits, Math.max(q0Bits, scaleBits), 60);
  const coeffModulusBits = [q0Bits, ...new Array<number>(depth).fill(scaleBits), special];
  const totalBits = coeffModulusBits.reduce((s, b) => s + b, 0);
  const sizes = Object.keys(maxCoeffModulusBits128).map(Number).filter((n) => n >= 4096);
  const fits = sizes.filter((n) => totalBits <= maxCoeffModulusBits128[n]);
  const need = `depth ${depth} at scale 2^${scaleBits} needs ${totalBits} bits of coefficient modulus (${q0Bits} + ${depth} x ${scaleBits} + ${special})`;
  let N: number;
  if (options.polyModulusDegree !== undefined) {
    N = options.polyModulusDegree;
    if (!sizes.includes(N)) throw new InputError('polyModulusDegree', `expected one of ${sizes.join(', ')}, got ${String(N)}`);
    if (totalBits > maxCoeffModulusBits128[N]) {
      const hint = fits.length > 0 ? `use N >= ${fits[0]}` : 'no N up to 32768 fits: lower the degree or the scale bits';
      throw new InputError('polyModulusDegree', `${need}, but N = ${N} allows at most ${maxCoeffModulusBits128[N]} at 128-bit security; ${hint}`);
    }
  } else {
    if (fits.length === 0) throw new InputError('degree', `${need}; the largest ring N = 32768 allows ${maxCoeffModulusBits128[32768]} at 128-bit security: lower the degree or the scale bits`);
    N = fits[0];
  }
  return { polyModulusDegree: N, coeffModulusBits, scaleBits, depth, slots: N / 2, totalBits, maxBits: maxCoeffModulusBits128[N], securityBits: 128 };
}
