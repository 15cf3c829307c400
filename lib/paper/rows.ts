/**
 * Every row of Tables 1-5 recomputed beside the published one, with a status and its reason.
 *
 * Status (per row):
 * - `reproduced`: our coefficients agree with the printed ones to the printed digits, and MSE,
 *   max_loss and rho on the paper's 201-point grid round to the printed values;
 * - `rounding`: as reproduced, except a printed metric is ours truncated (or off by one unit in the
 *   last printed digit) instead of rounded;
 * - `slip in the paper`: reproduced once a printing slip is corrected (a typo, a swapped label, metrics
 *   that belong to another polynomial);
 * - `random row`: numerical method on random nodes, the sample unknown: shown as a distribution over seeds;
 * - `not reproduced`: no construction we know gives the printed polynomial.
 */
import { activation } from '../activations';
import { metrics, type Metrics } from '../metrics';
import { Polynomial } from '../polynomial';
import type { PaperRow } from './data';
import { isRandomRow, paperRows, rowPolynomial } from './data';
import {
  checkMetrics, compareCoefficients, describeCoefficientMismatches, describeMetricMismatches,
  type CoefficientCheck, type MetricCheck,
} from './compare';
import { identifyCryptoDL } from './cryptodl';
import { randomRowDistribution, randomRowDistributions, type RandomRowDistribution } from './random';
import { DENSE_GRID, PAPER_GRID, PAPER_INTERVAL, recipe } from './recipes';

export type RowStatus = 'reproduced' | 'rounding' | 'slip in the paper' | 'random row' | 'not reproduced';
export const ROW_STATUSES: readonly RowStatus[] = ['reproduced', 'rounding', 'slip in the paper', 'random row', 'not reproduced'];

/** Metrics of one polynomial on the paper's grid and on the dense grid. */
export interface GridMetrics {
  readonly paperGrid: Metrics;
  readonly denseGrid: Metrics;
}

export interface RowComparison {
  readonly row: PaperRow;
  readonly status: RowStatus;
  /** Why the row has its status, with the numbers (never empty). */
  readonly reason: string;
  /** How we computed it (deterministic rows, identified CryptoDL rows). */
  readonly method?: string;
  /** A choice the paper does not state that the recomputation makes. */
  readonly assumption?: string;
  /** Our polynomial (deterministic rows; the identified construction for Tables 4-5). */
  readonly ours?: Polynomial;
  readonly oursMetrics?: GridMetrics;
  readonly coefficientChecks?: readonly CoefficientCheck[];
  /** Our metrics on the 201-point grid against the printed ones. */
  readonly metricChecks?: readonly MetricCheck[];
  /** The printed polynomial itself, evaluated (do the printed metrics belong to it?). */
  readonly printedPolynomial: Polynomial;
  readonly printedMetrics: GridMetrics;
  readonly printedMetricChecks: readonly MetricCheck[];
  /** Random-node rows: the distribution over seeds. */
  readonly distribution?: RandomRowDistribution;
}

export interface CompareOptions {
  /** Seeds per random-node row (default 200). */
  seeds?: number;
  /** Nodes per random fit (default 1000). */
  m?: number;
}

function gridMetrics(fn: PaperRow['function'], p: Polynomial): GridMetrics {
  const f = activation(fn);
  return {
    paperGrid: metrics(f, p, PAPER_INTERVAL, { grid: PAPER_GRID }),
    denseGrid: metrics(f, p, PAPER_INTERVAL, { grid: DENSE_GRID }),
  };
}

function slipText(row: PaperRow): string {
  return row.slips.map((s) => `printed '${s.printed}' reads '${s.corrected}' (${s.note})`).join('; ');
}

/** Display: terms below 1e-13 of the largest coefficient are rounding noise. */
export const DROP = 1e-13;

function fmt(x: number, decimals = 4): string {
  return x.toFixed(decimals);
}

/** Status of a row whose coefficients agree: reproduced, rounding, or (with a printing slip) slip in the paper. */
function statusFromChecks(row: PaperRow, checks: readonly MetricCheck[], what: string): { status: RowStatus; reason: string } {
  const mismatches = describeMetricMismatches(checks);
  const beyond = checks.some((c) => c.agreement === 'differs');
  if (row.slips.length > 0) {
    return { status: 'slip in the paper', reason: `${slipText(row)}; with that read, ${what}${mismatches.length ? `, except ${mismatches.join('; ')}` : ''}` };
  }
  if (mismatches.length === 0) return { status: 'reproduced', reason: `${what}; MSE, max_loss and rho match to the printed digits on the 201-point grid` };
  if (!beyond) return { status: 'rounding', reason: `${what}, but ${mismatches.join('; ')}` };
  return { status: 'not reproduced', reason: `${what}, but ${mismatches.join('; ')}` };
}

function compareDeterministic(row: PaperRow, printedPolynomial: Polynomial, printedMetrics: GridMetrics, printedMetricChecks: MetricCheck[]): RowComparison {
  const r = recipe(row)!;
  const ours = r.fit(activation(row.function), PAPER_INTERVAL).polynomial;
  const oursMetrics = gridMetrics(row.function, ours);
  const coefficientChecks = compareCoefficients(row, ours.monomial());
  const metricChecks = checkMetrics(row, oursMetrics.paperGrid);
  const base = { row, method: r.description, assumption: r.assumption, ours, oursMetrics, coefficientChecks, metricChecks, printedPolynomial, printedMetrics, printedMetricChecks };
  const coefficientMismatches = describeCoefficientMismatches(coefficientChecks);
  if (coefficientMismatches.length > 0) {
    return { ...base, status: 'not reproduced', reason: `coefficients differ: ${coefficientMismatches.join('; ')}` };
  }
  return { ...base, ...statusFromChecks(row, metricChecks, 'every coefficient agrees to the printed digits') };
}

function compareRandom(row: PaperRow, printedPolynomial: Polynomial, printedMetrics: GridMetrics, printedMetricChecks: MetricCheck[], options: CompareOptions, distribution?: RandomRowDistribution): RowComparison {
  const d = distribution ?? randomRowDistribution(row, options);
  const inside = d.rho.percentile > 0 && d.rho.percentile < 100;
  const reason = `the paper's sample of nodes is unknown; over ${d.seeds} seeds with m = ${d.m}, rho has median ${fmt(d.rho.median)} `
    + `(5-95%: ${fmt(d.rho.p5)}-${fmt(d.rho.p95)}) and the printed ${row.rho.text} is at the ${d.rho.percentile.toFixed(1)}th percentile`
    + (inside ? '' : ' (outside the range of the seeds)')
    + `; the printed coefficients give ${describeMetricsShort(printedMetrics.paperGrid)} on the 201-point grid`;
  return { row, status: 'random row', reason, method: `least squares on m = ${d.m} ${row.nodes} nodes, seeds 1..${d.seeds}`, printedPolynomial, printedMetrics, printedMetricChecks, distribution: d };
}

function describeMetricsShort(m: Metrics): string {
  return `MSE ${fmt(m.mse)}, max_loss ${fmt(m.maxLoss)}, rho ${fmt(m.rho)}`;
}

const LABEL: Record<string, string> = { legendre: 'Legendre', chebyshev: 'Chebyshev', numerical: 'numerical', derivative: 'derivative (sigmoid)', taylor: 'Taylor' };

/** Do the printed metrics belong to a polynomial whose printed coefficients are rounded? Within 5% (or one printed unit) each. */
function consistent(checks: readonly MetricCheck[]): boolean {
  return checks.every((c) => Math.abs(c.ours - c.printed.value) <= Math.max(10 ** -c.printed.decimals, 0.05 * c.printed.value));
}

function compareCryptoDL(row: PaperRow, printedPolynomial: Polynomial, printedMetrics: GridMetrics, printedMetricChecks: MetricCheck[]): RowComparison {
  const id = identifyCryptoDL(row);
  const base = { row, printedPolynomial, printedMetrics, printedMetricChecks };
  const printedBelong = consistent(printedMetricChecks);
  const belongText = printedBelong
    ? `the printed metrics are consistent with the printed polynomial (${describeMetricsShort(printedMetrics.paperGrid)} on the 201-point grid)`
    : `the printed metrics do not belong to the printed polynomial (it has ${describeMetricsShort(printedMetrics.paperGrid)} on the 201-point grid)`;
  if (id.matches.length === 0) {
    const tried = id.all.map((x) => x.candidate.name).join('; ');
    return { ...base, status: 'not reproduced', reason: `labelled '${LABEL[row.method]}', but none of the ${id.all.length} candidate constructions (${tried}) gives the printed coefficients; ${belongText}` };
  }
  const match = id.matches[0];
  const ours = match.polynomial;
  const oursMetrics = gridMetrics(row.function, ours);
  const coefficientChecks = compareCoefficients(row, ours.monomial());
  const metricChecks = checkMetrics(row, oursMetrics.paperGrid);
  const full = { ...base, method: match.candidate.name, ours, oursMetrics, coefficientChecks, metricChecks };
  const mismatches = describeMetricMismatches(metricChecks);
  const oursText = mismatches.length === 0 ? 'its metrics match the printed ones to the printed digits'
    : metricChecks.every((c) => c.agreement !== 'differs') ? `its metrics match the printed ones except ${mismatches.join('; ')}`
      : `its metrics do not match the printed ones: ${mismatches.join('; ')}`;
  const swapped = match.candidate.method !== row.method;
  if (swapped) {
    const other = id.all.find((x) => x.candidate.method === row.method);
    return {
      ...full, status: 'slip in the paper',
      reason: `labelled '${LABEL[row.method]}', but the coefficients are the ${match.candidate.name} and ${oursText}`
        + (other ? `; the ${LABEL[row.method]} construction is ${other.polynomial.toString({ dropBelow: DROP })}` : ''),
    };
  }
  const digits = Math.min(...coefficientChecks.filter((c) => c.digits > 0).map((c) => c.digits));
  if (!printedBelong) {
    return { ...full, status: 'slip in the paper', reason: `the coefficients agree (to the ${digits} printed digit${digits > 1 ? 's' : ''}) with the ${match.candidate.name}, but ${belongText}` };
  }
  return { ...full, ...statusFromChecks(row, metricChecks, `the coefficients are the ${match.candidate.name}`) };
}

/** One printed row recomputed and compared. */
export function compareRow(row: PaperRow, options: CompareOptions = {}): RowComparison {
  return compareRowWith(row, options);
}

/** compareRow, with the row's seed distribution when it was computed already (random-node rows). */
function compareRowWith(row: PaperRow, options: CompareOptions, distribution?: RandomRowDistribution): RowComparison {
  const printedPolynomial = rowPolynomial(row);
  const printedMetrics = gridMetrics(row.function, printedPolynomial);
  const printedMetricChecks = checkMetrics(row, printedMetrics.paperGrid);
  if (row.table >= 4) return compareCryptoDL(row, printedPolynomial, printedMetrics, printedMetricChecks);
  if (isRandomRow(row)) return compareRandom(row, printedPolynomial, printedMetrics, printedMetricChecks, options, distribution);
  return compareDeterministic(row, printedPolynomial, printedMetrics, printedMetricChecks);
}

/** Every row of Tables 1-5 (or of the given tables) recomputed and compared. */
export function compareRows(tables: readonly number[] = [1, 2, 3, 4, 5], options: CompareOptions = {}): RowComparison[] {
  const rows = paperRows().filter((r) => tables.includes(r.table));
  // The random-node rows together: those sharing a node rule and degree share their fits' nodes and QR.
  const random = rows.filter((r) => r.table < 4 && isRandomRow(r));
  const distributions = new Map(randomRowDistributions(random, options).map((d, i) => [random[i], d]));
  return rows.map((r) => compareRowWith(r, options, distributions.get(r)));
}

/** Rows per status. */
export function statusCounts(rows: readonly RowComparison[]): Record<RowStatus, number> {
  const out = Object.fromEntries(ROW_STATUSES.map((s) => [s, 0])) as Record<RowStatus, number>;
  for (const r of rows) out[r.status]++;
  return out;
}
