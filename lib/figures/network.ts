/**
 * Figures of notebook 06 (Section 5 network experiment), as plain `{ data, layout }` so the
 * export script can render the same figures to SVG.
 */
import type { Data, Figure } from '../display/plot';
import type { DeviationStatistics } from '../network/statistics';

/** Histogram of |f1 - f1*| over the random inputs (log count axis), with the paper's value and the search maximum as markers. */
export function deviationHistogramFigure(stats: DeviationStatistics, options: { title?: string; paper?: number; searchMax?: number | null } = {}): Figure {
  const { edges, counts } = stats.histogram;
  const centers = counts.map((_, k) => (edges[k] + edges[k + 1]) / 2);
  const width = edges.length > 1 ? edges[1] - edges[0] : 1;
  const top = Math.max(1, ...counts);
  const marker = (x: number, name: string, dash: 'solid' | 'dot' | 'dash'): Data => ({ type: 'scatter', mode: 'lines', x: [x, x], y: [1, top], name, line: { dash } });
  const data: Figure['data'] = [{ type: 'bar', x: centers, y: counts, width, name: 'random inputs' }];
  data.push(marker(stats.max, `random max ${stats.max.toPrecision(4)}`, 'solid'));
  if (options.searchMax != null) data.push(marker(options.searchMax, `search max ${options.searchMax.toPrecision(4)}`, 'dot'));
  if (options.paper != null) data.push(marker(options.paper, `paper ${options.paper}`, 'dash'));
  return {
    data,
    layout: {
      title: { text: options.title ?? 'Distribution of |f1 - f1*| over the random inputs' },
      xaxis: { title: { text: '|f1(A) - f1*(A)|' } },
      yaxis: { title: { text: 'inputs' }, type: 'log' },
      bargap: 0,
    },
  };
}

/** One row of the bracket: a configuration and its four numbers. */
export interface BracketRow { label: string; randomMax: number; searchMax: number | null; upperBound: number; paper: number }

/** The bracket around the true worst case per configuration: random max <= search max <= true max <= certified bound, with the paper's value. */
export function deviationBracketFigure(rows: readonly BracketRow[], title = 'max |f1 - f1*|: lower bounds, certified upper bound, paper'): Figure {
  const y = rows.map((r) => r.label);
  const trace = (name: string, x: (number | null)[], symbol: string): Data => ({ type: 'scatter', mode: 'markers', name, x, y, marker: { symbol: symbol as never, size: 12 } });
  return {
    data: [
      trace('random sampling max', rows.map((r) => r.randomMax), 'circle'),
      trace('search max', rows.map((r) => r.searchMax), 'diamond'),
      trace('certified upper bound', rows.map((r) => r.upperBound), 'triangle-left'),
      trace('paper (0.200293)', rows.map((r) => r.paper), 'x'),
    ],
    layout: {
      title: { text: title },
      xaxis: { title: { text: '|f1 - f1*|' }, type: 'log' },
      margin: { l: 160 },
    },
  };
}

/** A 28x28 input as a heatmap (pixels in [-200, 200]), e.g. the worst input found. */
export function inputHeatmapFigure(input: ArrayLike<number>, title = 'Worst input found'): Figure {
  const z: number[][] = [];
  for (let r = 0; r < 28; r++) z.push(Array.from({ length: 28 }, (_, c) => input[r * 28 + c]));
  return {
    data: [{ type: 'heatmap', z, zmin: -200, zmax: 200, colorscale: 'RdBu' } as Data],
    layout: { title: { text: title }, yaxis: { autorange: 'reversed', scaleanchor: 'x' }, width: 420, height: 420 },
  };
}
