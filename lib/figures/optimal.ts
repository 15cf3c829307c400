/**
 * Figures of the optimal-approximation study (notebook 07-optimal and the template notebook),
 * as plotly `{ data, layout }` built from the rows of lib/optimal/study.ts, so that the notebook
 * and the export script draw the same figure.
 */
import type { Activation } from '../activations';
import { InputError, requireInteger } from '../errors';
import type { MinimaxCertificate } from '../fit/minimax';
import type { FitResult } from '../fit/types';
import { linspace } from '../metrics';
import type { Figure } from '../display/plot';
import type { ComparisonRow, IntervalCell, Table6Row } from '../optimal/study';

const MARGIN = { t: 50, r: 20, b: 50, l: 70 };

function nonEmpty(name: string, rows: readonly unknown[]): void {
  if (!Array.isArray(rows) || rows.length === 0) throw new InputError(name, 'expected a non-empty array of rows');
}

/** max_loss (or rho) versus degree, one line per method, log scale. */
export function metricVsDegreeFigure(rows: readonly ComparisonRow[], options: { metric?: 'maxLoss' | 'rho'; title?: string } = {}): Figure {
  nonEmpty('rows', rows);
  const metric = options.metric ?? 'maxLoss';
  const labels = [...new Set(rows.map((r) => r.label))];
  return {
    data: labels.map((label) => {
      const rs = rows.filter((r) => r.label === label && Number.isFinite(r[metric])).sort((u, v) => u.degree - v.degree);
      const optimal = label === 'minimax' || label === 'rho-optimal';
      return {
        type: 'scatter', mode: 'lines+markers', name: label, x: rs.map((r) => r.degree), y: rs.map((r) => r[metric]),
        line: optimal ? { width: 3, dash: label === 'minimax' ? 'solid' : 'dot' } : { width: 1.5 },
      };
    }),
    layout: {
      title: { text: options.title ?? `${metric === 'maxLoss' ? 'max_loss' : 'rho'} versus degree` },
      xaxis: { title: { text: 'degree N' }, dtick: 1 },
      yaxis: { title: { text: metric === 'maxLoss' ? 'max_loss (normalised)' : 'rho' }, type: 'log' },
      legend: { orientation: 'h', y: -0.22 }, margin: { ...MARGIN, b: 110 }, height: 500,
    },
  };
}

/**
 * Heatmap of the interval study: a value per half-width L (rows) and degree (columns), coloured by
 * log10 of the value (the values span five orders of magnitude) and labelled with it. Drawn as
 * square markers of one scatter trace (a tile map) rather than a plotly `heatmap` trace, so that
 * it renders as an ordinary SVG trace everywhere the report's checker and exporter expect one.
 */
export function intervalHeatmapFigure(cells: readonly IntervalCell[], options: { value?: 'optimalRho' | 'minimaxMaxLoss' | 'chebyshevRho'; title?: string } = {}): Figure {
  nonEmpty('cells', cells);
  const value = options.value ?? 'optimalRho';
  const Ls = [...new Set(cells.map((c) => c.halfWidth))].sort((u, v) => u - v);
  const Ns = [...new Set(cells.map((c) => c.degree))].sort((u, v) => u - v);
  const label = (L: number): string => `[-${L}, ${L}]`;
  const tiles = cells.filter((c) => Number.isFinite(c[value]) && c[value] > 0);
  // Tile size in px from the plot area (about 560 x 300 px at the layout below).
  const size = Math.max(8, Math.floor(0.9 * Math.min(560 / Ns.length, 300 / Ls.length)));
  return {
    data: [{
      type: 'scatter', mode: 'text+markers', name: value,
      x: tiles.map((c) => String(c.degree)), y: tiles.map((c) => label(c.halfWidth)),
      text: tiles.map((c) => c[value].toPrecision(3)), textfont: { color: 'white', size: 11 },
      marker: {
        symbol: 'square', size, color: tiles.map((c) => Math.log10(c[value])), colorscale: 'Viridis',
        colorbar: { title: { text: `log10 ${value}` } }, showscale: true,
      },
      hovertemplate: 'N = %{x}, %{y}: %{text}<extra></extra>',
    }],
    layout: {
      title: { text: options.title ?? `${value} by interval and degree` },
      xaxis: { title: { text: 'degree N' }, type: 'category', categoryorder: 'array', categoryarray: Ns.map(String) },
      yaxis: { title: { text: 'interval' }, type: 'category', categoryorder: 'array', categoryarray: Ls.map(label) },
      margin: { ...MARGIN, l: 110 }, height: 420, plot_bgcolor: 'white',
    },
  };
}

/** Table 6: the paper's best rho beside the certified optimum, per function and degree (grouped bars). */
export function table6Figure(rows: readonly Table6Row[]): Figure {
  nonEmpty('rows', rows);
  const x = rows.map((r) => `${r.fn} N=${r.degree}`);
  return {
    data: [
      { type: 'bar', name: "paper's best (Table 6)", x, y: rows.map((r) => r.paperRho) },
      { type: 'bar', name: 'optimal rho (201-point grid)', x, y: rows.map((r) => r.optimalRho) },
    ],
    layout: {
      title: { text: "Table 6: the paper's best rho against the best achievable" },
      barmode: 'group', yaxis: { title: { text: 'rho' } }, legend: { orientation: 'h', y: -0.22 }, margin: { ...MARGIN, b: 100 }, height: 460,
    },
  };
}

/** The error f - p of one or more fits on the interval; minimax fits also mark their alternation points. */
export function errorCurveFigure(f: Activation, fits: readonly FitResult[], options: { points?: number; normalise?: number; title?: string } = {}): Figure {
  nonEmpty('fits', fits);
  const [a, b] = fits[0].polynomial.domain;
  const n = requireInteger('points', options.points ?? 4001, 2, 1e6);
  const scale = options.normalise ?? 1;
  const x = Array.from(linspace(n, a, b));
  const data: Figure['data'] = [];
  for (const r of fits) {
    data.push({ type: 'scatter', mode: 'lines', name: r.method, x, y: x.map((v) => (f.value(v) - r.polynomial.evaluate(v)) / scale) });
    const c = r.certificate as MinimaxCertificate | undefined;
    if (r.method === 'minimax' && c && c.alternation) {
      data.push({ type: 'scatter', mode: 'markers', name: `${r.method}: alternation`, x: c.alternation.x, y: c.alternation.error.map((e) => e / scale), marker: { size: 9, symbol: 'circle-open' } });
    }
  }
  return {
    data,
    layout: {
      title: { text: options.title ?? `error f(x) - p(x) of ${f.name}, degree ${fits[0].polynomial.degree}` },
      xaxis: { title: { text: 'x' }, range: [a, b] }, yaxis: { title: { text: scale === 1 ? 'f - p' : '(f - p) / range' } },
      legend: { orientation: 'h', y: -0.22 }, margin: { ...MARGIN, b: 100 }, height: 460,
    },
  };
}

/** Minimax max_loss versus degree for several functions: the staircase of equal pairs. */
export function equalPairsFigure(series: readonly { fn: string; rows: readonly { degree: number; maxLoss: number }[] }[]): Figure {
  nonEmpty('series', series);
  return {
    data: series.map((s) => ({ type: 'scatter', mode: 'lines+markers', name: s.fn, x: s.rows.map((r) => r.degree), y: s.rows.map((r) => r.maxLoss), line: { shape: 'linear' } })),
    layout: {
      title: { text: 'Minimax max_loss versus degree: consecutive degrees coincide in pairs' },
      xaxis: { title: { text: 'degree N' }, dtick: 1 }, yaxis: { title: { text: 'minimax max_loss' }, type: 'log' },
      legend: { orientation: 'h', y: -0.22 }, margin: { ...MARGIN, b: 100 }, height: 460,
    },
  };
}
