/**
 * Section 3: the metrics. Where the error peak falls between the paper's 201 grid points, and why
 * rho = sqrt(MSE^2 + max_loss^2) is dominated by max_loss.
 */
import { activation } from '../activations';
import { requireInteger, requireInterval } from '../errors';
import { linspace } from '../metrics';
import type { Polynomial } from '../polynomial';
import type { Data, Figure } from '../display/plot';

export interface GridErrorOptions {
  /** The x-window shown (default the whole domain). */
  window?: readonly [number, number];
  /** Points of the coarse grid on the whole domain (default 201, the paper's). */
  grid?: number;
  /** Points of the dense curve inside the window (default 4001). */
  points?: number;
  /** Normalisation [ymin, ymax] (default the range of f on the domain's coarse grid). */
  range?: readonly [number, number];
  title?: string;
}

/**
 * The normalised error |f - p| / (ymax - ymin) as a dense curve and at the coarse grid's points,
 * with the largest value of each marked: the paper's max_loss is the larger marker, the true
 * max_loss the curve's peak.
 */
export function gridErrorFigure(fn: string, p: Polynomial, options: GridErrorOptions = {}): Figure {
  const f = activation(fn);
  const [a, b] = p.domain;
  const [lo, hi] = requireInterval('options.window', options.window ?? [a, b]);
  const n = requireInteger('options.grid', options.grid ?? 201, 2);
  const coarseAll = Array.from(linspace(n, a, b));
  const values = coarseAll.map((x) => f.value(x));
  const [ymin, ymax] = options.range ?? [Math.min(...values), Math.max(...values)];
  const e = (x: number): number => Math.abs(f.value(x) - p.evaluate(x)) / (ymax - ymin);
  const dense = Array.from(linspace(requireInteger('options.points', options.points ?? 4001, 2), lo, hi));
  const coarse = coarseAll.filter((x) => x >= lo && x <= hi);
  const de = dense.map(e), ce = coarse.map(e);
  const argmax = (v: number[]): number => v.reduce((best, x, i) => (x > v[best] ? i : best), 0);
  const di = argmax(de), ci = argmax(ce);
  return {
    data: [
      { type: 'scatter', mode: 'lines', name: `error, ${dense.length} points`, x: dense, y: de, line: { color: '#1f77b4' } },
      { type: 'scatter', mode: 'markers', name: `error on the ${n}-point grid`, x: coarse, y: ce, marker: { color: '#ff7f0e', size: 7 } },
      { type: 'scatter', mode: 'markers+text', name: 'peaks', showlegend: false, x: [dense[di], coarse[ci]], y: [de[di], ce[ci]],
        text: [`dense max ${de[di].toFixed(4)} at x = ${dense[di].toFixed(2)}`, `grid max ${ce[ci].toFixed(4)} at x = ${coarse[ci]}`],
        textposition: ['top right', 'bottom right'], marker: { color: ['#1f77b4', '#ff7f0e'], size: 12, symbol: 'x' } },
    ] as Data[],
    layout: {
      title: { text: options.title ?? `${f.name}: normalised error on the ${n}-point grid and between its points` },
      xaxis: { title: { text: 'x' }, range: [lo, hi] }, yaxis: { title: { text: '|f - p| / (ymax - ymin)' } },
      legend: { orientation: 'h' }, height: 420, margin: { t: 50, r: 20, b: 50, l: 70 },
    },
  };
}

/** A row of metrics to place in the rho figure. */
export interface MetricPoint {
  readonly label: string;
  /** Group (colour), e.g. the function. */
  readonly group: string;
  readonly mse: number;
  readonly maxLoss: number;
  readonly rho: number;
}

/** rho against max_loss for many rows: all on the diagonal, because MSE <= max_loss^2 makes MSE^2 negligible. */
export function rhoFigure(points: readonly MetricPoint[]): Figure {
  const groups = [...new Set(points.map((p) => p.group))];
  const top = Math.max(...points.map((p) => Math.max(p.rho, p.maxLoss)), 0) * 1.05;
  return {
    data: [
      ...groups.map((g) => {
        const ps = points.filter((p) => p.group === g);
        return {
          type: 'scatter', mode: 'markers', name: g, x: ps.map((p) => p.maxLoss), y: ps.map((p) => p.rho), text: ps.map((p) => `${p.label}: MSE ${p.mse.toFixed(4)}`),
          hoverinfo: 'x+y+text', marker: { size: 8 },
        } as Data;
      }),
      { type: 'scatter', mode: 'lines', name: 'rho = max_loss', x: [0, top], y: [0, top], line: { color: '#999', dash: 'dash' } } as Data,
    ],
    layout: {
      title: { text: 'rho = sqrt(MSE^2 + max_loss^2) against max_loss' },
      xaxis: { title: { text: 'max_loss' }, range: [0, top] }, yaxis: { title: { text: 'rho' }, range: [0, top] },
      legend: { orientation: 'h' }, height: 460, margin: { t: 50, r: 20, b: 50, l: 60 },
    },
  };
}
