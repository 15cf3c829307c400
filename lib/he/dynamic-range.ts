/**
 * Coefficient dynamic range, and what it means for the CKKS scale.
 *
 * CKKS holds a real number v as the integer round(v * Delta) (Delta = 2^scaleBits), so every
 * encoded constant carries an absolute error up to 1/(2 Delta), and every ciphertext value must
 * stay below q / Delta in magnitude. In the monomial basis on [-200, 200] the paper's ReLU
 * polynomial pairs c_4 = -5.178e-8 with c_0 = 11.49: the rounding error of c_k is multiplied by
 * |x|^k = 200^k, and x^k itself reaches 200^4 = 1.6e9 (31 bits that the modulus must hold on top of
 * Delta). In the Chebyshev basis on t = (2x - (a + b))/(b - a) every T_k(t) is bounded by 1 and
 * the coefficients are O(max |p|), so neither problem arises.
 */
import type { Polynomial } from '../polynomial';

export interface DynamicRange {
  /** Monomial coefficients in x, ascending. */
  readonly monomial: readonly number[];
  /** Chebyshev coefficients in t, ascending. */
  readonly chebyshev: readonly number[];
  /** max |c_k| / min non-zero |c_k| of the monomial coefficients (e.g. 11.49 / 5.178e-8 = 2.2e8). */
  readonly monomialRatio: number;
  /** The same for the Chebyshev coefficients. */
  readonly chebyshevRatio: number;
  /** max |x|^N on the interval: the largest intermediate of a monomial evaluation in x. */
  readonly maxPower: number;
  /** log2(maxPower): bits the last modulus needs above Delta for a monomial evaluation in x. */
  readonly monomialHeadroomBits: number;
  /** log2(sum |Chebyshev c_k|): bits above Delta needed by the Chebyshev evaluation (its intermediates are bounded by sum |c_k|). */
  readonly chebyshevHeadroomBits: number;
  /**
   * Error in p(x) from rounding the coefficients at scale 2^scaleBits: sum_k |x|^k / (2 Delta)
   * (monomial in x) versus (N + 1) / (2 Delta) (Chebyshev in t, |T_k| <= 1).
   */
  coefficientRoundingError(scaleBits: number): { monomial: number; chebyshev: number };
  /** Scale bits needed so that coefficient rounding alone stays below `tolerance` in p(x), per basis. */
  scaleBitsFor(tolerance: number): { monomial: number; chebyshev: number };
}

export function dynamicRange(p: Polynomial): DynamicRange {
  const monomial = p.monomial();
  const chebyshev = [...p.coefficients];
  const ratio = (c: readonly number[]): number => {
    const nz = c.map(Math.abs).filter((v) => v > 0);
    return nz.length === 0 ? 1 : Math.max(...nz) / Math.min(...nz);
  };
  const R = Math.max(Math.abs(p.domain[0]), Math.abs(p.domain[1]));
  const N = monomial.length - 1;
  // sum_k R^k: how much the per-coefficient rounding error is amplified at the worst point.
  let powerSum = 0;
  for (let k = 0; k <= N; k++) powerSum += R ** k;
  const chebSum = chebyshev.reduce((s, v) => s + Math.abs(v), 0);
  const roundMono = (bits: number): number => powerSum / (2 * 2 ** bits);
  const roundCheb = (bits: number): number => (N + 1) / (2 * 2 ** bits);
  return {
    monomial,
    chebyshev,
    monomialRatio: ratio(monomial),
    chebyshevRatio: ratio(chebyshev),
    maxPower: R ** N,
    monomialHeadroomBits: Math.log2(Math.max(1, R ** N)),
    chebyshevHeadroomBits: Math.log2(Math.max(1, chebSum)),
    coefficientRoundingError: (bits) => ({ monomial: roundMono(bits), chebyshev: roundCheb(bits) }),
    scaleBitsFor: (tol) => ({ monomial: Math.ceil(Math.log2(powerSum / (2 * tol))), chebyshev: Math.ceil(Math.log2((N + 1) / (2 * tol))) }),
  };
}
