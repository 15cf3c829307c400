/**
 * The polynomial minimising the paper's rho = sqrt(MSE^2 + max_loss^2) on a grid, with a
 * certificate of global optimality.
 *
 * rho is convex in the coefficients c (MSE is a convex quadratic, max_loss a max of absolute
 * values, and the Euclidean norm of two non-negative convex functions is convex), so a local
 * optimum is global. We solve the epigraph form
 *
 *     minimise  phi(c, s) = sqrt(Q(c)^2 + s^2)   subject to  |a_i . c - y_i| <= s,  i in W,
 *
 * with Q(c) the MSE over the whole grid (exact, via the Gram matrix: Q = d'Gd + Q_LS with
 * d = c - c_LS, free of cancellation) and W a working set of grid points (cutting planes):
 *
 * - For a given W the problem is a relaxation of the full one (fewer max constraints), so its
 *   optimum is a LOWER bound on the optimal rho. It is solved by a log-barrier interior-point
 *   method (Newton's method on t*phi - sum log(s -+ r_i)); at the central point the duality gap is
 *   exactly 2|W|/t, so phi - 2|W|/t is the certified lower bound (we centre to a Newton
 *   decrement lambda^2 below 1e-10 and subtract lambda^2/t as well for the inexact centering).
 * - The same c evaluated on the whole grid gives the achieved rho, an UPPER bound.
 * - Grid points whose error exceeds s (local maxima of |error|) are added to W; repeat until the
 *   two bounds agree to the tolerance. Only about N + 2 constraints are active at the optimum, so
 *   W stays small (tens to a few hundred points) even on a 100001-point grid.
 */
import { CholeskyDecomposition, Matrix, solve } from 'ml-matrix';
import { chebyshevRow } from '../chebyshev';
import { NotReachedError } from '../errors';
import { isAtRoundingLevel } from './rounding';

export interface RhoSolverOptions {
  /** Stop when (upper - lower) <= tolerance * upper (default 1e-7). */
  tolerance?: number;
  /** Cutting-plane rounds before giving up (default 60). */
  maxRounds?: number;
  /**
   * Magnitude of the data before normalisation, in normalised units (normalisedScale of its
   * range; default 1): a least-squares residual at rounding level of it means y is reproduced.
   */
  scale?: number;
}

/** Most constraints added per round: the largest violations. A residual of pure rounding noise has ~M/3 local maxima. */
function cutsPerRound(degree: number): number {
  return 2 * (degree + 2);
}

export interface RhoSolution {
  /** Chebyshev coefficients in t of the optimum, in the units of y. */
  readonly coefficients: number[];
  readonly rho: number;
  readonly mse: number;
  readonly maxLoss: number;
  /** Certified lower bound on the optimal rho over all polynomials of the degree. */
  readonly lowerBound: number;
  /** The least-squares solution's rho (the start) for reference. */
  readonly leastSquaresRho: number;
  readonly rounds: number;
  readonly workingSet: number;
  readonly newtonSteps: number;
}

/**
 * Absolute floor of the certificate in normalised units (y in [0, 1]): residuals are computed with
 * errors of a few ulps, so for optima near machine precision the bounds agree to this, not better.
 */
export const ROUNDING_FLOOR = 1e-13;

/** The rho-optimal polynomial of degree N for data y at points t in [-1, 1] (y already normalised). */
export function rhoOptimalOnGrid(t: ArrayLike<number>, y: ArrayLike<number>, degree: number, options: RhoSolverOptions = {}): RhoSolution {
  const tolerance = options.tolerance ?? 1e-7;
  const maxRounds = options.maxRounds ?? 60;
  const M = t.length, n = degree + 1;
  // Basis rows of the whole grid, row-major (M x n): 100001 x 17 doubles = 13.6 MB at most.
  const A = new Float64Array(M * n);
  const row = new Float64Array(n);
  const Gf = new Float64Array(n * n), rf = new Float64Array(n);
  for (let i = 0; i < M; i++) {
    chebyshevRow(t[i], degree, row);
    A.set(row, i * n);
    const yi = y[i];
    for (let j = 0; j < n; j++) {
      const rj = row[j];
      rf[j] += rj * yi;
      for (let k = 0; k <= j; k++) Gf[j * n + k] += rj * row[k];
    }
  }
  const G = new Matrix(n, n), rhs = new Matrix(n, 1);
  for (let j = 0; j < n; j++) {
    rhs.set(j, 0, rf[j] / M);
    for (let k = 0; k <= j; k++) { G.set(j, k, Gf[j * n + k] / M); G.set(k, j, Gf[j * n + k] / M); }
  }
  const chol = new CholeskyDecomposition(G);
  if (!chol.isPositiveDefinite()) {
    throw new NotReachedError(`rho-optimal: the least-squares Gram matrix of degree ${degree} on these ${M} points is singular in double precision (fewer than ${n} distinct points after rounding); use a lower degree or a wider interval`);
  }
  const cLS = chol.solve(rhs).getColumn(0);

  const residual = (c: ArrayLike<number>): Float64Array => {
    const r = new Float64Array(M);
    for (let i = 0; i < M; i++) {
      let v = -y[i];
      for (let k = 0; k < n; k++) v += A[i * n + k] * c[k];
      r[i] = v;
    }
    return r;
  };
  const stats = (r: Float64Array): { mse: number; maxLoss: number; rho: number } => {
    let sq = 0, mx = 0;
    for (let i = 0; i < M; i++) { sq += r[i] * r[i]; mx = Math.max(mx, Math.abs(r[i])); }
    return { mse: sq / M, maxLoss: mx, rho: Math.hypot(sq / M, mx) };
  };

  const rLS = residual(cLS);
  const ls = stats(rLS);
  if (isAtRoundingLevel(ls.maxLoss, options.scale ?? 1)) {
    // y is a polynomial of degree <= N on the grid: least squares reproduces it; rho* = 0.
    return { coefficients: cLS, ...ls, lowerBound: 0, leastSquaresRho: ls.rho, rounds: 0, workingSet: 0, newtonSteps: 0 };
  }
  const q0 = ls.mse;
  const gram = G.to2DArray();

  const inW = new Uint8Array(M);
  const W: number[] = [];
  const addExtrema = (r: Float64Array, above: number): number => {
    const found: number[] = [];
    for (let i = 0; i < M; i++) {
      const v = Math.abs(r[i]);
      if (v <= above || inW[i]) continue;
      if ((i > 0 && Math.abs(r[i - 1]) > v) || (i < M - 1 && Math.abs(r[i + 1]) > v)) continue;
      found.push(i);
    }
    // The largest violations first, a bounded number per round: the working set stays small.
    found.sort((u, v) => Math.abs(r[v]) - Math.abs(r[u]));
    const added = found.slice(0, cutsPerRound(degree));
    for (const i of added) { inW[i] = 1; W.push(i); }
    return added.length;
  };
  addExtrema(rLS, 0);

  let best = { c: cLS, ...ls };
  let lower = 0, rounds = 0, newtonSteps = 0;
  let c = cLS.slice();
  for (rounds = 1; rounds <= maxRounds; rounds++) {
    const sol = barrier(W.map((i) => A.subarray(i * n, (i + 1) * n)), W.map((i) => y[i]), gram, cLS, q0, c);
    newtonSteps += sol.newtonSteps;
    lower = Math.max(lower, sol.lowerBound);
    c = sol.c;
    const r = residual(c);
    const st = stats(r);
    if (st.rho < best.rho) best = { c, ...st };
    if (best.rho - lower <= tolerance * best.rho + ROUNDING_FLOOR) break;
    if (addExtrema(r, sol.s) === 0) break;
  }
  return {
    coefficients: best.c, rho: best.rho, mse: best.mse, maxLoss: best.maxLoss, lowerBound: Math.min(lower, best.rho),
    leastSquaresRho: ls.rho, rounds: Math.min(rounds, maxRounds), workingSet: W.length, newtonSteps,
  };
}

interface BarrierResult { c: number[]; s: number; lowerBound: number; newtonSteps: number }

/**
 * min sqrt(Q(c)^2 + s^2) s.t. |a_i . c - y_i| <= s (i over the rows given), Q(c) = d'Gd + q0,
 * d = c - cLS, by the log-barrier method started from c0 (any c: s starts strictly feasible).
 */
function barrier(rows: Float64Array[], y: number[], G: number[][], cLS: number[], q0: number, c0: number[]): BarrierResult {
  const n = cLS.length, m = rows.length, dim = n + 1;
  const x = [...c0, 0];
  const resid = (xx: number[], i: number): number => {
    let v = -y[i];
    const a = rows[i];
    for (let k = 0; k < n; k++) v += a[k] * xx[k];
    return v;
  };
  let smax = 0;
  for (let i = 0; i < m; i++) smax = Math.max(smax, Math.abs(resid(x, i)));
  x[n] = smax * 1.05 + 1e-12;
  const d = new Float64Array(n);
  const Qof = (xx: number[]): { Q: number; gQ: Float64Array } => {
    for (let k = 0; k < n; k++) d[k] = xx[k] - cLS[k];
    const gQ = new Float64Array(n);
    let Q = q0;
    for (let j = 0; j < n; j++) {
      const Gj = G[j];
      let v = 0;
      for (let k = 0; k < n; k++) v += Gj[k] * d[k];
      Q += d[j] * v;
      gQ[j] = 2 * v;
    }
    return { Q, gQ };
  };
  const phiOf = (xx: number[]): number => Math.hypot(Qof(xx).Q, xx[n]);
  // F(x1) - F(x0) for F = t phi - sum log(s -+ r_i), summed as log-ratios: F itself reaches 1e11
  // at the end, where its rounding would hide the Armijo decrease of a well-centred Newton step.
  const Fdiff = (x1: number[], x0: number[], tt: number): number => {
    let v = tt * (phiOf(x1) - phiOf(x0));
    const s1 = x1[n], s0 = x0[n];
    for (let i = 0; i < m; i++) {
      const r1 = resid(x1, i), r0 = resid(x0, i);
      if (s1 - r1 <= 0 || s1 + r1 <= 0) return Infinity;
      v -= Math.log((s1 - r1) / (s0 - r0)) + Math.log((s1 + r1) / (s0 + r0));
    }
    return v;
  };
  let tt = (20 * m) / phiOf(x);
  const mu = 10;
  let steps = 0, lastDecrement = 0, stalled = false, certified = 0;
  let best = { c: x.slice(0, n), s: x[n] };
  for (let outer = 0; outer < 60; outer++) {
    // Centering by damped Newton.
    for (let it = 0; it < 100; it++) {
      const { Q, gQ } = Qof(x);
      const s = x[n];
      const phi = Math.hypot(Q, s);
      const grad = new Float64Array(dim);
      // Hessian accumulated in a flat array (row-major dim x dim, lower triangle), copied to ml-matrix once.
      const Hf = new Float64Array(dim * dim);
      for (let k = 0; k < n; k++) grad[k] = (tt * Q * gQ[k]) / phi;
      grad[n] = (tt * s) / phi;
      const p3 = tt / phi ** 3;
      for (let j = 0; j < n; j++) {
        for (let k = 0; k <= j; k++) Hf[j * dim + k] = p3 * s * s * gQ[j] * gQ[k] + ((tt * Q) / phi) * 2 * G[j][k];
        Hf[n * dim + j] = -p3 * Q * s * gQ[j];
      }
      Hf[n * dim + n] = p3 * Q * Q;
      for (let i = 0; i < m; i++) {
        const r = resid(x, i), a = rows[i];
        const u = 1 / (s - r), v = 1 / (s + r);
        // d/dc: a (u - v); d/ds: -(u + v).
        const uv = u - v, u2 = u * u, v2 = v * v, w = u2 + v2, z = v2 - u2;
        for (let j = 0; j < n; j++) {
          const aj = a[j];
          grad[j] += aj * uv;
          const awj = aj * w, base = j * dim;
          for (let k = 0; k <= j; k++) Hf[base + k] += awj * a[k];
          Hf[n * dim + j] += aj * z;
        }
        grad[n] -= u + v;
        Hf[n * dim + n] += w;
      }
      const H = new Matrix(dim, dim);
      for (let j = 0; j < dim; j++) for (let k = 0; k <= j; k++) { H.set(j, k, Hf[j * dim + k]); H.set(k, j, Hf[j * dim + k]); }
      const g = Matrix.columnVector(Array.from(grad));
      let step: number[];
      try {
        const chol = new CholeskyDecomposition(H);
        step = (chol.isPositiveDefinite() ? chol.solve(g) : solve(H, g)).getColumn(0).map((v) => -v);
      } catch {
        stalled = true; // Hessian numerically singular (optimum near machine precision)
        break;
      }
      const decrement = -step.reduce((acc, v, k) => acc + v * grad[k], 0);
      steps++;
      if (!Number.isFinite(decrement) || decrement < 0) { stalled = true; break; }
      lastDecrement = decrement;
      if (!(decrement > 1e-10)) break;
      // Backtracking: stay strictly feasible, then Armijo.
      let alpha = 1;
      let accepted = false;
      for (let ls = 0; ls < 60; ls++) {
        const trial = x.map((v, k) => v + alpha * step[k]);
        if (Fdiff(trial, x, tt) <= -0.25 * alpha * decrement) { for (let k = 0; k < dim; k++) x[k] = trial[k]; accepted = true; break; }
        alpha /= 2;
      }
      if (!accepted) break;
    }
    if (stalled) break;
    // Duality gap at the central point: 2m/t; the centering error (about decrement/2 in t*phi) is added.
    const phi = phiOf(x);
    certified = Math.max(certified, phi - (2 * m + lastDecrement) / tt);
    best = { c: x.slice(0, n), s: x[n] };
    if ((2 * m) / tt <= Math.max(1e-10 * phi, ROUNDING_FLOOR / 100)) break;
    tt *= mu;
  }
  // After a stall the last centred point is kept: its bound is the one certified.
  return { c: best.c, s: best.s, lowerBound: Math.max(0, certified), newtonSteps: steps };
}
