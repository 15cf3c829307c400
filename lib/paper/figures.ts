/**
 * Every figure that notebooks 02-05 show, by name, built with the same arguments: what
 * `npm run export` renders to data/results/<name>.svg.
 */
import { activation } from '../activations';
import type { Figure } from '../display/plot';
import { chebyshevSeries } from '../fit/index';
import { nodeErrorFigure, nodesFigure } from '../figures/nodes';
import { methodsFigure, methodsGridFigure, taylorNodesFigure } from '../figures/methods';
import { gridErrorFigure, rhoFigure, type MetricPoint } from '../figures/metrics';
import { randomRowsFigure, statusFigure, table6ComparisonFigure } from '../figures/tables';
import { functionLabel, methodLabel } from './labels';
import { PAPER_INTERVAL } from './recipes';
import type { Reproduction } from './reproduction';

export interface NamedFigure {
  /** File stem, e.g. `02-nodes-3`. */
  readonly name: string;
  build(): Figure;
}

/** The sigmoid's Chebyshev series of degree 3: its error peak falls between the paper's grid points. */
export function sigmoidPeakFigure(): Figure {
  const p = chebyshevSeries(activation('sigmoid'), 3, PAPER_INTERVAL).polynomial;
  return gridErrorFigure('sigmoid', p, { window: [-20, 20], title: 'sigmoid, Chebyshev series N = 3: the error peak near |x| = 5 falls between the 201 grid points' });
}

/** MSE, max_loss, rho of every deterministic row of Tables 1-3 on the 201-point grid. */
export function metricPoints(repro: Reproduction): MetricPoint[] {
  return repro.rows.filter((r) => r.oursMetrics && r.row.table <= 3).map((r) => ({
    label: `${r.row.id} ${methodLabel(r.row)}`, group: functionLabel(r.row.function),
    mse: r.oursMetrics!.paperGrid.mse, maxLoss: r.oursMetrics!.paperGrid.maxLoss, rho: r.oursMetrics!.paperGrid.rho,
  }));
}

/** The figures of notebooks 02-05, in notebook order. */
export function paperFigures(repro: () => Reproduction): NamedFigure[] {
  return [
    { name: '02-nodes-3', build: () => nodesFigure([-3, 3], { m: 1000, seed: 1 }) },
    { name: '02-nodes-200', build: () => nodesFigure([-200, 200], { m: 1000, seed: 1 }) },
    { name: '02-node-error-relu-4', build: () => nodeErrorFigure('relu', 4, PAPER_INTERVAL, { m: 1000, seed: 1 }) },
    { name: '02-node-error-tanh-3', build: () => nodeErrorFigure('tanh', 3, PAPER_INTERVAL, { m: 1000, seed: 1 }) },
    { name: '03-methods-relu-4', build: () => methodsFigure('relu', 4, PAPER_INTERVAL) },
    { name: '03-methods-grid', build: () => methodsGridFigure(['relu', 'sigmoid', 'tanh'], [2, 3, 4], PAPER_INTERVAL) },
    { name: '03-taylor-nodes-relu-3', build: () => taylorNodesFigure('relu', 3, PAPER_INTERVAL) },
    { name: '04-sigmoid-peak', build: sigmoidPeakFigure },
    { name: '04-rho', build: () => rhoFigure(metricPoints(repro())) },
    { name: '05-status', build: () => statusFigure(repro().rows) },
    { name: '05-random-rows', build: () => randomRowsFigure(repro().rows) },
    { name: '05-table6', build: () => table6ComparisonFigure(repro().table6) },
  ];
}
