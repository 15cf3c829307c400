/**
 * `weighted`: least squares weighted by the distribution of the inputs,
 *   minimise integral_a^b (f(x) - p(x))^2 w(x) dx,
 * the practical choice when the pre-activations are not uniform (e.g. concentrated near 0 with
 * rare large values): the error is made small where inputs actually fall. The weight is
 * - `density: 'normal'` (default): N(mean, sd^2) with the paper's normal-node defaults
 *   mean = (a + b)/2, sd = ceil((b - a)/6), restricted to [a, b];
 * - `histogram: { edges, counts }`: a piecewise-constant density (e.g. a histogram of the
 *   pre-activations of the Section 5 network);
 * - `sample`: an empirical sample; then the fit is plain least squares on the sample points that
 *   lie in [a, b] (the empirical measure), and the number left out is reported.
 *
 * The continuous cases are discretised by composite 16-point Gauss-Legendre panels on [-1, 1]
 * (256 equal panels, split further at f's breakpoints and the histogram edges, so both are
 * integrated without a kink inside a panel) and solved as a weighted least-squares problem
 * sqrt(w_i q_i) (A c - y) by Householder QR (ml-matrix) in the Chebyshev basis: QR squares no
 * condition number, which matters for narrow weights at high degree.
 */
import { Matrix, QrDecomposition } from 'ml-matrix';
import type { Activation } from '../activations';
import { InputError, requireFinite } from '../errors';
import { Polynomial } from '../polynomial';
import type { Interval } from '../polynomial';
import { gaussLegendre } from '../quadrature';
import { chebyshevRow } from '../chebyshev';
import type { FitResult } from './types';
import { registerMethod } from './types';
import { checkFitArguments, optionsObject, rejectUnknownOptions } from './validate';

export interface Histogram {
  /** Bin edges in x, ascending (length = counts.length + 1). */
  readonly edges: ArrayLike<number>;
  /** Non-negative counts (or densities) per bin. */
  readonly counts: ArrayLike<number>;
}

export interface WeightedOptions {
  /** 'normal' (default) or a density function of x (non-negative, finite on [a, b]). */
  density?: 'normal' | ((x: number) => number);
  /** Mean of the normal density (default (a + b)/2). */
  mean?: number;
  /** Standard deviation of the normal density (default ceil((b - a)/6), as the paper's normal nodes). */
  sd?: number;
  /** A piecewise-constant density instead of `density`. */
  histogram?: Histogram;
  /** An empirical sample instead of `density` (least squares on the sample points in [a, b]). */
  sample?: ArrayLike<number>;
}

const PANELS = 256;

/** Composite Gauss-Legendre nodes and weights on [-1, 1] with the given extra panel edges. */
function compositeRule(extraEdges: number[]): { t: number[]; q: number[] } {
  const edges = new Set<number>();
  for (let i = 0; i <= PANELS; i++) edges.add(-1 + (2 * i) / PANELS);
  for (const e of extraEdges) if (e > -1 && e < 1) edges.add(e);
  const sorted = [...edges].sort((u, v) => u - v);
  const g = gaussLegendre(16);
  const t: number[] = [], q: number[] = [];
  for (let p = 0; p + 1 < sorted.length; p++) {
    const lo = sorted[p], hi = sorted[p + 1], h = (hi - lo) / 2, mid = (hi + lo) / 2;
    for (let i = 0; i < g.nodes.length; i++) { t.push(mid + h * g.nodes[i]); q.push(h * g.weights[i]); }
  }
  return { t, q };
}

/** Weighted least squares in the Chebyshev basis by QR; rows with zero weight are dropped. */
function solveWeighted(t: number[], y: number[], w: number[], degree: number, argument = 'density'): number[] {
  const keep = w.map((v, i) => (v > 0 ? i : -1)).filter((i) => i >= 0);
  if (keep.length <= degree) throw new InputError(argument, `expected a weight positive on at least degree + 1 = ${degree + 1} points of the interval`);
  const A = new Matrix(keep.length, degree + 1), b = new Matrix(keep.length, 1);
  const row = new Float64Array(degree + 1);
  keep.forEach((i, r) => {
    const s = Math.sqrt(w[i]);
    chebyshevRow(t[i], degree, row);
    for (let k = 0; k <= degree; k++) A.set(r, k, s * row[k]);
    b.set(r, 0, s * y[i]);
  });
  const qr = new QrDecomposition(A);
  if (!qr.isFullRank()) throw new InputError(argument, `the weight supports fewer than degree + 1 = ${degree + 1} distinct points`);
  return qr.solve(b).getColumn(0);
}

/** Least squares of degree N weighted by the input distribution. */
export function weightedFit(f: Activation, degree: number, interval: Interval, options: WeightedOptions = {}): FitResult {
  const [a, b] = checkFitArguments(f, degree, interval);
  const opts = optionsObject(options);
  rejectUnknownOptions('weighted', opts, ['density', 'mean', 'sd', 'histogram', 'sample']);
  const given = ['density', 'histogram', 'sample'].filter((k) => opts[k] !== undefined);
  if (given.length > 1) throw new InputError(given[1], `give only one of density, histogram, sample (got ${given.join(', ')})`);
  const m = (a + b) / 2, h = (b - a) / 2;
  const toT = (x: number): number => (2 * x - (a + b)) / (b - a);
  const kinks = (f.breakpoints ?? []).map(toT);
  let coefficients: number[];
  let params: Record<string, unknown>;
  if (options.sample !== undefined) {
    const s = options.sample;
    if (typeof s !== 'object' || typeof s.length !== 'number') throw new InputError('sample', 'expected an array of numbers');
    const t: number[] = [];
    let outside = 0;
    for (let i = 0; i < s.length; i++) {
      const x = requireFinite(`sample[${i}]`, s[i]);
      if (x < a || x > b) outside++;
      else t.push(toT(x));
    }
    coefficients = solveWeighted(t, t.map((v) => f.value(m + h * v)), t.map(() => 1 / t.length), degree, 'sample');
    params = { weight: 'sample', size: s.length, outside };
  } else if (options.histogram !== undefined) {
    const { edges, counts } = options.histogram;
    if (!edges || !counts || edges.length !== counts.length + 1 || counts.length === 0) {
      throw new InputError('histogram', 'expected { edges, counts } with edges.length = counts.length + 1 >= 2');
    }
    for (let i = 0; i < edges.length; i++) {
      requireFinite(`histogram.edges[${i}]`, edges[i]);
      if (i > 0 && !(edges[i] > edges[i - 1])) throw new InputError('histogram.edges', 'expected strictly ascending edges');
    }
    for (let i = 0; i < counts.length; i++) {
      if (!(requireFinite(`histogram.counts[${i}]`, counts[i]) >= 0)) throw new InputError(`histogram.counts[${i}]`, `expected a non-negative count, got ${counts[i]}`);
    }
    const density = (x: number): number => {
      if (x < edges[0] || x > edges[edges.length - 1]) return 0;
      let lo = 0, hi = counts.length - 1;
      while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (edges[mid] <= x) lo = mid; else hi = mid - 1; }
      return counts[lo] / (edges[lo + 1] - edges[lo]);
    };
    const { t, q } = compositeRule([...kinks, ...Array.from(edges, toT)]);
    coefficients = solveWeighted(t, t.map((v) => f.value(m + h * v)), t.map((v, i) => q[i] * density(m + h * v)), degree);
    params = { weight: 'histogram', bins: counts.length };
  } else {
    const d = options.density ?? 'normal';
    let density: (x: number) => number;
    if (d === 'normal') {
      const mean = requireFinite('mean', options.mean ?? m);
      const sd = requireFinite('sd', options.sd ?? Math.ceil((b - a) / 6));
      if (!(sd > 0)) throw new InputError('sd', `expected a positive standard deviation, got ${sd}`);
      density = (x) => Math.exp(-0.5 * ((x - mean) / sd) ** 2);
      params = { weight: 'normal', mean, sd };
    } else if (typeof d === 'function') {
      density = (x) => {
        const v = d(x);
        if (!Number.isFinite(v) || v < 0) throw new InputError('density', `expected a finite non-negative density, got ${v} at x = ${x}`);
        return v;
      };
      params = { weight: 'function' };
    } else {
      throw new InputError('density', `expected 'normal' or a function of x, got ${String(d)}`);
    }
    const { t, q } = compositeRule(kinks);
    const w = t.map((v, i) => q[i] * density(m + h * v));
    if (d === 'normal' && w.filter((v) => v > 0).length <= degree) {
      // A normal density far from the interval, or narrower than its quadrature panels, underflows to 0 on it: name the option that did it.
      const blame = options.mean !== undefined && (options.mean < a || options.mean > b) ? 'mean' : 'sd';
      throw new InputError(blame, `the normal density (mean ${params.mean}, sd ${params.sd}) is 0 in double precision at all but ${w.filter((v) => v > 0).length} of the ${t.length} quadrature points of [${a}, ${b}]; expected a mean near the interval and an sd of at least about ${((b - a) / PANELS).toPrecision(2)}`);
    }
    coefficients = solveWeighted(t, t.map((v) => f.value(m + h * v)), w, degree);
  }
  return { polynomial: new Polynomial(coefficients, [a, b]), method: 'weighted', params };
}

registerMethod({
  name: 'weighted',
  description: 'Least squares weighted by the input distribution (normal by default, or a histogram / sample)',
  options: [
    { name: 'density', type: 'string', description: 'input density', default: 'normal', choices: ['normal'] },
    { name: 'mean', type: 'number', description: 'mean of the normal density (default: centre of the interval)' },
    { name: 'sd', type: 'number', description: 'standard deviation of the normal density (default: ceil((b - a)/6))' },
  ],
  fit: (f, degree, interval, options) => weightedFit(f, degree, interval, options as WeightedOptions),
});
