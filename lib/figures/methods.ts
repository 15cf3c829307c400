/**
 * Section 2.2: the four methods for one function and degree (the polynomials against f, and the
 * error curves), small multiples for every function and degree, and the Taylor node rule.
 */
import { activation } from '../activations';
import { requireInterval } from '../errors';
import { taylorNodes } from '../fit/index';
import { linspace } from '../metrics';
import type { Interval } from '../polynomial';
import type { Data, Figure } from '../display/plot';
import { fourMethods, type FourMethodsOptions } from '../paper/methods';

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728'];

function grid(interval: Interval, points: number): number[] {
  const [a, b] = requireInterval('interval', interval);
  return Array.from(linspace(points, a, b));
}

/** f and the four methods' polynomials (top), and their normalised errors |f - p| / (ymax - ymin) (bottom). */
export function methodsFigure(fn: string, degree: number, interval: Interval, options: FourMethodsOptions & { points?: number } = {}): Figure {
  const f = activation(fn);
  const x = grid(interval, options.points ?? 801);
  const y = x.map((t) => f.value(t));
  const width = Math.max(...y) - Math.min(...y) || 1;
  const fits = fourMethods(fn, degree, interval, options);
  const data: Data[] = [{ type: 'scatter', mode: 'lines', name: f.name, x, y, line: { color: '#000', width: 3 } } as Data];
  fits.forEach(({ label, fit }, i) => {
    const p = x.map((t) => fit.polynomial.evaluate(t));
    data.push({ type: 'scatter', mode: 'lines', name: label, legendgroup: label, x, y: p, line: { color: COLORS[i] } } as Data);
    data.push({ type: 'scatter', mode: 'lines', name: label, legendgroup: label, showlegend: false, x, y: p.map((v, k) => Math.abs(y[k] - v) / width), line: { color: COLORS[i] }, xaxis: 'x2', yaxis: 'y2' } as Data);
  });
  return {
    data,
    layout: {
      title: { text: `${f.name}, degree ${degree} on [${interval[0]}, ${interval[1]}]: the four methods` },
      grid: { rows: 2, columns: 1, pattern: 'independent' },
      xaxis: { range: [interval[0], interval[1]] }, yaxis: { title: { text: 'p(x)' } },
      xaxis2: { title: { text: 'x' }, range: [interval[0], interval[1]] }, yaxis2: { title: { text: 'normalised |f - p|' } },
      legend: { orientation: 'h' }, height: 620, margin: { t: 50, r: 20, b: 50, l: 70 },
    },
  };
}

/** Small multiples: normalised error of the four methods, one panel per function (rows) and degree (columns). */
export function methodsGridFigure(fns: readonly string[], degrees: readonly number[], interval: Interval, options: FourMethodsOptions & { points?: number } = {}): Figure {
  const x = grid(interval, options.points ?? 401);
  const data: Data[] = [];
  const layout: Record<string, unknown> = {
    title: { text: `Normalised error |f - p| / (ymax - ymin) of the four methods on [${interval[0]}, ${interval[1]}]` },
    grid: { rows: fns.length, columns: degrees.length, pattern: 'independent' },
    height: 260 * fns.length + 80, margin: { t: 70, r: 20, b: 40, l: 60 }, legend: { orientation: 'h' }, annotations: [],
  };
  let panel = 0;
  fns.forEach((fn, r) => {
    const f = activation(fn);
    const y = x.map((t) => f.value(t));
    const width = Math.max(...y) - Math.min(...y) || 1;
    degrees.forEach((N, c) => {
      panel++;
      const s = panel === 1 ? '' : String(panel);
      fourMethods(fn, N, interval, options).forEach(({ label, fit }, i) => {
        data.push({
          type: 'scatter', mode: 'lines', name: label, legendgroup: label, showlegend: panel === 1, line: { color: COLORS[i], width: 1.5 },
          x, y: x.map((t, k) => Math.abs(y[k] - fit.polynomial.evaluate(t)) / width), xaxis: `x${s}`, yaxis: `y${s}`,
        } as Data);
      });
      (layout.annotations as unknown[]).push({ text: `${f.name}, N = ${N}`, xref: `x${s} domain`, yref: `y${s} domain`, x: 0.5, y: 1.02, yanchor: 'bottom', showarrow: false });
      layout[`xaxis${s}`] = { range: [interval[0], interval[1]], title: r === fns.length - 1 ? { text: 'x' } : undefined };
      layout[`yaxis${s}`] = { rangemode: 'tozero', title: c === 0 ? { text: 'error' } : undefined };
    });
  });
  return { data, layout: layout as Figure['layout'] };
}

/**
 * The Taylor node rule made visible: n = N + 3 nodes z + s cos(k pi / n), k = 0..n-1 (`taylorNodes`),
 * with s = b - a: the nodes reach twice as far as the interval's ends.
 * Shows f, the Taylor polynomial and the nodes on [z - s, z + s], the interval shaded.
 */
export function taylorNodesFigure(fn: string, degree: number, interval: Interval): Figure {
  const f = activation(fn);
  const [a, b] = requireInterval('interval', interval);
  const z = (a + b) / 2, s = b - a, n = degree + 3;
  const nodes = taylorNodes(n).map((w) => z + s * w);
  const fit = fourMethods(fn, degree, interval).find((m) => m.label === 'Taylor')!.fit;
  const x = Array.from(linspace(801, z - s, z + s));
  return {
    data: [
      { type: 'scatter', mode: 'lines', name: f.name, x, y: x.map((t) => f.value(t)), line: { color: '#000', width: 3 } },
      { type: 'scatter', mode: 'lines', name: `Taylor, N = ${degree}`, x, y: x.map((t) => fit.polynomial.evaluate(t)), line: { color: '#ff7f0e' } },
      { type: 'scatter', mode: 'markers', name: `${n} interpolation nodes`, x: nodes, y: nodes.map((t) => f.value(t)), marker: { size: 10, color: '#d62728', symbol: 'diamond' } },
    ] as Data[],
    layout: {
      title: { text: `Taylor method for ${f.name}, N = ${degree}: Krogh interpolation at z + ${s} cos(theta_k), z = ${z}` },
      xaxis: { title: { text: 'x' }, range: [z - s, z + s] }, yaxis: { title: { text: 'f(x), p(x)' } },
      shapes: [{ type: 'rect', xref: 'x', yref: 'paper', x0: a, x1: b, y0: 0, y1: 1, fillcolor: '#888', opacity: 0.12, line: { width: 0 } }],
      legend: { orientation: 'h' }, height: 420, margin: { t: 50, r: 20, b: 50, l: 60 },
    },
  };
}
