/**
 * The paper's accuracy metrics (Section 3): MSE, MAE, max_loss and rho = sqrt(MSE^2 + max_loss^2),
 * on values normalised by the function's range on the interval (Section 3.2), so that
 * MSE_norm = MSE / (ymax - ymin)^2 and max_loss_norm = max_loss / (ymax - ymin).
 *
 * The paper's Tables 1-3 were evaluated on 201 points, numpy.linspace(-200, 200, 201); pass
 * `{ grid: 201 }` to reproduce them. The default 100001-point grid is the dense-grid truth.
 */
import type { Activation } from './activations';
import { InputError, echo, requireFinite, requireInteger, requireInterval } from './errors';
import type { Interval } from './polynomial';
import { Polynomial } from './polynomial';

/** Normalised metrics of an approximation. */
export interface Metrics {
  /** Number of points the metrics were computed on. */
  grid: number;
  /** Mean squared error, normalised by (ymax - ymin)^2. */
  mse: number;
  /** Mean absolute error, normalised by (ymax - ymin). */
  mae: number;
  /** Largest absolute error, normalised by (ymax - ymin). */
  maxLoss: number;
  /** sqrt(mse^2 + maxLoss^2) (the paper's rho: MSE, not RMSE). */
  rho: number;
  /** [ymin, ymax] used for the normalisation. */
  range: [number, number];
}

export interface MetricsOptions {
  /** Number of points of the uniform grid on the interval (default 100001; the paper's tables: 201). */
  grid?: number;
  /** Evaluate on these points instead of a grid (e.g. the fitting nodes). */
  points?: ArrayLike<number>;
  /** Normalise by this [ymin, ymax] instead of the range of f on the points. */
  range?: readonly [number, number];
}

/** The default grid size: dense enough that the error peaks of degree <= 16 fits are resolved. */
export const DEFAULT_GRID = 100001;

/** The largest grid: a budget (10^6 evaluations of f and p take about a second), ten times the default. */
export const MAX_GRID = 1000001;

/**
 * n evenly spaced points from a to b, bit-identical to numpy.linspace(a, b, n): x_i = a + i*step
 * with step = (b - a)/(n - 1), computed as i*step + a, and the last point set exactly to b.
 */
export function linspace(n: number, a: number, b: number): Float64Array {
  requireInteger('n', n, 0);
  requireFinite('a', a);
  requireFinite('b', b);
  const out = new Float64Array(n);
  if (n === 0) return out;
  if (n === 1) {
    out[0] = a;
    return out;
  }
  const step = (b - a) / (n - 1);
  // numpy: y = arange(n) * step + start (two roundings), then y[-1] = stop.
  for (let i = 0; i < n; i++) out[i] = i * step + a;
  out[n - 1] = b;
  return out;
}

/** Neumaier's compensated sum: the means stay exact to rounding even on 10^5+ terms. */
export class CompensatedSum {
  private sum = 0;
  private c = 0;
  add(v: number): void {
    const t = this.sum + v;
    if (Math.abs(this.sum) >= Math.abs(v)) this.c += this.sum - t + v;
    else this.c += v - t + this.sum;
    this.sum = t;
  }
  value(): number {
    return this.sum + this.c;
  }
}

/**
 * MSE, MAE, max_loss and rho of p against f, normalised by the range of f on the points (or
 * `options.range`). On [-200, 200] the range is the paper's [0, 200] for ReLU, [0, 1] for the
 * sigmoid and [-1, 1] for tanh (to rounding: sigmoid(+-200) is 1 - 1.4e-87 and 1.4e-87).
 */
export function metrics(
  f: Activation,
  p: Polynomial | ((x: number) => number),
  interval: Interval,
  options: MetricsOptions = {},
): Metrics {
  if (!f || typeof f.value !== 'function') throw new InputError('f', 'expected an Activation (use activation(name or formula))');
  const [a, b] = requireInterval('interval', Array.from(interval));
  let xs: ArrayLike<number>;
  if (options.points !== undefined) {
    xs = options.points;
    if (typeof xs !== 'object' || typeof xs.length !== 'number' || xs.length === 0) throw new InputError('points', 'expected a non-empty array of numbers');
    for (let i = 0; i < xs.length; i++) requireFinite(`points[${i}]`, xs[i]);
  } else {
    xs = linspace(requireInteger('grid', options.grid ?? DEFAULT_GRID, 2, MAX_GRID), a, b);
  }
  const evaluate = p instanceof Polynomial ? (x: number) => p.evaluate(x) : p;
  if (typeof evaluate !== 'function') throw new InputError('p', 'expected a Polynomial or a function of x');
  const n = xs.length;
  const fy = new Float64Array(n);
  const py = new Float64Array(n);
  let ymin = Infinity, ymax = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    const y = f.value(x);
    const q = evaluate(x);
    if (!Number.isFinite(y)) throw new InputError('f', `${echo(f.name)} is not finite at x = ${x} (got ${y})`);
    if (!Number.isFinite(q)) throw new InputError('p', `the approximation is not finite at x = ${x} (got ${q})`);
    fy[i] = y;
    py[i] = q;
    if (y < ymin) ymin = y;
    if (y > ymax) ymax = y;
  }
  if (options.range !== undefined) {
    const r = requireInterval('range', Array.from(options.range));
    ymin = r[0];
    ymax = r[1];
  }
  if (!(ymax - ymin > 0)) throw new InputError('f', `${echo(f.name)} is constant (${ymin}) on the ${n} points of [${a}, ${b}]; the metrics normalise by its range, which is 0`, { hint: 'pass options.range' });
  return metricsOfValues(fy, py, [ymin, ymax]);
}

/**
 * The metrics of values py against fy, normalised by `range` (ymax > ymin): the arithmetic of
 * metrics(), for callers that already hold f on the points (rho-optimal's certificate).
 */
export function metricsOfValues(fy: ArrayLike<number>, py: ArrayLike<number>, range: readonly [number, number]): Metrics {
  const n = fy.length;
  const [ymin, ymax] = range;
  const width = ymax - ymin;
  const sq = new CompensatedSum();
  const ab = new CompensatedSum();
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.abs(fy[i] - py[i]) / width;
    sq.add(e * e);
    ab.add(e);
    if (e > maxAbs) maxAbs = e;
  }
  const mse = sq.value() / n;
  const mae = ab.value() / n;
  if (!Number.isFinite(mse)) throw new InputError('p', `the approximation deviates from f by ${maxAbs.toExponential(1)} times its range; the squared errors overflow`);
  return { grid: n, mse, mae, maxLoss: maxAbs, rho: Math.hypot(mse, maxAbs), range: [ymin, ymax] };
}
