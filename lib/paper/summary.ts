/**
 * Tables 6-8 recomputed. Table 6: the best method and rho per function and degree among Tables 1-3;
 * Table 7: the same among CryptoDL's Tables 4-5; Table 8: |rho(best, N = i) - rho(best, N = j)|.
 * Random-node rows enter with the median rho over seeds (their printed values are one unknown sample).
 */
import type { PaperFunction, SummaryCell } from './data';
import { paperDifferences, paperSummary } from './data';
import { printedNumber } from './printed';
import { methodLabel } from './labels';
import type { RowComparison } from './rows';

export interface BestEntry {
  readonly rowId: string;
  readonly label: string;
  readonly rho: number;
}

export interface SummaryComparison {
  readonly function: PaperFunction;
  readonly degree: number;
  /** The printed cell. */
  readonly printed?: SummaryCell;
  /** Best of the printed rows of the tables (checks the paper's own selection). */
  readonly bestPrinted: BestEntry;
  /** Best of our recomputed rows on the 201-point grid (random rows: median over seeds). */
  readonly best201: BestEntry;
  /** Best of our deterministic rows on the 100001-point grid (random rows have no dense distribution). */
  readonly bestDense?: BestEntry;
  /** Does the printed cell name the same row as the best of the printed rows? */
  readonly selectionAgrees: boolean;
}

function best(entries: BestEntry[]): BestEntry {
  return entries.reduce((a, b) => (b.rho < a.rho ? b : a));
}

/** Our rho of a row on the 201-point grid: recomputed, or the median over seeds for random rows. */
export function ourRho(c: RowComparison): number {
  return c.distribution ? c.distribution.rho.median : (c.oursMetrics ?? c.printedMetrics).paperGrid.rho;
}

function summarise(comparisons: readonly RowComparison[], tables: number[], printedCells: readonly SummaryCell[]): SummaryComparison[] {
  const out: SummaryComparison[] = [];
  const fns = [...new Set(comparisons.filter((c) => tables.includes(c.row.table)).map((c) => c.row.function))];
  for (const fn of fns) {
    for (const degree of [2, 3, 4]) {
      const cells = comparisons.filter((c) => tables.includes(c.row.table) && c.row.function === fn && c.row.degree === degree);
      const entry = (c: RowComparison, rho: number): BestEntry => ({ rowId: c.row.id, label: methodLabel(c.row), rho });
      const bestPrinted = best(cells.map((c) => entry(c, c.row.rho.value)));
      // CryptoDL rows: metrics of the printed polynomials (the rows are the published objects).
      const best201 = best(cells.map((c) => entry(c, c.row.table >= 4 ? c.printedMetrics.paperGrid.rho : ourRho(c))));
      const dense = cells.filter((c) => !c.distribution).map((c) => entry(c, (c.row.table >= 4 ? c.printedMetrics : c.oursMetrics ?? c.printedMetrics).denseGrid.rho));
      const printed = printedCells.find((p) => p.function === fn && p.degree === degree);
      const namedId = printed ? [`T${cells[0].row.table}`, printed.method, printed.nodes, degree].filter(Boolean).join('-') : '';
      const named = cells.find((c) => c.row.id === namedId);
      const selectionAgrees = named !== undefined && named.row.rho.value === bestPrinted.rho;
      out.push({ function: fn, degree, printed, bestPrinted, best201, bestDense: dense.length ? best(dense) : undefined, selectionAgrees });
    }
  }
  return out;
}

/** Table 6 recomputed from the Table 1-3 comparisons. */
export function table6(comparisons: readonly RowComparison[]): SummaryComparison[] {
  return summarise(comparisons, [1, 2, 3], paperSummary.table6);
}

/** Table 7 recomputed from the Table 4-5 comparisons. */
export function table7(comparisons: readonly RowComparison[]): SummaryComparison[] {
  return summarise(comparisons, [4, 5], paperSummary.table7);
}

export interface DifferenceComparison {
  readonly function: PaperFunction;
  readonly pair: readonly [number, number];
  /** As printed in Table 8. */
  readonly printed: string;
  /** |difference| of the printed Table 6 values. */
  readonly fromPrintedTable6: number;
  /** |difference| of our best rho on the 201-point grid. */
  readonly ours201: number;
  /** |difference| of our best deterministic rho on the dense grid. */
  readonly oursDense?: number;
  /** Does the printed value equal the difference of the printed Table 6 values (to the printed decimals)? */
  readonly consistent: boolean;
  /** Why not, when a slip is recorded. */
  readonly note?: string;
}

/** Table 8 recomputed: from the printed Table 6, and from our Table 6. */
export function table8(summary6: readonly SummaryComparison[]): DifferenceComparison[] {
  return paperDifferences.map((d) => {
    const cell = (N: number) => summary6.find((s) => s.function === d.function && s.degree === N)!;
    const [i, j] = d.pair;
    const fromPrinted = Math.abs(cell(i).printed!.rho.value - cell(j).printed!.rho.value);
    const di = cell(i).bestDense, dj = cell(j).bestDense;
    const decimals = Math.max(d.printed.decimals, 4);
    const consistent = Number(fromPrinted.toFixed(decimals)) === Number(printedNumber(d.printed.text).value.toFixed(decimals));
    return {
      function: d.function, pair: d.pair, printed: d.printed.text,
      fromPrintedTable6: Number(fromPrinted.toFixed(4)),
      ours201: Math.abs(cell(i).best201.rho - cell(j).best201.rho),
      oursDense: di && dj ? Math.abs(di.rho - dj.rho) : undefined,
      consistent,
      note: d.slips.length ? d.slips.map((s) => s.note).join('; ') : undefined,
    };
  });
}


