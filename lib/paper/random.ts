/**
 * The random-node rows of Tables 1-3 (numerical method on uniform or normal nodes) cannot be
 * reproduced digit for digit: the paper's sample is unknown. We reproduce them as a distribution:
 * least squares on m = 1000 nodes for each of many seeds, metrics on the paper's 201-point grid,
 * and report where the printed value falls in that distribution.
 */
import { numericalFit } from '../fit/index';
import { metrics } from '../metrics';
import { requireInteger } from '../errors';
import { quantile } from '../statistics';
import type { PaperRow } from './data';
import { isRandomRow } from './data';
import { PAPER_GRID, PAPER_INTERVAL, PAPER_M, rowActivation } from './recipes';
import { InputError } from '../errors';

/** Summary of one quantity over the seeds, and where the printed value falls. */
export interface Spread {
  readonly mean: number;
  /** Sample standard deviation. */
  readonly sd: number;
  readonly min: number;
  readonly p5: number;
  readonly median: number;
  readonly p95: number;
  readonly max: number;
  /** The printed value. */
  readonly printed: number;
  /** Percentage of seeds below the printed value (ties count half), 0..100. */
  readonly percentile: number;
}

export interface RandomRowDistribution {
  readonly rowId: string;
  readonly seeds: number;
  readonly m: number;
  readonly mse: Spread;
  readonly maxLoss: Spread;
  readonly rho: Spread;
  /** One spread per monomial coefficient c_0..c_N. */
  readonly coefficients: readonly Spread[];
}

export interface DistributionOptions {
  /** Number of seeds (default 200); seeds are the integers 1..seeds. */
  seeds?: number;
  /** Nodes per fit (default 1000). */
  m?: number;
}

/** Spread of `values` with the percentile of `printed`. */
export function spread(values: ArrayLike<number>, printed: number): Spread {
  const n = values.length;
  if (n < 2) throw new InputError('values', `expected at least 2 values, got ${n}`);
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const mean = sum / n;
  let ss = 0, below = 0, ties = 0;
  for (let i = 0; i < n; i++) {
    ss += (sorted[i] - mean) ** 2;
    if (sorted[i] < printed) below++;
    else if (sorted[i] === printed) ties++;
  }
  return {
    mean, sd: Math.sqrt(ss / (n - 1)), min: sorted[0], p5: quantile(sorted, 0.05), median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95), max: sorted[n - 1], printed, percentile: (100 * (below + ties / 2)) / n,
  };
}

/** The distribution of a random-node row over seeds 1..seeds (deterministic: same options, same numbers). */
export function randomRowDistribution(row: PaperRow, options: DistributionOptions = {}): RandomRowDistribution {
  if (!isRandomRow(row)) throw new InputError('row', `expected a random-node row (numerical, uniform or normal nodes), got ${row.id}`);
  const seeds = requireInteger('seeds', options.seeds ?? 200, 2, 100000);
  const m = requireInteger('m', options.m ?? PAPER_M, row.degree + 1);
  const f = rowActivation(row);
  const N = row.degree;
  const mse = new Float64Array(seeds), maxLoss = new Float64Array(seeds), rho = new Float64Array(seeds);
  const coef = Array.from({ length: N + 1 }, () => new Float64Array(seeds));
  for (let s = 0; s < seeds; s++) {
    const p = numericalFit(f, N, PAPER_INTERVAL, { nodes: row.nodes, m, seed: s + 1 }).polynomial;
    const r = metrics(f, p, PAPER_INTERVAL, { grid: PAPER_GRID });
    mse[s] = r.mse; maxLoss[s] = r.maxLoss; rho[s] = r.rho;
    const mono = p.monomial();
    for (let k = 0; k <= N; k++) coef[k][s] = mono[k];
  }
  return {
    rowId: row.id, seeds, m,
    mse: spread(mse, row.mse.value), maxLoss: spread(maxLoss, row.maxLoss.value), rho: spread(rho, row.rho.value),
    coefficients: coef.map((v, k) => spread(v, row.coefficients[k] ?? 0)),
  };
}
