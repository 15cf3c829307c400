/**
 * Figures of notebook 09 (the network trained on real digits), as plain `{ data, layout }`.
 */
import type { Data, Figure } from '../display/plot';
import { InputError } from '../errors';
import * as arch from '../network/architecture';
import type { Digits } from '../mnist/data';
import type { MnistScaling, PreActivations } from '../mnist/scaling';
import type { StudyRow, StudyRule } from '../mnist/study';

const COLORS: Record<string, string> = { paper: '#7f7f7f', chebyshev: '#1f77b4', minimax: '#d62728', 'rho-optimal': '#2ca02c', weighted: '#9467bd', 'fine-tuned': '#ff7f0e' };

/** A row of digits as grayscale images, with their labels (and predictions, if given) as titles. */
export function digitsFigure(d: Digits, indices: readonly number[], options: { predictions?: ArrayLike<number>; title?: string } = {}): Figure {
  if (indices.length === 0 || indices.some((k) => !(Number.isInteger(k) && k >= 0 && k < d.count))) throw new InputError('indices', `expected indices in 0..${d.count - 1}`);
  const n = indices.length;
  const data: Data[] = [];
  const layout: Figure['layout'] = { title: { text: options.title ?? 'Test digits' }, height: 230, margin: { t: 60, b: 10, l: 10, r: 10 }, annotations: [] };
  indices.forEach((k, i) => {
    const z: number[][] = [];
    for (let r = 0; r < arch.INPUT_SIDE; r++) z.push(Array.from(d.images.subarray(k * arch.INPUT_SIZE + r * arch.INPUT_SIDE, k * arch.INPUT_SIZE + (r + 1) * arch.INPUT_SIDE)));
    const ax = i === 0 ? '' : String(i + 1);
    data.push({ type: 'heatmap', z, zmin: 0, zmax: 1, colorscale: 'Greys', showscale: false, xaxis: `x${ax}`, yaxis: `y${ax}`, name: `digit ${d.labels[k]}` } as Data);
    const gap = 0.02, w = (1 - gap * (n - 1)) / n;
    (layout as Record<string, unknown>)[`xaxis${ax}`] = { domain: [i * (w + gap), i * (w + gap) + w], visible: false, anchor: `y${ax}` };
    (layout as Record<string, unknown>)[`yaxis${ax}`] = { autorange: 'reversed', visible: false, scaleanchor: `x${ax}`, anchor: `x${ax}` };
    const pred = options.predictions ? ` -> ${options.predictions[k]}` : '';
    layout.annotations!.push({ text: `${d.labels[k]}${pred}`, x: i * (w + gap) + w / 2, y: 1.08, xref: 'paper', yref: 'paper', showarrow: false });
  });
  return { data, layout };
}

/** Test accuracy (%) against degree, one line per method, for one scaling rule; the ReLU baseline and the 0.5-point band. */
export function accuracyDegreeFigure(rows: readonly StudyRow[], rule: StudyRule, baseline: number, options: { title?: string; finetuned?: readonly { degree: number; accuracyAfter: number }[] } = {}): Figure {
  const sel = rows.filter((r) => r.rule === rule);
  if (sel.length === 0) throw new InputError('rows', `expected study rows for rule '${rule}'`);
  const methods = [...new Set(sel.map((r) => r.method))];
  const degrees = [...new Set(sel.map((r) => r.degree))].sort((a, b) => a - b);
  const data: Data[] = methods.map((m) => {
    const mr = sel.filter((r) => r.method === m).sort((a, b) => a.degree - b.degree);
    return { type: 'scatter', mode: 'lines+markers', name: m, x: mr.map((r) => r.degree), y: mr.map((r) => 100 * r.result.accuracy), line: { color: COLORS[m] } };
  });
  if (options.finetuned && options.finetuned.length > 0) {
    const f = [...options.finetuned].sort((a, b) => a.degree - b.degree);
    data.push({ type: 'scatter', mode: 'lines+markers', name: 'best, fine-tuned', x: f.map((e) => e.degree), y: f.map((e) => 100 * e.accuracyAfter), line: { color: COLORS['fine-tuned'], dash: 'dot' }, marker: { symbol: 'star', size: 10 } });
  }
  const x = [degrees[0], degrees[degrees.length - 1]];
  data.push({ type: 'scatter', mode: 'lines', name: `ReLU ${(100 * baseline).toFixed(2)}%`, x, y: [100 * baseline, 100 * baseline], line: { color: 'black', dash: 'dash' } });
  data.push({ type: 'scatter', mode: 'lines', name: 'ReLU - 0.5 pp', x, y: [100 * baseline - 0.5, 100 * baseline - 0.5], line: { color: 'black', dash: 'dot', width: 1 } });
  return {
    data,
    layout: {
      title: { text: options.title ?? `Test accuracy vs degree, ${rule === 'fixed' ? '(a) the paper\'s fixed [-200, 200] scaling' : '(b) interval from the training pre-activations'}` },
      xaxis: { title: { text: 'degree N' }, dtick: 1 },
      yaxis: { title: { text: 'test accuracy (%)' } },
    },
  };
}

/** Histograms of the ReLU network's conv and dense pre-activations (training digits, graph units) with the bounds of each scaling. */
export function preActivationFigure(pre: PreActivations, scalings: readonly MnistScaling[], options: { bins?: number; title?: string } = {}): Figure {
  const bins = options.bins ?? 120;
  const data: Data[] = [];
  const layers: { key: 'conv' | 'dense'; values: Float64Array; bound: (s: MnistScaling) => number; axis: string; label: string }[] = [
    { key: 'conv', values: pre.conv, bound: (s) => s.convBound, axis: '', label: 'conv pre-activations z1' },
    { key: 'dense', values: pre.dense, bound: (s) => s.denseBound, axis: '2', label: 'dense pre-activations z2' },
  ];
  const dashes = ['dash', 'dot', 'dashdot'] as const;
  for (const L of layers) {
    let lo = Infinity, hi = -Infinity;
    for (const v of L.values) { if (v < lo) lo = v; if (v > hi) hi = v; }
    const w = (hi - lo) / bins || 1;
    const counts = new Array<number>(bins).fill(0);
    for (const v of L.values) counts[Math.min(bins - 1, Math.floor((v - lo) / w))]++;
    data.push({ type: 'bar', name: L.label, x: counts.map((_, k) => lo + (k + 0.5) * w), y: counts, width: w, xaxis: `x${L.axis}`, yaxis: `y${L.axis}`, marker: { color: L.key === 'conv' ? '#1f77b4' : '#2ca02c' } });
    const top = Math.max(...counts);
    scalings.forEach((s, i) => {
      const b = L.bound(s);
      data.push({ type: 'scatter', mode: 'lines', name: `${L.key}: ${s.rule} bound ±${b.toPrecision(3)}`, x: [-b, -b, null as unknown as number, b, b], y: [1, top, null as unknown as number, 1, top], xaxis: `x${L.axis}`, yaxis: `y${L.axis}`, line: { color: 'black', dash: dashes[i % dashes.length] } });
    });
  }
  return {
    data,
    layout: {
      title: { text: options.title ?? 'Pre-activations of the ReLU network on the training digits, with the interval bounds of each scaling' },
      grid: { rows: 2, columns: 1, pattern: 'independent' },
      xaxis: { title: { text: 'z1 (graph units: pixels in [0, 1])' } },
      yaxis: { title: { text: 'count' }, type: 'log' },
      xaxis2: { title: { text: 'z2' } },
      yaxis2: { title: { text: 'count' }, type: 'log' },
      bargap: 0,
      height: 650,
    },
  };
}

/** A 10x10 confusion matrix (rows: true digit, columns: predicted) as a heatmap with the counts written in. */
export function confusionFigure(matrix: readonly (readonly number[])[], title = 'Confusion matrix'): Figure {
  if (matrix.length !== 10 || matrix.some((r) => r.length !== 10)) throw new InputError('matrix', 'expected a 10x10 matrix');
  const digits = Array.from({ length: 10 }, (_, i) => String(i));
  const annotations = matrix.flatMap((row, i) => row.map((c, j) => ({ x: digits[j], y: digits[i], text: String(c), showarrow: false, font: { color: c > 100 ? 'white' : 'black', size: 11 } })));
  return {
    data: [{ type: 'heatmap', z: matrix.map((r) => [...r]), x: digits, y: digits, colorscale: 'Blues', showscale: false } as Data],
    layout: {
      title: { text: title },
      xaxis: { title: { text: 'predicted' }, type: 'category' },
      yaxis: { title: { text: 'true digit' }, type: 'category', autorange: 'reversed' },
      annotations, width: 560, height: 520,
    },
  };
}
