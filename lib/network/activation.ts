/**
 * The polynomial that replaces ReLU, converted once into the form the hot loop evaluates, with
 * the certified numbers the bound needs: max |p - ReLU| and the range of p on its interval.
 */
import { InputError } from '../errors';
import { chebyshevToPowerBasis, Polynomial } from '../polynomial';
import { PIXEL_RANGE } from './architecture';

/** Everything the forward pass and the bound need about the replacement activation; plain data (goes to workers). */
export interface PolynomialKernel {
  /** Display form, e.g. the paper-style string. */
  readonly label: string;
  /** The interval [a, b] of the polynomial. */
  readonly domain: readonly [number, number];
  /** Power-basis coefficients q_j of p in t = (2x - (a + b)) / (b - a) (ascending): Horner in t, |t| <= 1 on the interval. */
  readonly q: readonly number[];
  /**
   * Bound on the rounding error of Horner in t for |t| <= 1: gamma_{2N} * sum |q_j| plus the
   * rounding of t itself times max |p'| (Higham, Accuracy and Stability, eq. 5.3). Tiny (~1e-13);
   * kept so that the certified bound stays honest about floating point.
   */
  readonly hornerError: number;
  /** Certified upper bound of max |p(x) - ReLU(x)| on the interval. */
  readonly reluError: number;
  /** Certified enclosure [min, max] of the signed error p(x) - ReLU(x) on the interval. */
  readonly reluErrorRange: readonly [number, number];
  /** Certified enclosure [min p, max p] on the interval. */
  readonly range: readonly [number, number];
}

const U = 2 ** -53;

/** Converts `p` (which must live on [-200, 200], the network's interval) into a `PolynomialKernel`. */
export function polynomialKernel(p: Polynomial, label = p.toString()): PolynomialKernel {
  const [a, b] = p.domain;
  if (a !== PIXEL_RANGE[0] || b !== PIXEL_RANGE[1]) {
    throw new InputError('polynomial', `expected a polynomial on [${PIXEL_RANGE}] (the network's interval), got [${a}, ${b}]`);
  }
  const q = chebyshevToPowerBasis(p.coefficients);
  const n = q.length - 1;
  const sumAbs = q.reduce((s, v) => s + Math.abs(v), 0);
  // |p'(t)| <= sum j |q_j| on |t| <= 1 (Markov would be sharper; this is enough).
  const dSum = q.reduce((s, v, j) => s + j * Math.abs(v), 0);
  const gamma = (2 * n * U) / (1 - 2 * n * U);
  const hornerError = gamma * sumAbs + 2 * U * dSum;
  const { errMin, errMax, min, max } = certifiedExtrema(q, a, b);
  return {
    label, domain: [a, b], q, hornerError,
    reluError: Math.max(-errMin, errMax) + hornerError,
    reluErrorRange: [errMin - hornerError, errMax + hornerError],
    range: [min - hornerError, max + hornerError],
  };
}

/** p(x) for the kernel (the same arithmetic as the hot loop). */
export function evaluateKernel(k: PolynomialKernel, x: number): number {
  const [a, b] = k.domain;
  const t = (2 * x - (a + b)) / (b - a);
  const q = k.q;
  let s = q[q.length - 1];
  for (let j = q.length - 2; j >= 0; j--) s = s * t + q[j];
  return s;
}

/**
 * The range of p - ReLU and of p on [a, b], certified: the values on a grid of step h in t,
 * widened by L * h / 2 where L bounds the slope in t of p and of p - t*(b-a)/2 (|ReLU'| <= 1):
 * any point is within h/2 of a grid point, and both p and p - ReLU are L-Lipschitz there.
 * The grid includes x = 0 (the kink of ReLU) when 0 is inside, where p - ReLU is not smooth but
 * still Lipschitz.
 */
function certifiedExtrema(q: readonly number[], a: number, b: number): { errMin: number; errMax: number; min: number; max: number } {
  const steps = 40000; // even, so t = 0 (x = 0 for a symmetric interval) is a grid point
  const h = 2 / steps;
  const half = (b - a) / 2, mid = (a + b) / 2;
  let errMin = Infinity, errMax = -Infinity, min = Infinity, max = -Infinity;
  for (let i = 0; i <= steps; i++) {
    const t = -1 + i * h;
    let s = q[q.length - 1];
    for (let j = q.length - 2; j >= 0; j--) s = s * t + q[j];
    const x = mid + half * t;
    const e = s - (x > 0 ? x : 0);
    if (e < errMin) errMin = e;
    if (e > errMax) errMax = e;
    if (s < min) min = s;
    if (s > max) max = s;
  }
  const slope = q.reduce((acc, v, j) => acc + j * Math.abs(v), 0);
  const slack = ((slope + half) * h) / 2;
  return { errMin: errMin - slack, errMax: errMax + slack, min: min - slack, max: max + slack };
}
