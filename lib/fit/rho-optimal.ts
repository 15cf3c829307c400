/**
 * `rho-optimal`: the polynomial of degree N that minimises the paper's own metric
 * rho = sqrt(MSE^2 + max_loss^2) (normalised as metrics() does) on the metrics grid, with a
 * certified lower bound. Beyond the paper: it answers "what is the best achievable rho".
 *
 * For ReLU it coincides with the minimax polynomial on the grid (MSE^2 is too small to trade
 * against max_loss); for the sigmoid and tanh on [-200, 200], where MSE ~ 0.07, the optimum gives
 * up a little max_loss for a lower MSE. See lib/optimal/rho-solver.ts for the algorithm.
 */
import type { Activation } from '../activations';
import { InputError, echo, requireFinite, requireInteger, requireInterval } from '../errors';
import { DEFAULT_GRID, MAX_GRID, linspace, metricsOfValues } from '../metrics';
import { Polynomial } from '../polynomial';
import type { Interval } from '../polynomial';
import { rhoOptimalOnGrid } from '../optimal/rho-solver';
import { isAtRoundingLevel, normalisedScale } from '../optimal/rounding';
import type { FitResult } from './types';
import { registerMethod } from './types';
import { checkFitArguments, optionsObject, rejectUnknownOptions } from './validate';

export interface RhoOptimalOptions {
  /** Metrics grid size on which rho is minimised (default 100001; the paper's tables: 201). */
  grid?: number;
  /** Normalise by this [ymin, ymax] instead of the range of f on the grid (as metrics()). */
  range?: readonly [number, number];
  /** Stop when the certified lower bound is within this relative gap of the achieved rho (default 1e-7). */
  tolerance?: number;
  /** Cutting-plane rounds before stopping (default 60). */
  maxRounds?: number;
}

/** Budget of the solver's basis matrix: grid (N + 1) values (160 MB). */
export const MAX_BASIS_ENTRIES = 2e7;

export type RhoCertificate = {
  /** Achieved rho on the grid (an upper bound on the optimum), exactly as metrics() computes it for the polynomial. */
  readonly rho: number;
  /** Certified lower bound on the optimal rho of any polynomial of degree N on this grid. */
  readonly lowerBound: number;
  /** (rho - lowerBound) / rho (0 when rho is at rounding level, lib/optimal/rounding.ts: f is reproduced). */
  readonly gap: number;
  readonly mse: number;
  readonly maxLoss: number;
  /** rho of the least-squares polynomial on the same grid (the starting point). */
  readonly leastSquaresRho: number;
  readonly grid: number;
  readonly range: [number, number];
  readonly rounds: number;
  readonly workingSet: number;
  readonly newtonSteps: number;
  readonly tolerance: number;
};

/** The rho-optimal polynomial of degree N for f on the interval, certified. */
export function rhoOptimal(f: Activation, degree: number, interval: Interval, options: RhoOptimalOptions = {}): FitResult {
  const [a, b] = checkFitArguments(f, degree, interval);
  const opts = optionsObject(options);
  rejectUnknownOptions('rho-optimal', opts, ['grid', 'range', 'tolerance', 'maxRounds']);
  const grid = requireInteger('grid', options.grid ?? DEFAULT_GRID, 2, MAX_GRID);
  if (grid <= degree + 1) throw new InputError('grid', `expected more grid points than degree + 1 = ${degree + 1}, got ${grid}`);
  if (grid * (degree + 1) > MAX_BASIS_ENTRIES) throw new InputError('grid', `expected at most ${Math.floor(MAX_BASIS_ENTRIES / (degree + 1))} grid points for degree ${degree} (budget: grid (N + 1) <= ${MAX_BASIS_ENTRIES} basis values, ${MAX_BASIS_ENTRIES * 8 / 1e6} MB), got ${grid}`);
  const tolerance = requireFinite('tolerance', options.tolerance ?? 1e-7);
  if (!(tolerance > 0 && tolerance < 1)) throw new InputError('tolerance', `expected a number in (0, 1), got ${tolerance}`);
  const maxRounds = requireInteger('maxRounds', options.maxRounds ?? 60, 1, 1000);
  const xs = linspace(grid, a, b);
  const fy = new Float64Array(grid);
  let ymin = Infinity, ymax = -Infinity;
  for (let i = 0; i < grid; i++) {
    fy[i] = f.value(xs[i]);
    ymin = Math.min(ymin, fy[i]);
    ymax = Math.max(ymax, fy[i]);
  }
  if (options.range !== undefined) [ymin, ymax] = requireInterval('range', Array.from(options.range));
  const width = ymax - ymin;
  if (!(width > 0)) throw new InputError('f', `${echo(f.name)} is constant (${ymin}) on the ${grid} points of [${a}, ${b}]; rho normalises by its range, which is 0`, { hint: 'pass options.range' });
  // The same map to the window as Polynomial.toWindow, so that metrics() sees exactly these points.
  const t = xs.map((x) => (2 * x - (a + b)) / (b - a));
  const y = fy.map((v) => (v - ymin) / width);
  const scale = normalisedScale([ymin, ymax]);
  const sol = rhoOptimalOnGrid(t, y, degree, { tolerance, maxRounds, scale });
  const c = sol.coefficients.map((v) => v * width);
  c[0] += ymin;
  const polynomial = new Polynomial(c, [a, b]);
  // The certificate states the rho that metrics() computes for this polynomial (the solver's own
  // residuals differ from it by rounding); the lower bound is capped there so it never exceeds it.
  const achieved = metricsOfValues(fy, polynomial.evaluateMany(xs), [ymin, ymax]);
  const lowerBound = Math.min(sol.lowerBound, achieved.rho);
  const certificate: RhoCertificate = {
    rho: achieved.rho, lowerBound, gap: isAtRoundingLevel(achieved.rho, scale) ? 0 : (achieved.rho - lowerBound) / achieved.rho,
    mse: achieved.mse, maxLoss: achieved.maxLoss, leastSquaresRho: sol.leastSquaresRho, grid, range: [ymin, ymax],
    rounds: sol.rounds, workingSet: sol.workingSet, newtonSteps: sol.newtonSteps, tolerance,
  };
  return {
    polynomial,
    method: 'rho-optimal',
    params: { grid, tolerance, maxRounds, ...(options.range ? { range: [ymin, ymax] } : {}) },
    certificate,
  };
}

registerMethod({
  name: 'rho-optimal',
  description: "Minimises the paper's rho = sqrt(MSE^2 + max_loss^2) on the metrics grid (convex; certified lower bound)",
  options: [
    { name: 'grid', type: 'integer', description: 'metrics grid size (the paper: 201)', default: DEFAULT_GRID },
    { name: 'tolerance', type: 'number', description: 'relative gap between achieved rho and its certified lower bound', default: 1e-7 },
    { name: 'maxRounds', type: 'integer', description: 'cutting-plane rounds', default: 60 },
  ],
  fit: (f, degree, interval, options) => rhoOptimal(f, degree, interval, options as RhoOptimalOptions),
});
