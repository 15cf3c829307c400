/**
 * The random-node rows of Tables 1-3 (numerical method on uniform or normal nodes) cannot be
 * reproduced digit for digit: the paper's sample is unknown. We reproduce them as a distribution:
 * least squares on m = 1000 nodes for each of many seeds, metrics on the paper's 201-point grid,
 * and report where the printed value falls in that distribution.
 */
import { numericalFits } from '../fit/index';
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
  return randomRowDistributions([row], options)[0];
}

/**
 * randomRowDistribution of several rows, in their order. Rows with the same node rule and degree
 * (ReLU, sigmoid and tanh in Tables 1-3) share each seed's nodes and QR factorisation
 * (numericalFits): the numbers are bit for bit those of one row at a time, for a third of the work.
 */
export function randomRowDistributions(rows: readonly PaperRow[], options: DistributionOptions = {}): RandomRowDistribution[] {
  for (const row of rows) if (!isRandomRow(row)) throw new InputError('row', `expected a random-node row (numerical, uniform or normal nodes), got ${row.id}`);
  const seeds = requireInteger('seeds', options.seeds ?? 200, 2, 100000);
  const out = new Map<PaperRow, RandomRowDistribution>();
  const groups = new Map<string, PaperRow[]>();
  for (const row of rows) groups.set(`${row.nodes} ${row.degree}`, [...(groups.get(`${row.nodes} ${row.degree}`) ?? []), row]);
  for (const group of groups.values()) {
    const { nodes, degree: N } = group[0];
    const m = requireInteger('m', options.m ?? PAPER_M, N + 1);
    const fs = group.map(rowActivation);
    const samples = group.map(() => ({ mse: new Float64Array(seeds), maxLoss: new Float64Array(seeds), rho: new Float64Array(seeds), coef: Array.from({ length: N + 1 }, () => new Float64Array(seeds)) }));
    for (let s = 0; s < seeds; s++) {
      const fits = numericalFits(fs, N, PAPER_INTERVAL, { nodes, m, seed: s + 1 });
      fits.forEach(({ polynomial: p }, j) => {
        const r = metrics(fs[j], p, PAPER_INTERVAL, { grid: PAPER_GRID }), d = samples[j];
        d.mse[s] = r.mse; d.maxLoss[s] = r.maxLoss; d.rho[s] = r.rho;
        const mono = p.monomial();
        for (let k = 0; k <= N; k++) d.coef[k][s] = mono[k];
      });
    }
    group.forEach((row, j) => {
      const d = samples[j];
      out.set(row, {
        rowId: row.id, seeds, m,
        mse: spread(d.mse, row.mse.value), maxLoss: spread(d.maxLoss, row.maxLoss.value), rho: spread(d.rho, row.rho.value),
        coefficients: d.coef.map((v, k) => spread(v, row.coefficients[k] ?? 0)),
      });
    });
  }
  return rows.map((row) => out.get(row) as RandomRowDistribution);
}
