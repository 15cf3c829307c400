/**
 * The Remez exchange algorithm for the best uniform (minimax) polynomial approximation of degree N
 * to g on [-1, 1], in the Chebyshev basis.
 *
 * Each iteration solves the levelled-error system sum_k c_k T_k(t_i) + (-1)^i h = g(t_i) on a
 * reference of N + 2 points, then exchanges the whole reference for N + 2 consecutive alternating
 * local extrema of the new error that include its global maximum (multi-point exchange). By de la
 * Vallee Poussin's theorem, if the error of p alternates in sign on N + 2 points, the smallest |error|
 * there is a lower bound on the best achievable max error; the max error of p on the continuum is an
 * upper bound. Iteration stops when the two agree to `tolerance` (relative; or to the rounding floor
 * of the error evaluation, for errors near machine precision), and the certificate is exactly that
 * pair of bounds with the alternation points.
 */
import { Matrix, solve } from 'ml-matrix';
import { clenshaw } from '../polynomial';
import { chebyshevExtremePoints, chebyshevInterpolation, chebyshevRow } from '../chebyshev';
import { NotReachedError } from '../errors';
import { ErrorExtremum, SearchGrid, errorExtrema } from './extrema';

export interface RemezOptions {
  /** Stop when (upper - lower) <= tolerance * upper (default 1e-9). */
  tolerance?: number;
  /** Give up after this many exchanges (default 100). */
  maxIterations?: number;
  /** Budget of evaluations of g (default 4e5): an exchange that needs more stops with RemezConvergenceError. */
  maxEvaluations?: number;
  /**
   * Absolute noise of g itself beyond rounding of its value (default 0), e.g. from rounding its
   * argument x = m + h t: the bounds need not agree more closely than that.
   */
  noise?: number;
}

export interface RemezResult {
  /** Chebyshev coefficients c_0..c_N in t. */
  readonly coefficients: number[];
  /** The final reference: N + 2 points t and signed errors g - p there (alternating in sign). */
  readonly alternation: ErrorExtremum[];
  /** Every local extremum of the final error, merged to alternate in sign (the reference is a window of it). */
  readonly extrema: ErrorExtremum[];
  /** |h| of the last levelled-error solve. */
  readonly levelledError: number;
  /** de la Vallee Poussin lower bound on the best max error: min |error| on the alternation set. */
  readonly lowerBound: number;
  /** Max |g - p| on the searched continuum: an upper bound on the best max error. */
  readonly upperBound: number;
  /** The rounding floor of the error evaluation; the bounds agree to tolerance * upper + roundingFloor. */
  readonly roundingFloor?: number;
  /** Exchanges performed (0: g is a polynomial of degree <= N, reproduced to rounding; no alternation). */
  readonly iterations: number;
}

/** The default evaluation budget of remez: 4.6 times the most an activation needed at N = 64 (softplus on [-8, 8]: 86,552; relu on [-200, 200]: 25,340). */
export const DEFAULT_REMEZ_EVALUATIONS = 4e5;

/** Thrown when the exchange does not converge (valid input, tolerance not reached: the CLI exits 3); carries what was reached. */
export class RemezConvergenceError extends NotReachedError {
  readonly reached: RemezResult;
  constructor(message: string, reached: RemezResult) {
    super(message);
    this.name = 'RemezConvergenceError';
    this.reached = reached;
  }
}

/**
 * de la Vallee Poussin on a finite set: when the errors f - p alternate in sign on N + 2 of the
 * points, no polynomial of degree N has a smaller max error on the points than the least |error|
 * among them. Returns the best such bound over windows of N + 2 alternating points (0 when the
 * errors alternate fewer than N + 2 times).
 */
export function alternationLowerBound(points: readonly ErrorExtremum[], degree: number): number {
  const alt = chooseWindow(alternating([...points]), degree + 2);
  return alt.length >= degree + 2 ? Math.min(...alt.map((e) => Math.abs(e.error))) : 0;
}

/** Keep the largest |error| of each run of equal signs: the result alternates in sign. */
function alternating(points: ErrorExtremum[]): ErrorExtremum[] {
  const out: ErrorExtremum[] = [];
  for (const p of points) {
    if (p.error === 0) continue;
    const last = out[out.length - 1];
    if (last && Math.sign(last.error) === Math.sign(p.error)) {
      if (Math.abs(p.error) > Math.abs(last.error)) out[out.length - 1] = p;
    } else out.push(p);
  }
  return out;
}

/** Of all windows of `count` consecutive points containing the global max, the one with the largest min |error|. */
function chooseWindow(points: ErrorExtremum[], count: number): ErrorExtremum[] {
  if (points.length <= count) return points;
  let iMax = 0;
  points.forEach((p, i) => { if (Math.abs(p.error) > Math.abs(points[iMax].error)) iMax = i; });
  let best = -1, bestMin = -1;
  for (let s = Math.max(0, iMax - count + 1); s <= Math.min(iMax, points.length - count); s++) {
    let m = Infinity;
    for (let i = s; i < s + count; i++) m = Math.min(m, Math.abs(points[i].error));
    if (m > bestMin) { bestMin = m; best = s; }
  }
  return points.slice(best, best + count);
}

/** Solve the levelled-error system on the reference; returns coefficients and h. */
function levelledSolve(ref: readonly number[], gRef: readonly number[], degree: number): { c: number[]; h: number } {
  const n = degree + 2;
  const A = new Matrix(n, n);
  const row = new Float64Array(degree + 1);
  for (let i = 0; i < n; i++) {
    chebyshevRow(ref[i], degree, row);
    for (let k = 0; k <= degree; k++) A.set(i, k, row[k]);
    A.set(i, degree + 1, i % 2 === 0 ? 1 : -1);
  }
  const x = solve(A, Matrix.columnVector(gRef as number[])).getColumn(0);
  return { c: x.slice(0, degree + 1), h: x[degree + 1] };
}

/**
 * The first reference: N + 2 alternating extrema of the error of the near-best Chebyshev projection,
 * or the Chebyshev extreme points when that error alternates too few times. Starting from the
 * extreme points alone fails for |t|-like targets at even N (and odd-like at odd N): the symmetric
 * reference gives h = 0 and an interpolant whose error alternates only N + 1 times.
 */
function initialReference(g: (t: number) => number, degree: number, grid: SearchGrid, roundingLevel: number): { ref: number[]; c: number[]; upper: number } {
  const c = chebyshevInterpolation(g, degree);
  // An error of pure rounding noise on the grid has thousands of local maxima: refining them is wasted (seconds at N = 64).
  let gridUpper = 0;
  for (let i = 0; i < grid.t.length; i++) gridUpper = Math.max(gridUpper, Math.abs(grid.g[i] - clenshaw(c, grid.t[i])));
  if (gridUpper <= roundingLevel) return { ref: [], c, upper: gridUpper };
  const found = errorExtrema(grid, g, (t) => clenshaw(c, t));
  let upper = 0;
  for (const e of found) upper = Math.max(upper, Math.abs(e.error));
  const alt = chooseWindow(alternating(found), degree + 2);
  const ref = alt.length === degree + 2 ? alt.map((e) => e.t) : Array.from(chebyshevExtremePoints(degree + 2));
  return { ref, c, upper };
}

/**
 * Best uniform approximation of degree `degree` to g on [-1, 1], searching the error on `grid`.
 * Throws RemezConvergenceError (with the last iterate) when the bounds do not meet in time.
 */
export function remez(target: (t: number) => number, degree: number, grid: SearchGrid, options: RemezOptions = {}): RemezResult {
  const tolerance = options.tolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 100;
  const maxEvaluations = options.maxEvaluations ?? DEFAULT_REMEZ_EVALUATIONS;
  let evaluations = 0;
  const g = (t: number): number => { evaluations++; return target(t); };
  let gScale = 0;
  for (const v of grid.g) gScale = Math.max(gScale, Math.abs(v));
  // g is (numerically) a polynomial of degree <= N: the projection reproduces it and the optimum is 0;
  // a levelled solve on an error of pure rounding noise would be meaningless.
  const roundingLevel = 1e-13 * gScale;
  const start = initialReference(g, degree, grid, roundingLevel);
  if (start.upper <= roundingLevel) {
    return { coefficients: start.c, alternation: [], extrema: [], levelledError: 0, lowerBound: 0, upperBound: start.upper, iterations: 0 };
  }
  let ref = start.ref;
  let last: RemezResult | undefined;
  for (let it = 1; it <= maxIterations; it++) {
    const { c, h } = levelledSolve(ref, ref.map(g), degree);
    const p = (t: number): number => clenshaw(c, t);
    const found = errorExtrema(grid, g, p);
    let upper = 0;
    for (const e of found) upper = Math.max(upper, Math.abs(e.error));
    // The old reference alternates with |error| = |h|: merging it in guarantees >= N + 2 alternations.
    // Except when h vanishes (a symmetric reference for an even/odd-structured g, e.g. |t| at even N):
    // then p interpolates g on the reference and the exchange restarts from the extrema of its error.
    const degenerate = Math.abs(h) <= 1e-12 * upper;
    const candidates = degenerate ? found : [...found, ...ref.map((t) => ({ t, error: g(t) - p(t) }))].sort((u, v) => u.t - v.t);
    const merged = alternating(candidates);
    const alt = chooseWindow(merged, degree + 2);
    const lower = alt.length >= degree + 2 ? Math.min(...alt.map((e) => Math.abs(e.error))) : 0;
    last = { coefficients: c, alternation: alt, extrema: merged, levelledError: Math.abs(h), lowerBound: lower, upperBound: upper, iterations: it };
    // Rounding floor: g and p are evaluated with errors of a few ulps of their size (Clenshaw: about
    // N eps sum|c_k|); below it the bounds cannot be resolved further and agreeing to it is converged.
    let cSum = 0;
    for (const v of c) cSum += Math.abs(v);
    const floor = 4 * (degree + 1) * Number.EPSILON * (gScale + cSum) + (options.noise ?? 0);
    if (upper - lower <= tolerance * upper + floor) return { ...last, roundingFloor: floor };
    if (alt.length < degree + 2 || evaluations > maxEvaluations) break;
    ref = alt.map((e) => e.t);
  }
  const r = last as RemezResult;
  const budget = evaluations > maxEvaluations ? ` (stopped at the budget of ${maxEvaluations} evaluations of f: f jumps or wiggles too often for the exchange)` : '';
  throw new RemezConvergenceError(
    `Remez exchange did not converge for degree ${degree} after ${r.iterations} iterations${budget}: ` +
      `reached lower bound ${r.lowerBound.toPrecision(6)}, upper bound ${r.upperBound.toPrecision(6)} ` +
      `(relative gap ${((r.upperBound - r.lowerBound) / r.upperBound).toExponential(2)} > tolerance ${tolerance}); ` +
      'try a larger searchGrid, a looser tolerance or more iterations',
    r,
  );
}
