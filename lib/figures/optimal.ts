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
import { formatNumber } from '../display/format';
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

/** Plotly's Viridis colour scale as stops, so that each tile's label colour can be chosen against its fill. */
const VIRIDIS: readonly [number, string][] = [
  [0, '#440154'], [0.0627, '#48186a'], [0.1255, '#472d7b'], [0.1882, '#424086'], [0.251, '#3b528b'], [0.3137, '#33638d'],
  [0.3765, '#2c728e'], [0.4392, '#26828e'], [0.502, '#21918c'], [0.5647, '#1fa088'], [0.6275, '#28ae80'], [0.6902, '#3fbc73'],
  [0.7529, '#5ec962'], [0.8157, '#84d44b'], [0.8784, '#addc30'], [0.9412, '#d8e219'], [1, '#fde725'],
];

/** The colour of `scale` at t in [0, 1], as [r, g, b] in 0..255 (linear between stops, as plotly interpolates). */
export function colourAt(scale: readonly [number, string][], t: number): [number, number, number] {
  const rgb = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const u = Math.min(1, Math.max(0, t));
  let k = 1;
  while (k < scale.length - 1 && scale[k][0] < u) k++;
  const [t0, c0] = scale[k - 1], [t1, c1] = scale[k];
  const w = t1 > t0 ? (u - t0) / (t1 - t0) : 0;
  const a = rgb(c0), b = rgb(c1);
  return [0, 1, 2].map((i) => a[i] + w * (b[i] - a[i])) as [number, number, number];
}

/** Black or white, whichever contrasts more with the fill (WCAG relative luminance: black above 0.179). */
export function labelColour([r, g, b]: readonly number[]): '#000000' | '#ffffff' {
  const lin = (c: number): number => { const v = c / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const L = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return L > 0.179 ? '#000000' : '#ffffff';
}

/** Colour-bar ticks of a log10 colour axis from lo to hi: the values 1, 2, 5 x 10^k inside, labelled as values. */
function logTicks(lo: number, hi: number): { tickvals: number[]; ticktext: string[] } {
  const vals: number[] = [];
  for (let k = Math.floor(lo); k <= Math.ceil(hi); k++) for (const m of [1, 2, 5]) {
    const v = Math.log10(m) + k;
    if (v >= lo - 1e-9 && v <= hi + 1e-9) vals.push(v);
  }
  const ticks = vals.length >= 2 ? vals : [lo, hi];
  return { tickvals: ticks, ticktext: ticks.map((v) => formatNumber(10 ** v, 2)) };
}

const HEATMAP_VALUES = { optimalRho: 'optimal rho', minimaxMaxLoss: 'minimax max_loss', chebyshevRho: 'rho of the Chebyshev series' } as const;

/**
 * Heatmap of the interval study: a value per half-width L (rows) and degree (columns), coloured by
 * log10 of the value (the values span five orders of magnitude, the colour bar labelled in values)
 * and labelled with it, in black or white against each tile. Drawn as square markers of one
 * scatter trace (a tile map) rather than a plotly `heatmap` trace, so that it renders as an
 * ordinary SVG trace everywhere the report's checker and exporter expect one.
 */
export function intervalHeatmapFigure(cells: readonly IntervalCell[], options: { value?: keyof typeof HEATMAP_VALUES; title?: string } = {}): Figure {
  nonEmpty('cells', cells);
  const value = options.value ?? 'optimalRho';
  const name = HEATMAP_VALUES[value];
  const Ls = [...new Set(cells.map((c) => c.halfWidth))].sort((u, v) => u - v);
  const Ns = [...new Set(cells.map((c) => c.degree))].sort((u, v) => u - v);
  const label = (L: number): string => `[-${L}, ${L}]`;
  const tiles = cells.filter((c) => Number.isFinite(c[value]) && c[value] > 0);
  const logs = tiles.map((c) => Math.log10(c[value]));
  const lo = Math.min(...logs), hi = Math.max(...logs);
  const colours = logs.map((v) => labelColour(colourAt(VIRIDIS, hi > lo ? (v - lo) / (hi - lo) : 0.5)));
  // Tile size in px from the plot area (about 560 x 300 px at the layout below).
  const size = Math.max(8, Math.floor(0.9 * Math.min(560 / Ns.length, 300 / Ls.length)));
  return {
    data: [{
      type: 'scatter', mode: 'text+markers', name,
      x: tiles.map((c) => String(c.degree)), y: tiles.map((c) => label(c.halfWidth)),
      text: tiles.map((c) => formatNumber(c[value], 3)), textfont: { color: colours, size: 11 },
      marker: {
        symbol: 'square', size, color: logs, cmin: lo, cmax: hi, colorscale: VIRIDIS.map(([t, c]) => [t, c] as [number, string]),
        colorbar: { title: { text: name }, ...logTicks(lo, hi) }, showscale: true,
      },
      hovertemplate: `N = %{x}, %{y}: ${name} %{text}<extra></extra>`,
    }],
    layout: {
      title: { text: options.title ?? `${name} by interval and degree` },
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
