/**
 * The paper's 201-point grid against a dense grid (Section 3, notebook 04): how much the metrics
 * move when the error is also measured between the grid points.
 */
import { activation } from '../activations';
import { chebyshevSeries } from '../fit/index';
import { DEFAULT_GRID, metrics } from '../metrics';
import type { Interval } from '../polynomial';
import type { RowComparison } from './rows';
import { PAPER_GRID } from './recipes';

export interface GridComparisonRow {
  readonly function: string;
  readonly N: number;
  readonly 'MSE 201': number;
  readonly 'max_loss 201': number;
  readonly 'rho 201': number;
  readonly 'MSE 100001': number;
  readonly 'max_loss 100001': number;
  readonly 'rho 100001': number;
}

/** The Chebyshev series of relu, sigmoid and tanh, N = 2, 3, 4, measured on the paper's grid and on the dense grid. */
export function gridComparison(interval: Interval): GridComparisonRow[] {
  const rows: GridComparisonRow[] = [];
  for (const fn of ['relu', 'sigmoid', 'tanh']) {
    const f = activation(fn);
    for (const N of [2, 3, 4]) {
      const p = chebyshevSeries(f, N, interval).polynomial;
      const coarse = metrics(f, p, interval, { grid: PAPER_GRID }), dense = metrics(f, p, interval, { grid: DEFAULT_GRID });
      rows.push({
        function: fn, N, 'MSE 201': coarse.mse, 'max_loss 201': coarse.maxLoss, 'rho 201': coarse.rho,
        'MSE 100001': dense.mse, 'max_loss 100001': dense.maxLoss, 'rho 100001': dense.rho,
      });
    }
  }
  return rows;
}

export interface GridShift {
  readonly row: string;
  readonly 'max_loss 201': number;
  readonly 'max_loss 100001': number;
  readonly increase: number;
  readonly 'rho changes at 4 decimals': 'yes' | 'no';
}

/** For every recomputed row of Tables 1-3: max_loss on the paper's grid and on the dense grid. */
export function gridShifts(rows: readonly RowComparison[]): GridShift[] {
  return rows.filter((c) => c.oursMetrics && c.row.table <= 3).map((c) => {
    const { paperGrid, denseGrid } = c.oursMetrics!;
    return {
      row: c.row.id,
      'max_loss 201': paperGrid.maxLoss,
      'max_loss 100001': denseGrid.maxLoss,
      increase: denseGrid.maxLoss - paperGrid.maxLoss,
      'rho changes at 4 decimals': denseGrid.rho.toFixed(4) !== paperGrid.rho.toFixed(4) ? 'yes' : 'no',
    };
  });
}

/** How many rows change rho at the printed 4 decimals, and the largest max_loss increase. */
export function gridShiftSummary(shifts: readonly GridShift[]): { rows: number; changed: number; largestIncrease: number } {
  return {
    rows: shifts.length,
    changed: shifts.filter((s) => s['rho changes at 4 decimals'] === 'yes').length,
    largestIncrease: Math.max(...shifts.map((s) => s.increase)),
  };
}

/** The row where rho exceeds max_loss the most (relative), over every row of Tables 1-5: ours where recomputed, else the published polynomial's, on the 201-point grid. */
export function largestRhoExcess(rows: readonly RowComparison[]): { row: string; excess: number; mse: number; maxLoss: number; rho: number } {
  return rows.map((c) => {
    const m = (c.oursMetrics ?? c.printedMetrics).paperGrid;
    return { row: c.row.id, excess: (m.rho - m.maxLoss) / m.maxLoss, mse: m.mse, maxLoss: m.maxLoss, rho: m.rho };
  }).reduce((a, b) => (b.excess > a.excess ? b : a));
}
