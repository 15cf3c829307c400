/**
 * `minimax`: the best uniform approximation of degree N to f on [a, b] (Remez exchange in
 * t in [-1, 1]), with its certificate. Beyond the paper: none of the paper's methods is optimal
 * for max_loss; this one is, to the certified tolerance.
 *
 * Certificate (absolute units of f, and normalised like `metrics()` by the range of f on the
 * metrics grid):
 * - `lowerBound`: de la Vallee Poussin - the error of p alternates in sign on the N + 2 points of
 *   `alternation`, so no polynomial of degree N has a max error below min |error| there;
 * - `upperBound`: the max error of p found by the dense search of the continuum;
 * - `gridMaxLoss`: the normalised max error on the metrics grid (<= maxLossUpper).
 * For ReLU and the sigmoid/tanh the best approximations of consecutive degrees coincide in pairs
 * (ReLU = x/2 + an even function; sigmoid = 1/2 + an odd one); then `equioscillation` is N + 3.
 */
import type { Activation } from '../activations';
import { requireFinite, requireInteger, InputError } from '../errors';
import { DEFAULT_GRID, MAX_GRID, metrics } from '../metrics';
import { Polynomial } from '../polynomial';
import type { Interval } from '../polynomial';
import type { ErrorExtremum, SearchGrid } from '../optimal/extrema';
import { searchGrid } from '../optimal/extrema';
import { remez } from '../optimal/remez';
import type { FitResult } from './types';
import { registerMethod } from './types';
import { checkFitArguments, optionsObject, rejectUnknownOptions } from './validate';

export interface MinimaxOptions {
  /** Stop when the certified bounds agree to this relative gap (default 1e-9). */
  tolerance?: number;
  /** Exchange iterations before giving up with a RemezConvergenceError (default 100). */
  maxIterations?: number;
  /** Uniform points of the dense extrema search in t (default 16385, spacing 1.2e-4 of the half-width). */
  searchGrid?: number;
  /** Metrics grid size on which `gridMaxLoss` is reported (default 100001, as metrics()). */
  grid?: number;
  /** Extra kinks of f in x besides f.breakpoints, added to the search. */
  breakpoints?: readonly number[];
}

// A type alias (not an interface) so that it is assignable to FitResult.certificate's record type.
export type MinimaxCertificate = {
  /** The N + 2 reference points x and the signed errors f - p there (alternating in sign). */
  readonly alternation: { readonly x: number[]; readonly error: number[] };
  /** Number of alternating extrema at the max error level (to 1e-6 relative): >= N + 2, N + 3 for the first of an equal pair; 0 when f is reproduced exactly. */
  readonly equioscillation: number;
  readonly levelledError: number;
  readonly lowerBound: number;
  readonly upperBound: number;
  /** [ymin, ymax] of f on the metrics grid (the normalisation of metrics()). */
  readonly range: [number, number];
  readonly maxLossLower: number;
  readonly maxLossUpper: number;
  readonly gridMaxLoss: number;
  readonly grid: number;
  readonly iterations: number;
  readonly tolerance: number;
  /** Absolute rounding floor of the error evaluation: the bounds agree to tolerance * upperBound + roundingFloor. */
  readonly roundingFloor: number;
};

/** Largest uniform search grid (a budget: the error is evaluated on it in every exchange). */
export const MAX_SEARCH_GRID = 1000001;

/**
 * How much g(t) = f(m + h t) can err from rounding x alone: |dg/dt| eps (|m| + h) / h, with the
 * slope taken from the search grid. Small on [-200, 200]; it dominates on intervals narrow for
 * their distance from 0 ([10^5, 10^5 + 1]: x rounds in steps of 1.5e-11 of the width).
 */
function argumentNoise(grid: SearchGrid, m: number, h: number): number {
  let slope = 0;
  for (let i = 1; i < grid.t.length; i++) slope = Math.max(slope, Math.abs(grid.g[i] - grid.g[i - 1]) / (grid.t[i] - grid.t[i - 1]));
  return 4 * slope * Number.EPSILON * ((Math.abs(m) + h) / h);
}

/** Alternating extrema whose |error| is within `relTol` of the level, merged by sign again. */
export function equioscillationCount(extrema: readonly ErrorExtremum[], level: number, relTol = 1e-6): number {
  let count = 0, sign = 0;
  for (const e of extrema) {
    if (Math.abs(e.error) < level * (1 - relTol)) continue;
    const s = Math.sign(e.error);
    if (s !== sign) { count++; sign = s; }
  }
  return count;
}

/** The minimax polynomial of degree N for f on the interval, certified. */
export function minimax(f: Activation, degree: number, interval: Interval, options: MinimaxOptions = {}): FitResult {
  const [a, b] = checkFitArguments(f, degree, interval);
  const opts = optionsObject(options);
  rejectUnknownOptions('minimax', opts, ['tolerance', 'maxIterations', 'searchGrid', 'grid', 'breakpoints']);
  const tolerance = requireFinite('tolerance', options.tolerance ?? 1e-9);
  if (!(tolerance > 0 && tolerance < 1)) throw new InputError('tolerance', `expected a number in (0, 1), got ${tolerance}`);
  const maxIterations = requireInteger('maxIterations', options.maxIterations ?? 100, 1, 1000);
  const size = requireInteger('searchGrid', options.searchGrid ?? 16385, 2 * degree + 8, MAX_SEARCH_GRID);
  const grid = requireInteger('grid', options.grid ?? DEFAULT_GRID, 2, MAX_GRID);
  const extra = options.breakpoints ?? [];
  if (!Array.isArray(extra)) throw new InputError('breakpoints', 'expected an array of x values');
  extra.forEach((v, i) => requireFinite(`breakpoints[${i}]`, v));
  const m = (a + b) / 2, h = (b - a) / 2;
  const g = (t: number): number => f.value(m + h * t);
  const kinks = [...(f.breakpoints ?? []), ...extra].map((x) => (x - m) / h);
  const search = searchGrid(g, size, kinks);
  const r = remez(g, degree, search, { tolerance, maxIterations, noise: argumentNoise(search, m, h) });
  const polynomial = new Polynomial(r.coefficients, [a, b]);
  const met = metrics(f, polynomial, [a, b], { grid });
  const width = met.range[1] - met.range[0];
  // The metrics grid may catch a peak between the search points: the upper bound is the larger of the two maxima found.
  const upperBound = Math.max(r.upperBound, met.maxLoss * width);
  const certificate: MinimaxCertificate = {
    alternation: { x: r.alternation.map((e) => m + h * e.t), error: r.alternation.map((e) => e.error) },
    equioscillation: equioscillationCount(r.extrema, upperBound),
    levelledError: r.levelledError,
    lowerBound: r.lowerBound,
    upperBound,
    range: met.range,
    maxLossLower: r.lowerBound / width,
    maxLossUpper: upperBound / width,
    gridMaxLoss: met.maxLoss,
    grid,
    iterations: r.iterations,
    tolerance,
    roundingFloor: r.roundingFloor ?? 0,
  };
  return { polynomial, method: 'minimax', params: { tolerance, maxIterations, searchGrid: size, grid, breakpoints: kinks.map((t) => m + h * t) }, certificate };
}

registerMethod({
  name: 'minimax',
  description: 'Best uniform approximation (Remez exchange), certified: de la Vallee Poussin lower bound and dense-search upper bound',
  options: [
    { name: 'tolerance', type: 'number', description: 'relative gap between the certified bounds', default: 1e-9 },
    { name: 'maxIterations', type: 'integer', description: 'exchange iterations before giving up', default: 100 },
    { name: 'searchGrid', type: 'integer', description: 'uniform points of the dense extrema search', default: 16385 },
    { name: 'grid', type: 'integer', description: 'metrics grid for gridMaxLoss', default: DEFAULT_GRID },
  ],
  fit: (f, degree, interval, options) => minimax(f, degree, interval, options as MinimaxOptions),
});
