/** Summary of the deviations |f1 - f1*|: maximum and where, quantiles, histogram, worst inputs. */
import { quantile } from '../statistics';

export interface DeviationStatistics {
  readonly max: number;
  /** Index of the first input attaining the maximum. */
  readonly argmax: number;
  readonly mean: number;
  /** Quantiles at QUANTILE_LEVELS (type 7, as numpy's default linear interpolation). */
  readonly quantiles: ReadonlyArray<{ readonly q: number; readonly value: number }>;
  /** HISTOGRAM_BINS equal bins on [0, max]; counts sum to the number of inputs. */
  readonly histogram: { readonly edges: number[]; readonly counts: number[] };
  /** Indices of the WORST_KEPT largest deviations, largest first (ties: lower index first). */
  readonly worst: number[];
}

export const QUANTILE_LEVELS = [0.5, 0.9, 0.99, 0.999, 0.9999];
export const HISTOGRAM_BINS = 50;
export const WORST_KEPT = 8;

export function deviationStatistics(dev: Float64Array): DeviationStatistics {
  const n = dev.length;
  let max = -Infinity, argmax = 0, sum = 0;
  for (let i = 0; i < n; i++) {
    sum += dev[i];
    if (dev[i] > max) { max = dev[i]; argmax = i; }
  }
  const sorted = Float64Array.from(dev).sort();
  const quantiles = QUANTILE_LEVELS.map((q) => ({ q, value: quantile(sorted, q) }));
  const edges = Array.from({ length: HISTOGRAM_BINS + 1 }, (_, k) => (max * k) / HISTOGRAM_BINS);
  const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (let i = 0; i < n; i++) counts[max > 0 ? Math.min(HISTOGRAM_BINS - 1, Math.floor((dev[i] / max) * HISTOGRAM_BINS)) : 0]++;
  // The WORST_KEPT largest: threshold from the sorted copy, then a scan in index order.
  const k = Math.min(WORST_KEPT, n);
  const threshold = sorted[n - k];
  const worst: number[] = [];
  for (let i = 0; i < n; i++) if (dev[i] >= threshold) worst.push(i);
  worst.sort((a, b) => dev[b] - dev[a] || a - b);
  return { max, argmax, mean: sum / n, quantiles, histogram: { edges, counts }, worst: worst.slice(0, k) };
}
