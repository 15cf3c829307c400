/**
 * The whole recomputation of the paper's Section 4 in one call: every row of Tables 1-5 compared,
 * Tables 6-8 recomputed, and the report tables. Memoised per options, so notebook cells and the
 * export share one computation (about 5 s with 200 seeds).
 */
import { compareRows, statusCounts, type CompareOptions, type RowComparison, type RowStatus } from './rows';
import { table6, table7, table8, type DifferenceComparison, type SummaryComparison } from './summary';
import { cryptodlReport, differencesReport, randomRowsReport, rowsReport, statusReport, summaryReport } from './tables';
import type { ReportTable } from './report-table';
import { InputError } from '../errors';

export interface Reproduction {
  readonly options: Required<CompareOptions>;
  readonly rows: readonly RowComparison[];
  readonly table6: readonly SummaryComparison[];
  readonly table7: readonly SummaryComparison[];
  readonly table8: readonly DifferenceComparison[];
  /** Rows of Tables 1-3 per status. */
  readonly counts13: Record<RowStatus, number>;
  /** Rows of Tables 4-5 per status. */
  readonly counts45: Record<RowStatus, number>;
  /** Every table, in the order of data/results/. */
  readonly reports: readonly ReportTable<unknown>[];
  /** One report by name (`status`, `table1` ... `table8`, `random-rows`). */
  report(name: string): ReportTable<unknown>;
}

const cache = new Map<string, Reproduction>();

/** The options with their defaults: 200 seeds, m = 1000. */
export function reproductionOptions(options: CompareOptions = {}): Required<CompareOptions> {
  return { seeds: options.seeds ?? 200, m: options.m ?? 1000 };
}

/** Recompute Section 4 (default: 200 seeds, m = 1000 for the random rows). */
export function reproducePaper(options: CompareOptions = {}): Reproduction {
  const opts = reproductionOptions(options);
  const key = JSON.stringify(opts);
  const hit = cache.get(key);
  if (hit) return hit;
  const result = reproductionFromRows(compareRows([1, 2, 3, 4, 5], opts), opts);
  cache.set(key, result);
  return result;
}

/** The reproduction built from its compared rows (the long part, `compareRows`): Tables 6-8 and every report. */
export function reproductionFromRows(rows: readonly RowComparison[], options: CompareOptions = {}): Reproduction {
  const t6 = table6(rows), t7 = table7(rows), t8 = table8(t6);
  const reports = [
    statusReport(rows), rowsReport(rows, 1), rowsReport(rows, 2), rowsReport(rows, 3), randomRowsReport(rows),
    cryptodlReport(rows, 4), cryptodlReport(rows, 5), summaryReport(t6, 6), summaryReport(t7, 7), differencesReport(t8),
  ] as ReportTable<unknown>[];
  return {
    options: reproductionOptions(options), rows, table6: t6, table7: t7, table8: t8,
    counts13: statusCounts(rows.filter((r) => r.row.table <= 3)), counts45: statusCounts(rows.filter((r) => r.row.table >= 4)),
    reports,
    report: (name: string) => {
      const r = reports.find((t) => t.name === name);
      if (!r) throw new InputError('name', `unknown report '${name}'; expected one of ${reports.map((t) => t.name).join(', ')}`);
      return r;
    },
  };
}
