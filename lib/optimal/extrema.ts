/**
 * Dense search for the local extrema of an error function e(t) = g(t) - p(t) on [-1, 1].
 *
 * The Remez exchange needs every local extremum of the error on the continuum, including at a
 * kink (ReLU at 0) and inside steep regions (sigmoid on [-200, 200] rises over |t| < 0.02). The
 * search grid is the union of a uniform grid (resolves steep interior regions), Chebyshev extreme
 * points (resolve the fast polynomial oscillations near +-1) and given breakpoints (kinks), with
 * g cached on it; each discrete local maximum of |e| is then refined by golden-section search in
 * the bracket of its two grid neighbours, where |e| is unimodal once the grid resolves it.
 */
import { chebyshevExtremePoints } from '../chebyshev';

/** g sampled once on a sorted grid in [-1, 1]; reused across Remez iterations (only p changes). */
export interface SearchGrid {
  readonly t: Float64Array;
  readonly g: Float64Array;
}

/** A local extremum of the signed error e = g - p. */
export interface ErrorExtremum {
  readonly t: number;
  readonly error: number;
}

/**
 * The search grid: `size` uniform points, `size / 4` Chebyshev extreme points and the
 * breakpoints (t values in (-1, 1)), sorted and deduplicated, with g evaluated on it.
 */
export function searchGrid(g: (t: number) => number, size: number, breakpoints: readonly number[] = []): SearchGrid {
  const pts: number[] = [];
  for (let i = 0; i < size; i++) pts.push(-1 + (2 * i) / (size - 1));
  pts.push(...chebyshevExtremePoints(Math.max(2, Math.floor(size / 4))));
  for (const b of breakpoints) if (b > -1 && b < 1) pts.push(b);
  pts.sort((u, v) => u - v);
  const t: number[] = [];
  for (const p of pts) if (t.length === 0 || p - t[t.length - 1] > 1e-15) t.push(p);
  const tt = Float64Array.from(t);
  return { t: tt, g: tt.map(g) };
}

const INV_PHI = (Math.sqrt(5) - 1) / 2;

/** argmax of |e| on [lo, hi] by golden-section search (unimodal |e| assumed); returns the best point seen. */
function refine(e: (t: number) => number, lo: number, hi: number, start: ErrorExtremum): ErrorExtremum {
  let best = start;
  let x1 = hi - INV_PHI * (hi - lo), x2 = lo + INV_PHI * (hi - lo);
  let e1 = e(x1), e2 = e(x2);
  for (let i = 0; i < 80 && hi - lo > 1e-14; i++) {
    if (Math.abs(e1) >= Math.abs(e2)) {
      hi = x2; x2 = x1; e2 = e1;
      x1 = hi - INV_PHI * (hi - lo); e1 = e(x1);
    } else {
      lo = x1; x1 = x2; e1 = e2;
      x2 = lo + INV_PHI * (hi - lo); e2 = e(x2);
    }
  }
  for (const [t, v] of [[x1, e1], [x2, e2]] as const) {
    // Only accept a refined point of the same sign: the bracket holds one extremum of e.
    if (Math.abs(v) > Math.abs(best.error) && Math.sign(v) === Math.sign(best.error)) best = { t, error: v };
  }
  return best;
}

/**
 * Every local extremum of e = g - p on [-1, 1] (endpoints included), ascending in t, refined on the
 * continuum. `g` evaluates the target off the grid; `p` the current polynomial.
 */
export function errorExtrema(grid: SearchGrid, g: (t: number) => number, p: (t: number) => number): ErrorExtremum[] {
  const n = grid.t.length;
  const err = new Float64Array(n);
  for (let i = 0; i < n; i++) err[i] = grid.g[i] - p(grid.t[i]);
  const e = (t: number): number => g(t) - p(t);
  const out: ErrorExtremum[] = [];
  for (let i = 0; i < n; i++) {
    const a = Math.abs(err[i]);
    const left = i > 0 ? Math.abs(err[i - 1]) : -1, right = i < n - 1 ? Math.abs(err[i + 1]) : -1;
    // A local maximum of |e| with e of one sign around it (a sign change is a zero, not an extremum).
    if (!(a >= left && a > right) && !(a > left && a >= right)) continue;
    const start = { t: grid.t[i], error: err[i] };
    out.push(refine(e, grid.t[Math.max(0, i - 1)], grid.t[Math.min(n - 1, i + 1)], start));
  }
  return out;
}
