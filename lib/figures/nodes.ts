/**
 * Section 2.2, Figs. 2-4: the three node rules (uniform, normal with the paper's mu and sigma,
 * Chebyshev roots) as histograms with a strip of the nodes beneath, and the error of the numerical
 * method on each rule (where each rule fits best).
 */
import { activation } from '../activations';
import { requireInteger, requireInterval } from '../errors';
import { numericalFit } from '../fit/index';
import { linspace } from '../metrics';
import { nodesByRule } from '../sampling';
import type { Data, Figure } from '../display/plot';

export type FigureNodeRule = 'uniform' | 'normal' | 'chebyshev';
export const NODE_RULES: readonly FigureNodeRule[] = ['uniform', 'normal', 'chebyshev'];
const TITLES: Record<FigureNodeRule, string> = { uniform: 'x_i ~ U(a, b)', normal: 'x_i ~ N(mu, sigma^2)', chebyshev: 'Chebyshev roots' };
const COLORS: Record<FigureNodeRule, string> = { uniform: '#1f77b4', normal: '#ff7f0e', chebyshev: '#2ca02c' };

export interface NodesFigureOptions {
  /** Nodes per rule (default 1000). */
  m?: number;
  /** Seed of the random rules (default 1). */
  seed?: string | number;
  /** Histogram bins across the interval (default 30). */
  bins?: number;
}

/**
 * Figs. 2-4 side by side: for each rule a histogram of m nodes on `interval` (counts per bin) and,
 * below it, a strip of every ceil(m/200)-th node. Normal draws outside the interval are counted in the title.
 */
export function nodesFigure(interval: readonly [number, number], options: NodesFigureOptions = {}): Figure {
  const [a, b] = requireInterval('interval', interval);
  const m = requireInteger('options.m', options.m ?? 1000, 2);
  const bins = requireInteger('options.bins', options.bins ?? 30, 2, 1000);
  const seed = options.seed ?? 1;
  const data: Data[] = [];
  const annotations: NonNullable<Figure['layout']>['annotations'] = [];
  NODE_RULES.forEach((rule, i) => {
    const xs = Array.from(nodesByRule(rule, m, a, b, seed));
    const outside = xs.filter((x) => x < a || x > b).length;
    const axis = i === 0 ? '' : String(i + 1);
    data.push({
      type: 'histogram', x: xs, name: rule, marker: { color: COLORS[rule] }, showlegend: false,
      xbins: { start: a, end: b, size: (b - a) / bins }, xaxis: `x${axis}`, yaxis: `y${axis}`,
    } as Data);
    // Every k-th node, so sorted rules (Chebyshev roots) are sampled over the whole interval.
    const k = Math.ceil(m / 200);
    const strip = xs.filter((_, j) => j % k === 0);
    data.push({
      type: 'scatter', mode: 'markers', x: strip, y: strip.map(() => 0), showlegend: false, hoverinfo: 'x',
      marker: { symbol: 'line-ns-open', size: 10, color: COLORS[rule] }, xaxis: `x${axis}`, yaxis: `y${i + 4}`,
    } as Data);
    annotations.push({
      text: `${TITLES[rule]}${rule === 'normal' ? `, ${outside} of ${m} outside` : ''}`,
      xref: `x${axis} domain` as never, yref: 'paper', x: 0.5, y: 1.0, yanchor: 'bottom', showarrow: false,
    });
  });
  const dom = (i: number): [number, number] => [i / 3 + 0.03, (i + 1) / 3 - 0.03];
  const layout: Record<string, unknown> = {
    title: { text: `Node rules on [${a}, ${b}], m = ${m}, seed ${String(seed)} (Figs. 2-4)` },
    height: 380, margin: { t: 70, r: 20, b: 40, l: 50 }, annotations, bargap: 0.05,
  };
  for (let i = 0; i < 3; i++) {
    const s = i === 0 ? '' : String(i + 1);
    layout[`xaxis${s}`] = { domain: dom(i), range: [a, b], anchor: `y${i + 4}` };
    layout[`yaxis${s}`] = { domain: [0.22, 1], anchor: `x${s}`, title: i === 0 ? { text: 'count' } : undefined };
    layout[`yaxis${i + 4}`] = { domain: [0, 0.15], anchor: `x${s}`, showticklabels: false, showgrid: false, zeroline: false, range: [-1, 1] };
  }
  return { data, layout: layout as Figure['layout'] };
}

/**
 * Where each rule fits best: |f - p| of the numerical method (least squares, m nodes) on each rule,
 * normalised by the range of f, on `points` evenly spaced points.
 */
export function nodeErrorFigure(fn: string, degree: number, interval: readonly [number, number], options: NodesFigureOptions & { points?: number } = {}): Figure {
  const f = activation(fn);
  const [a, b] = requireInterval('interval', interval);
  const m = options.m ?? 1000, seed = options.seed ?? 1;
  const x = Array.from(linspace(requireInteger('options.points', options.points ?? 801, 2), a, b));
  const y = x.map((t) => f.value(t));
  const width = Math.max(...y) - Math.min(...y) || 1;
  const data: Data[] = NODE_RULES.map((rule) => {
    const p = numericalFit(f, degree, [a, b], { nodes: rule, m, seed }).polynomial;
    return { type: 'scatter', mode: 'lines', name: rule, line: { color: COLORS[rule] }, x, y: x.map((t, i) => Math.abs(y[i] - p.evaluate(t)) / width) } as Data;
  });
  return {
    data,
    layout: {
      title: { text: `${f.name}, degree ${degree}: normalised error of least squares on each node rule (m = ${m}, seed ${String(seed)})` },
      xaxis: { title: { text: 'x' }, range: [a, b] }, yaxis: { title: { text: '|f - p| / (ymax - ymin)' } },
      legend: { orientation: 'h' }, height: 380, margin: { t: 50, r: 20, b: 50, l: 70 },
    },
  };
}
