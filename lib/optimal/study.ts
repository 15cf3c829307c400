/**
 * Studies built on the optimal methods, shared by `polyact compare`, notebook 07-optimal, the
 * template notebook and the tests: every method side by side with the certified optimum, the
 * paper's Table 6 against the optimal rho, max_loss versus degree, the interval study, and the
 * equal-pairs structure of the minimax approximations.
 */
import type { Activation } from '../activations';
import { activation, requireFiniteOn } from '../activations';
import { InputError, NotReachedError, requireInteger, requireInterval } from '../errors';
import { fit } from '../fit/index';
import type { MinimaxCertificate } from '../fit/minimax';
import type { RhoCertificate } from '../fit/rho-optimal';
import type { FitResult } from '../fit/types';
import { methods } from '../fit/types';
import { DEFAULT_GRID, MAX_GRID, linspace, metrics } from '../metrics';
import { requireFitInterval } from '../fit/validate';
import { alternationLowerBound } from './remez';
import { isAtRoundingLevel, normalisedScale } from './rounding';
import { Polynomial } from '../polynomial';
import type { Interval } from '../polynomial';
import { PAPER_INTERVAL, paperRows, paperSummary, rowPolynomial } from '../paper/data';

/** One way of fitting: a registry method with options, under a display label. */
export interface Variant {
  readonly label: string;
  readonly method: string;
  readonly options?: Readonly<Record<string, unknown>>;
}

/** The default line-up: the paper's methods (numerical with its three node rules), then the beyond-the-paper ones. */
export const DEFAULT_VARIANTS: readonly Variant[] = Object.freeze([
  { label: 'numerical (uniform)', method: 'numerical', options: { nodes: 'uniform', m: 1000, seed: 1 } },
  { label: 'numerical (normal)', method: 'numerical', options: { nodes: 'normal', m: 1000, seed: 1 } },
  { label: 'numerical (chebyshev)', method: 'numerical', options: { nodes: 'chebyshev', m: 1000 } },
  { label: 'taylor', method: 'taylor' },
  { label: 'chebyshev', method: 'chebyshev' },
  { label: 'derivative', method: 'derivative' },
  { label: 'legendre', method: 'legendre' },
  { label: 'weighted (normal)', method: 'weighted' },
  { label: 'minimax', method: 'minimax' },
  { label: 'rho-optimal', method: 'rho-optimal' },
]);

/** A method's metrics for one degree, with its distance to the certified optima. */
export interface ComparisonRow {
  readonly label: string;
  readonly method: string;
  readonly degree: number;
  readonly mse: number;
  readonly mae: number;
  readonly maxLoss: number;
  readonly rho: number;
  /** (rho - optimal rho) / optimal rho, in percent (0 for rho-optimal itself). */
  readonly rhoExcessPercent: number;
  /** (maxLoss - minimax max_loss) / minimax max_loss, in percent. */
  readonly maxLossExcessPercent: number;
  readonly polynomial?: Polynomial;
  readonly certificate?: Readonly<Record<string, unknown>>;
  /** Set when the method failed for this case (the message: bad input for it, or its budget), metrics are then NaN. */
  readonly error?: string;
  /** Set when an excess is NaN although the row has metrics: why (the optimum is at rounding level, or was not reached). */
  readonly note?: string;
}

/** The certified optimum of one degree on the metrics grid. */
export interface ComparisonOptimum {
  readonly degree: number;
  /** The rho-optimal polynomial's rho and the certified lower bound on any polynomial's rho (<= rho). */
  readonly rho: number;
  readonly rhoLower: number;
  /**
   * The minimax polynomial's max_loss on the grid, and a certified lower bound (<= maxLoss) on the
   * max_loss any polynomial of the degree reaches on the grid: de la Vallee Poussin on the grid
   * points where the minimax error alternates (the continuum bound of its certificate holds for
   * the interval, not for a coarse grid, where it can exceed the grid max).
   */
  readonly maxLoss: number;
  readonly maxLossLower: number;
  /** True when rho (resp. maxLoss) is at rounding level (lib/optimal/rounding.ts): f is reproduced and excesses over it mean nothing. */
  readonly rhoAtRoundingLevel: boolean;
  readonly maxLossAtRoundingLevel: boolean;
  /** Set when an optimal method could not reach its tolerance (its values are then NaN): the message. */
  readonly note?: string;
}

export interface Comparison {
  readonly fn: string;
  readonly interval: [number, number];
  readonly grid: number;
  readonly rows: ComparisonRow[];
  /** Per degree: certified optimal rho (lower bound and achieved) and minimax max_loss bounds. */
  readonly optimum: ComparisonOptimum[];
}

export interface CompareMethodsOptions {
  /** Metrics grid (default 100001; the paper: 201). rho-optimal is optimised on this grid. */
  grid?: number;
  /** The methods to compare (default DEFAULT_VARIANTS plus any other registered method). */
  variants?: readonly Variant[];
  /** Called after each degree (index from 0) with the seconds elapsed: progress for long runs. */
  onProgress?: (degree: number, index: number, total: number, seconds: number) => void;
}

function asActivation(f: Activation | string): Activation {
  return typeof f === 'string' ? activation(f) : f;
}

function checkDegrees(degrees: readonly number[]): number[] {
  if (!Array.isArray(degrees) || degrees.length === 0) throw new InputError('degrees', 'expected a non-empty array of degrees');
  return degrees.map((d, i) => requireInteger(`degrees[${i}]`, d, 0, 64));
}

/** The default variants plus every registered method they do not already cover (methods added later). */
export function defaultVariants(): Variant[] {
  const listed = new Set(DEFAULT_VARIANTS.map((v) => v.method));
  return [...DEFAULT_VARIANTS, ...methods().filter((m) => !listed.has(m.name)).map((m) => ({ label: m.name, method: m.name }))];
}

/** A fit that may fail on valid input: bad input for this method or its budget give the message; anything else is a bug and propagates. */
function attempt(run: () => FitResult): FitResult | string {
  try {
    return run();
  } catch (e) {
    if (e instanceof InputError || e instanceof NotReachedError) return e.message;
    throw e;
  }
}

/** The grid-valid lower bound on the best max_loss (normalised): de la Vallee Poussin on the grid errors of p. */
function gridMaxLossLower(f: Activation, p: Polynomial, xs: Float64Array, width: number, degree: number): number {
  const points = Array.from(xs, (x) => ({ t: x, error: (f.value(x) - p.evaluate(x)) / width }));
  return alternationLowerBound(points, degree);
}

/**
 * Every method of degree N on the interval, side by side with the optimum: the rho-optimal
 * polynomial (certified lower bound) and the minimax polynomial (max_loss on the grid with a
 * grid-valid certified lower bound). A method that fails for a degree (bad input for it, or its
 * budget) gives a row with the message in `error`; an optimum at rounding level (f is reproduced,
 * e.g. a polynomial of degree <= N) gives NaN excesses with a `note`.
 */
export function compareMethods(f: Activation | string, interval: Interval, degrees: readonly number[], options: CompareMethodsOptions = {}): Comparison {
  const fn = asActivation(f);
  const [a, b] = requireFitInterval('interval', interval);
  const ds = checkDegrees(degrees);
  const grid = requireInteger('grid', options.grid ?? DEFAULT_GRID, 2, MAX_GRID);
  const variants = options.variants ?? defaultVariants();
  // Bad input for every method is an error here, not a table of skipped rows.
  requireFiniteOn(fn, [a, b]);
  const rows: ComparisonRow[] = [];
  const optimum: ComparisonOptimum[] = [];
  const xs = linspace(grid, a, b);
  const t0 = performance.now();
  for (const [index, degree] of ds.entries()) {
    const rhoFit = attempt(() => fit('rho-optimal', fn, degree, [a, b], { grid }));
    const mmFit = attempt(() => fit('minimax', fn, degree, [a, b], { grid }));
    const rc = typeof rhoFit === 'string' ? undefined : (rhoFit.certificate as RhoCertificate);
    const mc = typeof mmFit === 'string' ? undefined : (mmFit.certificate as MinimaxCertificate);
    const range = rc?.range ?? mc?.range ?? metricsRange(fn, xs);
    const scale = normalisedScale(range);
    const maxLossLower = typeof mmFit === 'string' ? NaN : gridMaxLossLower(fn, mmFit.polynomial, xs, range[1] - range[0], degree);
    const notes = [rhoFit, mmFit].filter((r): r is string => typeof r === 'string');
    const rhoAtRoundingLevel = rc !== undefined && isAtRoundingLevel(rc.rho, scale), maxLossAtRoundingLevel = mc !== undefined && isAtRoundingLevel(mc.gridMaxLoss, scale);
    // At rounding level a positive bound from alternation errors is itself rounding (2x + 1, degree
    // 4: 6e-17 above a derivative row's 4e-17): the certified statement left is >= 0.
    const opt: ComparisonOptimum = {
      degree, rho: rc?.rho ?? NaN, rhoLower: rhoAtRoundingLevel ? 0 : rc?.lowerBound ?? NaN, maxLoss: mc?.gridMaxLoss ?? NaN,
      maxLossLower: maxLossAtRoundingLevel ? 0 : Math.min(maxLossLower, mc?.gridMaxLoss ?? NaN), rhoAtRoundingLevel, maxLossAtRoundingLevel,
      ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
    };
    optimum.push(opt);
    for (const v of variants) {
      const result = v.method === 'rho-optimal' && !v.options ? rhoFit : v.method === 'minimax' && !v.options ? mmFit : attempt(() => fit(v.method, fn, degree, [a, b], v.options ?? {}));
      if (typeof result === 'string') {
        rows.push({ label: v.label, method: v.method, degree, mse: NaN, mae: NaN, maxLoss: NaN, rho: NaN, rhoExcessPercent: NaN, maxLossExcessPercent: NaN, error: result });
        continue;
      }
      const m = metrics(fn, result.polynomial, [a, b], { grid });
      const rhoExcess = excess(m.rho, opt.rho, opt.rhoAtRoundingLevel), maxExcess = excess(m.maxLoss, opt.maxLoss, opt.maxLossAtRoundingLevel);
      const note = opt.rhoAtRoundingLevel || opt.maxLossAtRoundingLevel
        ? `excess not shown: the optimum is at rounding level (${(opt.rhoAtRoundingLevel ? opt.rho : opt.maxLoss).toExponential(1)}): f is reproduced by a polynomial of degree ${degree}`
        : opt.note !== undefined ? `excess not shown: the optimum was not reached (${opt.note})` : undefined;
      rows.push({
        label: v.label, method: v.method, degree, mse: m.mse, mae: m.mae, maxLoss: m.maxLoss, rho: m.rho,
        rhoExcessPercent: rhoExcess, maxLossExcessPercent: maxExcess,
        polynomial: result.polynomial, certificate: result.certificate, ...(note && !(Number.isFinite(rhoExcess) && Number.isFinite(maxExcess)) ? { note } : {}),
      });
    }
    options.onProgress?.(degree, index, ds.length, (performance.now() - t0) / 1000);
  }
  return { fn: fn.name, interval: [a, b], grid, rows, optimum };
}

/** [min f, max f] on the points (when neither optimal method gave it). */
function metricsRange(f: Activation, xs: Float64Array): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const x of xs) { const y = f.value(x); lo = Math.min(lo, y); hi = Math.max(hi, y); }
  return [lo, hi];
}

/** (value - optimum)/optimum in percent; NaN when the optimum is unknown or at rounding level (a ratio against rounding means nothing). */
function excess(value: number, optimum: number, atRoundingLevel: boolean): number {
  if (atRoundingLevel || !Number.isFinite(optimum) || optimum <= 0) return NaN;
  return (100 * (value - optimum)) / optimum;
}

/** A cell of Table 6 beside the optimum. */
export interface Table6Row {
  readonly fn: string;
  readonly degree: number;
  /** The paper's best method and printed rho (201-point grid). */
  readonly paperMethod: string;
  readonly paperRho: number;
  /** Certified optimal rho on the paper's 201-point grid, and its lower bound. */
  readonly optimalRho: number;
  readonly optimalRhoLower: number;
  /** How much lower the optimum is, in percent of the paper's value. */
  readonly gainPercent: number;
  /** The dense-grid (100001) truth: optimal rho and minimax max_loss. */
  readonly denseOptimalRho: number;
  readonly denseMinimaxMaxLoss: number;
}

/** Table 6 of the paper, cell by cell, beside the certified optimal rho (paper's grid and dense grid). */
export function table6Optimal(options: { denseGrid?: number } = {}): Table6Row[] {
  const denseGrid = options.denseGrid ?? DEFAULT_GRID;
  const interval: Interval = [-200, 200];
  return paperSummary.table6.map((cell) => {
    const f = activation(cell.function);
    const paper = fit('rho-optimal', f, cell.degree, interval, { grid: 201 });
    const dense = fit('rho-optimal', f, cell.degree, interval, { grid: denseGrid });
    const mm = fit('minimax', f, cell.degree, interval, { grid: denseGrid });
    const pc = paper.certificate as RhoCertificate;
    return {
      fn: cell.function, degree: cell.degree,
      paperMethod: cell.nodes ? `${cell.method} (${cell.nodes})` : cell.method,
      paperRho: cell.rho.value, optimalRho: pc.rho, optimalRhoLower: pc.lowerBound,
      gainPercent: (100 * (cell.rho.value - pc.rho)) / cell.rho.value,
      denseOptimalRho: (dense.certificate as RhoCertificate).rho,
      denseMinimaxMaxLoss: (mm.certificate as MinimaxCertificate).gridMaxLoss,
    };
  });
}

/** Metrics of the paper's printed polynomials (Tables 1-5) for one function, on a grid, as comparison rows. */
export function printedRows(fn: 'relu' | 'sigmoid' | 'tanh', grid = 201): { id: string; degree: number; rho: number; maxLoss: number }[] {
  const f = activation(fn);
  return paperRows().filter((r) => r.function === fn).map((r) => {
    const m = metrics(f, rowPolynomial(r), PAPER_INTERVAL, { grid });
    return { id: r.id, degree: r.degree, rho: m.rho, maxLoss: m.maxLoss };
  });
}

/** One cell of the interval study. */
export interface IntervalCell {
  readonly halfWidth: number;
  readonly degree: number;
  /** Certified optimal rho and minimax max_loss on [-L, L]. */
  readonly optimalRho: number;
  readonly minimaxMaxLoss: number;
  /** The best of the paper's deterministic methods (chebyshev, numerical on chebyshev nodes) for contrast. */
  readonly chebyshevRho: number;
}

/** rho* and max_loss* versus the half-width L of [-L, L] and the degree. */
export function intervalStudy(f: Activation | string, halfWidths: readonly number[], degrees: readonly number[], options: { grid?: number } = {}): IntervalCell[] {
  const fn = asActivation(f);
  const ds = checkDegrees(degrees);
  const grid = requireInteger('grid', options.grid ?? 20001, 2, 1e7);
  if (!Array.isArray(halfWidths) || halfWidths.length === 0) throw new InputError('halfWidths', 'expected a non-empty array of positive numbers');
  const out: IntervalCell[] = [];
  for (const L of halfWidths) {
    if (!(typeof L === 'number' && Number.isFinite(L) && L > 0)) throw new InputError('halfWidths', `expected positive finite numbers, got ${String(L)}`);
    for (const degree of ds) {
      const rho = fit('rho-optimal', fn, degree, [-L, L], { grid }).certificate as RhoCertificate;
      const mm = fit('minimax', fn, degree, [-L, L], { grid }).certificate as MinimaxCertificate;
      const cheb = metrics(fn, fit('chebyshev', fn, degree, [-L, L]).polynomial, [-L, L], { grid });
      out.push({ halfWidth: L, degree, optimalRho: rho.rho, minimaxMaxLoss: mm.gridMaxLoss, chebyshevRho: cheb.rho });
    }
  }
  return out;
}

/** One degree of `equalPairs`. */
export interface EqualPair {
  readonly degree: number;
  /** Certified minimax max_loss (normalised, the upper bound). */
  readonly maxLoss: number;
  /** Alternating extrema of the error at its maximum: N + 2 in general, N + 3 for the first of an equal pair, 0 when f is reproduced. */
  readonly equioscillation: number;
  /** Minimax max_loss at degree N + 1, or null when that degree was not computed. */
  readonly nextMaxLoss: number | null;
  /** Whether the degree-(N + 1) minimax polynomial is this one (its top coefficient vanishes, the rest agree); null when N + 1 was not computed. */
  readonly sameAsNext: boolean | null;
}

/**
 * Minimax max_loss per degree and whether the best approximation of degree N + 1 is the one of
 * degree N. Only pairs that were computed are compared: with `next: true` degree N + 1 is fitted
 * for every N (else only when it is among `degrees`), and `sameAsNext` is null where it was not.
 */
export function equalPairs(f: Activation | string, interval: Interval, degrees: readonly number[], options: { tolerance?: number; next?: boolean } = {}): EqualPair[] {
  const fn = asActivation(f);
  const ds = [...new Set(checkDegrees(degrees))].sort((u, v) => u - v);
  const tol = options.tolerance ?? 1e-7;
  const fits = new Map<number, FitResult>();
  const fitAt = (d: number): FitResult => {
    if (!fits.has(d)) fits.set(d, fit('minimax', fn, d, interval));
    return fits.get(d)!;
  };
  return ds.map((d) => {
    const r = fitAt(d);
    const c = r.certificate as MinimaxCertificate;
    const computed = options.next || ds.includes(d + 1);
    if (!computed) return { degree: d, maxLoss: c.maxLossUpper, equioscillation: c.equioscillation, nextMaxLoss: null, sameAsNext: null };
    const next = fitAt(d + 1);
    // Same polynomial: the degree-(N+1) fit's top coefficient vanishes and the rest agree.
    const p = r.polynomial.coefficients, q = next.polynomial.coefficients;
    const scale = Math.max(...q.map(Math.abs));
    const same = q.every((v, k) => Math.abs(v - (p[k] ?? 0)) <= tol * scale);
    return { degree: d, maxLoss: c.maxLossUpper, equioscillation: c.equioscillation, nextMaxLoss: (next.certificate as MinimaxCertificate).maxLossUpper, sameAsNext: same };
  });
}

/** A symmetry that makes the best approximations of consecutive degrees coincide. */
export type PairSymmetry = 'even + linear' | 'odd + constant';

/**
 * The symmetry that makes consecutive degrees tie, checked on `points` of a symmetric interval
 * [-L, L]: 'even + linear' (f(x) - f(-x) is linear in x: degrees 2k and 2k + 1 tie) or 'odd + constant'
 * (f(x) + f(-x) is constant: degrees 2k - 1 and 2k tie), to `tolerance` of the range of f; null
 * for neither (or an interval not centred at 0).
 */
export function pairSymmetry(f: Activation | string, interval: Interval, options: { points?: number; tolerance?: number } = {}): PairSymmetry | null {
  const fn = asActivation(f);
  const [a, b] = requireInterval('interval', Array.from(interval));
  if (a !== -b) return null;
  const xs = linspace(requireInteger('points', options.points ?? 1001, 3, 1e7), 0, b);
  const tol = options.tolerance ?? 1e-12;
  let lo = Infinity, hi = -Infinity;
  for (const x of xs) for (const y of [fn.value(x), fn.value(-x)]) { lo = Math.min(lo, y); hi = Math.max(hi, y); }
  const width = hi - lo;
  if (!(width > 0)) return null;
  const slope = (fn.value(b) - fn.value(-b)) / (2 * b), mid = fn.value(0);
  let oddOffLine = 0, evenOffConstant = 0;
  for (const x of xs) {
    const odd = (fn.value(x) - fn.value(-x)) / 2, even = (fn.value(x) + fn.value(-x)) / 2;
    oddOffLine = Math.max(oddOffLine, Math.abs(odd - slope * x));
    evenOffConstant = Math.max(evenOffConstant, Math.abs(even - mid));
  }
  if (oddOffLine <= tol * width) return 'even + linear';
  if (evenOffConstant <= tol * width) return 'odd + constant';
  return null;
}

/** One method under a non-uniform input distribution. */
export interface InputDistributionRow {
  readonly label: string;
  readonly degree: number;
  /** Root-mean-square error E[(f - p)^2]^(1/2) under the normal input density on the interval, normalised by the range of f. */
  readonly inputRmse: number;
  /** The paper's rho on the uniform grid, for contrast. */
  readonly rho: number;
}

/**
 * Methods compared under inputs distributed N(mean, sd^2) restricted to the interval (e.g.
 * pre-activations concentrated near 0): the error that matters is then the mean squared error
 * under that density, which `weighted` minimises by construction.
 */
export function inputDistributionStudy(f: Activation | string, interval: Interval, degrees: readonly number[], options: { mean?: number; sd: number; grid?: number }): InputDistributionRow[] {
  const fn = asActivation(f);
  const [a, b] = requireInterval('interval', Array.from(interval));
  const ds = checkDegrees(degrees);
  const mean = options.mean ?? (a + b) / 2, sd = options.sd;
  if (!(typeof sd === 'number' && Number.isFinite(sd) && sd > 0)) throw new InputError('sd', `expected a positive standard deviation, got ${String(sd)}`);
  const grid = requireInteger('grid', options.grid ?? 20001, 2, 1e7);
  // Expectation by the trapezoidal rule on a fine uniform grid with the normal density as weight.
  const n = 40001, xs = Array.from(linspace(n, a, b)), ws: number[] = [];
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    const w = Math.exp(-0.5 * ((xs[i] - mean) / sd) ** 2) * (i === 0 || i === n - 1 ? 0.5 : 1);
    ws.push(w); wsum += w;
  }
  const fx = xs.map((x) => fn.value(x));
  const variants: Variant[] = [
    { label: 'weighted (input density)', method: 'weighted', options: { density: 'normal', mean, sd } },
    { label: 'legendre', method: 'legendre' },
    { label: 'chebyshev', method: 'chebyshev' },
    { label: 'minimax', method: 'minimax', options: { grid } },
    { label: 'rho-optimal', method: 'rho-optimal', options: { grid } },
  ];
  const out: InputDistributionRow[] = [];
  for (const degree of ds) {
    for (const v of variants) {
      const p = fit(v.method, fn, degree, [a, b], v.options ?? {}).polynomial;
      const m = metrics(fn, p, [a, b], { grid });
      const width = m.range[1] - m.range[0];
      let acc = 0;
      for (let i = 0; i < n; i++) acc += ws[i] * (fx[i] - p.evaluate(xs[i])) ** 2;
      out.push({ label: v.label, degree, inputRmse: Math.sqrt(acc / wsum) / width, rho: m.rho });
    }
  }
  return out;
}
