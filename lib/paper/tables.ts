/**
 * The recomputed tables of the paper (Tables 1-8 and the random-row distributions) as ReportTables:
 * what notebooks/05-tables shows and `npm run export` writes to data/results/.
 */
import { escapeLatex } from '../display/escape';
import { formatNumber } from '../display/format';
import { correctedText } from './printed';
import { functionLabel, methodLabel } from './labels';
import { paperMetric, printedToLatex, ReportTable, type ReportColumn } from './report-table';
import { DROP, type RowComparison } from './rows';
import type { DifferenceComparison, SummaryComparison } from './summary';

const TABLE_TITLES: Record<number, string> = {
  1: 'Table 1 (ReLU)', 2: 'Table 2 (sigmoid)', 3: 'Table 3 (tanh)', 4: 'Table 4 (ReLU, CryptoDL)', 5: 'Table 5 (tanh, CryptoDL)',
};

function ours(c: RowComparison): string {
  if (c.ours) return c.ours.toString({ dropBelow: DROP });
  if (c.distribution) return `(random: ${c.distribution.seeds} seeds)`;
  return '';
}

const metric = (label: string, get: (c: RowComparison) => number | undefined, latexSkip = false): ReportColumn<RowComparison> => ({
  label, align: 'right', text: (c) => paperMetric(get(c)), csv: (c) => get(c), latexSkip,
});

/** Tables 1-3: every row beside the published one. */
export function rowsReport(rows: readonly RowComparison[], table: number): ReportTable<RowComparison> {
  const mine = rows.filter((r) => r.row.table === table);
  const d201 = (c: RowComparison) => (c.distribution ? undefined : c.oursMetrics?.paperGrid);
  const triple = (m?: { mse: number; maxLoss: number; rho: number }) => (m ? [m.mse, m.maxLoss, m.rho].map(paperMetric).join(' / ') : '');
  const cols: ReportColumn<RowComparison>[] = [
    { label: 'method', text: (c) => methodLabel(c.row) },
    { label: 'N', align: 'right', text: (c) => String(c.row.degree) },
    { label: 'published polynomial', text: (c) => c.row.printed, latex: (c) => printedToLatex(correctedText(c.row)) + (c.row.slips.length ? '$^\\dagger$' : '') },
    { label: 'our polynomial', text: ours, csv: (c) => (c.ours ? JSON.stringify(c.ours.monomial()) : undefined), latex: (c) => (c.ours ? `$${c.ours.toLatex({ dropBelow: DROP })}$` : escapeLatex(ours(c))) },
    // Notebook: one cell per metric triple; CSV: one column per number.
    { label: 'published MSE / max_loss / rho', align: 'right', text: (c) => [c.row.mse.text, c.row.maxLoss.text, c.row.rho.text].join(' / '), csvSkip: true, latexSkip: true },
    { label: 'ours, 201 points', align: 'right', text: (c) => (c.distribution ? `median rho ${paperMetric(c.distribution.rho.median)}` : triple(d201(c))), csvSkip: true, latexSkip: true },
    { label: 'ours, 100001 points', align: 'right', text: (c) => triple(c.distribution ? undefined : c.oursMetrics?.denseGrid), csvSkip: true, latexSkip: true },
    { label: 'MSE (paper)', align: 'right', text: (c) => c.row.mse.text, latexSkip: true, displaySkip: true },
    { label: 'max_loss (paper)', align: 'right', text: (c) => c.row.maxLoss.text, latexSkip: true, displaySkip: true },
    { label: 'rho (paper)', align: 'right', text: (c) => c.row.rho.text, displaySkip: true },
    { ...metric('MSE (201)', (c) => d201(c)?.mse, true), displaySkip: true },
    { ...metric('max_loss (201)', (c) => d201(c)?.maxLoss, true), displaySkip: true },
    { ...metric('rho (201)', (c) => d201(c)?.rho ?? c.distribution?.rho.median), displaySkip: true },
    { ...metric('MSE (100001)', (c) => (c.distribution ? undefined : c.oursMetrics?.denseGrid.mse), true), displaySkip: true },
    { ...metric('max_loss (100001)', (c) => (c.distribution ? undefined : c.oursMetrics?.denseGrid.maxLoss), true), displaySkip: true },
    { ...metric('rho (100001)', (c) => (c.distribution ? undefined : c.oursMetrics?.denseGrid.rho)), displaySkip: true },
    { label: 'status', text: (c) => c.status },
    { label: 'reason', text: (c) => c.reason, latexSkip: true },
  ];
  return new ReportTable(`table${table}`, `${TABLE_TITLES[table]} recomputed: published and our polynomials, metrics on the paper's 201-point grid and on 100001 points (random rows: median over seeds), status`, cols, mine);
}

/** The random-node rows: distribution of rho (and MSE, max_loss) over seeds, the printed value's percentile. */
export function randomRowsReport(rows: readonly RowComparison[]): ReportTable<RowComparison> {
  const random = rows.filter((r) => r.distribution);
  const d = (c: RowComparison) => c.distribution!;
  const cols: ReportColumn<RowComparison>[] = [
    { label: 'table', align: 'right', text: (c) => String(c.row.table) },
    { label: 'function', text: (c) => functionLabel(c.row.function) },
    { label: 'nodes', text: (c) => c.row.nodes ?? '' },
    { label: 'N', align: 'right', text: (c) => String(c.row.degree) },
    { label: 'rho (paper)', align: 'right', text: (c) => c.row.rho.text },
    metric('rho mean', (c) => d(c).rho.mean),
    metric('rho sd', (c) => d(c).rho.sd),
    metric('rho 5%', (c) => d(c).rho.p5),
    metric('rho median', (c) => d(c).rho.median),
    metric('rho 95%', (c) => d(c).rho.p95),
    { label: 'percentile of printed rho', align: 'right', text: (c) => d(c).rho.percentile.toFixed(1), csv: (c) => d(c).rho.percentile },
    { label: 'percentile of printed max_loss', align: 'right', text: (c) => d(c).maxLoss.percentile.toFixed(1), csv: (c) => d(c).maxLoss.percentile },
    { label: 'percentile of printed MSE', align: 'right', text: (c) => d(c).mse.percentile.toFixed(1), csv: (c) => d(c).mse.percentile },
  ];
  const seeds = random[0]?.distribution?.seeds ?? 0, m = random[0]?.distribution?.m ?? 0;
  return new ReportTable('random-rows', `Random-node rows of Tables 1-3: least squares on m = ${m} nodes over ${seeds} seeds, metrics on the 201-point grid`, cols, random);
}

/** Tables 4-5 (CryptoDL): the printed label, what the polynomial is, metrics of the printed polynomial. */
export function cryptodlReport(rows: readonly RowComparison[], table: 4 | 5): ReportTable<RowComparison> {
  const mine = rows.filter((r) => r.row.table === table);
  const p201 = (c: RowComparison) => c.printedMetrics.paperGrid;
  const cols: ReportColumn<RowComparison>[] = [
    { label: 'label (CryptoDL)', text: (c) => methodLabel(c.row) },
    { label: 'N', align: 'right', text: (c) => String(c.row.degree) },
    { label: 'published polynomial', text: (c) => c.row.printed, latex: (c) => printedToLatex(correctedText(c.row)) + (c.row.slips.length ? '$^\\dagger$' : '') },
    { label: 'is', text: (c) => (c.method ?? 'not identified') },
    { label: 'published MSE / max_loss / rho', align: 'right', text: (c) => [c.row.mse.text, c.row.maxLoss.text, c.row.rho.text].join(' / '), csvSkip: true, latexSkip: true },
    { label: 'published polynomial evaluated, 201 points', align: 'right', text: (c) => [p201(c).mse, p201(c).maxLoss, p201(c).rho].map(paperMetric).join(' / '), csvSkip: true, latexSkip: true },
    { label: 'MSE (paper)', align: 'right', text: (c) => c.row.mse.text, displaySkip: true },
    { label: 'max_loss (paper)', align: 'right', text: (c) => c.row.maxLoss.text, displaySkip: true },
    { label: 'rho (paper)', align: 'right', text: (c) => c.row.rho.text, displaySkip: true },
    { ...metric('MSE (printed poly, 201)', (c) => p201(c).mse), displaySkip: true },
    { ...metric('max_loss (printed poly, 201)', (c) => p201(c).maxLoss), displaySkip: true },
    { ...metric('rho (printed poly, 201)', (c) => p201(c).rho), displaySkip: true },
    { ...metric('rho (printed poly, 100001)', (c) => c.printedMetrics.denseGrid.rho, true), displaySkip: true },
    { label: 'status', text: (c) => c.status },
    { label: 'reason', text: (c) => c.reason, latexSkip: true },
  ];
  return new ReportTable(`table${table}`, `${TABLE_TITLES[table]}: the published polynomials, what they are, and their metrics on the 201-point grid`, cols, mine);
}

/** Table 6 or 7: printed best beside recomputed best. */
export function summaryReport(summary: readonly SummaryComparison[], table: 6 | 7): ReportTable<SummaryComparison> {
  const cols: ReportColumn<SummaryComparison>[] = [
    { label: 'function', text: (s) => functionLabel(s.function) },
    { label: 'N', align: 'right', text: (s) => String(s.degree) },
    { label: 'printed best', text: (s) => (s.printed ? [s.printed.method, s.printed.nodes].filter(Boolean).join(', ') : '') },
    { label: 'printed rho', align: 'right', text: (s) => s.printed?.rho.text ?? '' },
    { label: 'best of printed rows', text: (s) => `${s.bestPrinted.label} (${s.bestPrinted.rho})` },
    { label: 'selection agrees', text: (s) => (s.selectionAgrees ? 'yes' : 'no') },
    { label: 'our best (201)', text: (s) => s.best201.label },
    { label: 'our rho (201)', align: 'right', text: (s) => paperMetric(s.best201.rho), csv: (s) => s.best201.rho },
    { label: 'our best (100001)', text: (s) => s.bestDense?.label ?? '' },
    { label: 'our rho (100001)', align: 'right', text: (s) => paperMetric(s.bestDense?.rho), csv: (s) => s.bestDense?.rho },
  ];
  const caption = table === 6
    ? 'Table 6 recomputed: best method and rho per function and degree (Tables 1-3; random rows by their median over seeds; the 100001-point column over deterministic rows)'
    : 'Table 7 recomputed: best of the CryptoDL polynomials (Tables 4-5), metrics of the published polynomials';
  return new ReportTable(`table${table}`, caption, cols, summary);
}

/** Table 8: printed, from the printed Table 6, and from ours. */
export function differencesReport(diffs: readonly DifferenceComparison[]): ReportTable<DifferenceComparison> {
  const cols: ReportColumn<DifferenceComparison>[] = [
    { label: 'function', text: (d) => functionLabel(d.function) },
    { label: 'degrees', text: (d) => `${d.pair[0]}-${d.pair[1]}` },
    { label: 'printed', align: 'right', text: (d) => d.printed },
    { label: 'from printed Table 6', align: 'right', text: (d) => paperMetric(d.fromPrintedTable6), csv: (d) => d.fromPrintedTable6 },
    { label: 'consistent', text: (d) => (d.consistent ? 'yes' : 'no') },
    { label: 'ours (201)', align: 'right', text: (d) => paperMetric(d.ours201), csv: (d) => d.ours201 },
    { label: 'ours (100001)', align: 'right', text: (d) => paperMetric(d.oursDense), csv: (d) => d.oursDense },
    { label: 'note', text: (d) => d.note ?? '', latexSkip: true },
  ];
  return new ReportTable('table8', 'Table 8 recomputed: |rho(best, N = i) - rho(best, N = j)|', cols, diffs);
}

/** Rows per status and table. */
export function statusReport(rows: readonly RowComparison[]): ReportTable<{ table: string; counts: Record<string, number> }> {
  const statuses = ['reproduced', 'rounding', 'slip in the paper', 'random row', 'not reproduced'];
  const tables = [...new Set(rows.map((r) => r.row.table))].sort();
  const data = [...tables.map((t) => ({ table: `Table ${t}`, rows: rows.filter((r) => r.row.table === t) })), { table: 'all', rows: [...rows] }]
    .map(({ table, rows: rs }) => ({ table, counts: Object.fromEntries(statuses.map((s) => [s, rs.filter((r) => r.status === s).length])) }));
  const cols: ReportColumn<{ table: string; counts: Record<string, number> }>[] = [
    { label: 'table', text: (r) => r.table },
    ...statuses.map((s) => ({ label: s, align: 'right' as const, text: (r: { counts: Record<string, number> }) => String(r.counts[s]) })),
  ];
  return new ReportTable('status', 'Rows of Tables 1-5 by status', cols, data);
}

/** Our number formatting for a coefficient list (used by the notebooks' side-by-side tables). */
export function formatCoefficients(cs: readonly number[]): string {
  return cs.map((c) => formatNumber(c, 4)).join(', ');
}
