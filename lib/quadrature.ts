/**
 * Adaptive Gauss-Legendre quadrature of a vector of integrands at once (the Chebyshev projection
 * needs the N + 1 integrals f(x(cos th)) cos(k th), k = 0..N, on the same points).
 */
import { InputError, NotReachedError } from './errors';

/** Gauss-Legendre nodes and weights on [-1, 1] (Newton iteration on P_n; accurate to rounding). */
export function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n), weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1, p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? x : p1, pm = n === 1 ? 1 : p0;
      dp = (n * (x * pn - pm)) / (x * x - 1);
      const dx = pn / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * dp * dp);
  }
  return { nodes, weights };
}

const GL = gaussLegendre(16);

/** Two panel estimates within this many units of rounding (of the panel's term sizes) agree as well as they can. */
const ROUNDING_FACTOR = 32;

export interface AdaptiveOptions {
  /** Absolute tolerance per unit length of the integration variable. */
  tolerance: number;
  /** Initial panel edges (sorted, including both ends); breakpoints of the integrand belong here. */
  edges: readonly number[];
  /** Largest bisection depth; beyond it a panel is accepted as is. */
  maxDepth?: number;
  /**
   * Budget of integrand evaluations (default DEFAULT_MAX_EVALUATIONS): beyond it every remaining
   * panel is accepted as it is, and its error estimate counts in `error`.
   */
  maxEvaluations?: number;
}

/** The default evaluation budget of integrateVector: 3125 panel pairs; well-behaved integrands need a few thousand evaluations. */
export const DEFAULT_MAX_EVALUATIONS = 100000;

/**
 * Relative level (of the integrand's size per unit length) below which a bisection that does not
 * even shrink the error estimate by a quarter is taken as rounding noise of the integrand: f evaluated at large
 * |x| (sin(x) near 200 errs by 200 ulps) or a central-difference derivative (1e-10). Resolved
 * smooth panels shrink by orders of magnitude per bisection, kinks by 4, jumps by 2.
 */
const NOISE_LEVEL = 1e-9;

/**
 * integral over [edges[0], edges[last]] of g(s) (a vector of `size` values) by 16-point
 * Gauss-Legendre panels, bisected until the whole-panel and two-halves estimates agree to
 * `tolerance * width` (or to the rounding of the sum, or to the noise of the integrand), within
 * a budget of evaluations. Returns the integrals, the number of integrand evaluations and
 * `error`: the sum of the accepted panels' error estimates (the achieved absolute accuracy).
 */
export function integrateVector(
  g: (s: number, out: Float64Array) => void,
  size: number,
  options: AdaptiveOptions,
): { values: Float64Array; evaluations: number; error: number } {
  const { tolerance, edges } = options;
  const maxDepth = options.maxDepth ?? 48;
  const maxEvaluations = options.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS;
  if (!(tolerance > 0)) throw new InputError('tolerance', `expected a positive number, got ${tolerance}`);
  const total = new Float64Array(size);
  const buf = new Float64Array(size);
  let evaluations = 0, error = 0;
  // Each panel also returns the size of its terms (max_k sum_i w_i |g_k(s_i)|): the level below
  // which two estimates can only differ by rounding, so the bisection must stop there.
  const mags = new Float64Array(size);
  const panel = (lo: number, hi: number): Float64Array => {
    const r = new Float64Array(size + 1);
    mags.fill(0);
    const h = (hi - lo) / 2, m = (hi + lo) / 2;
    for (let i = 0; i < GL.nodes.length; i++) {
      g(m + h * GL.nodes[i], buf);
      evaluations++;
      const w = GL.weights[i] * h;
      for (let k = 0; k < size; k++) {
        r[k] += w * buf[k];
        mags[k] += Math.abs(w * buf[k]);
      }
    }
    for (let k = 0; k < size; k++) r[size] = Math.max(r[size], mags[k]);
    return r;
  };
  // Explicit stack instead of recursion: depth 48 with many panels stays cheap.
  const stack: { lo: number; hi: number; whole: Float64Array; depth: number; parentDiff: number }[] = [];
  // The integrand's size per unit length (largest over the initial panels): the noise level is relative to it.
  let density = 0;
  for (let i = edges.length - 2; i >= 0; i--) {
    if (!(edges[i + 1] > edges[i])) continue;
    const whole = panel(edges[i], edges[i + 1]);
    density = Math.max(density, whole[size] / (edges[i + 1] - edges[i]));
    stack.push({ lo: edges[i], hi: edges[i + 1], whole, depth: 0, parentDiff: Infinity });
  }
  while (stack.length > 0) {
    const { lo, hi, whole, depth, parentDiff } = stack.pop()!;
    if (evaluations >= maxEvaluations) {
      // Out of budget: the panel's own estimate, with its size as the error bound (no second estimate to compare).
      for (let k = 0; k < size; k++) total[k] += whole[k];
      error += whole[size];
      continue;
    }
    const mid = (lo + hi) / 2;
    const left = panel(lo, mid), right = panel(mid, hi);
    let diff = 0;
    for (let k = 0; k < size; k++) diff = Math.max(diff, Math.abs(left[k] + right[k] - whole[k]));
    // Without the rounding floor, high degrees (N >= 30 for ReLU) asked for agreement below the
    // rounding error of a 16-point sum and bisected every panel to maxDepth (2^48 panels: a hang).
    // The integrand's own rounding grows with the vector length (T_k by recurrence carries ~k ulps).
    const magnitude = left[size] + right[size];
    const roundingFloor = (ROUNDING_FACTOR + 4 * size) * Number.EPSILON * magnitude;
    const noise = diff <= NOISE_LEVEL * density * (hi - lo) && diff > 0.75 * parentDiff;
    if (diff <= tolerance * (hi - lo) || diff <= roundingFloor || noise || depth >= maxDepth || mid <= lo || mid >= hi) {
      for (let k = 0; k < size; k++) total[k] += left[k] + right[k];
      error += diff;
    } else {
      stack.push({ lo: mid, hi, whole: right, depth: depth + 1, parentDiff: diff });
      stack.push({ lo, hi: mid, whole: left, depth: depth + 1, parentDiff: diff });
    }
  }
  return { values: total, evaluations, error };
}

/** The largest relative error a quadrature-based method accepts (its coefficients are then good to 1e-8 of max|f|). */
export const MAX_QUADRATURE_ERROR = 1e-8;

/** Throws NotReachedError when a projection's achieved relative error is above MAX_QUADRATURE_ERROR. */
export function requireQuadratureAccuracy(method: string, relativeError: number, evaluations: number): void {
  if (!(relativeError <= MAX_QUADRATURE_ERROR)) {
    throw new NotReachedError(`${method}: the projection integrals reached an error of ${relativeError.toExponential(1)} of max|f| after ${evaluations} evaluations of f (budget ${DEFAULT_MAX_EVALUATIONS}; wanted <= ${MAX_QUADRATURE_ERROR}): f jumps or oscillates faster than the budget resolves on this interval; try a narrower interval or the numerical method`);
  }
}
