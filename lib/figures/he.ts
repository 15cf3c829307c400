/**
 * Figures of the HE notebook (08-encrypted): encrypted vs plaintext vs true curves with the HE
 * error underneath, and the depth / multiplication counts per scheme against the degree.
 */
import type { Activation } from '../activations';
import type { Figure } from '../display/plot';
import { InputError, requireInteger } from '../errors';
import type { EncryptedEvaluation } from '../he/encrypted';
import { heCostForDegree, openFheChebyshevDepth, optimalDepth } from '../he/cost';
import { schemeNames } from '../he/schemes';

/** Every k-th index so that at most `max` points are drawn. */
function thin(n: number, max: number): number[] {
  const step = Math.max(1, Math.ceil(n / max));
  const idx: number[] = [];
  for (let i = 0; i < n; i += step) idx.push(i);
  if (idx[idx.length - 1] !== n - 1) idx.push(n - 1);
  return idx;
}

/** Top: f, the plaintext polynomial and the decrypted values; bottom: |decrypted - plaintext| (log scale). */
export function encryptedCurvesFigure(result: EncryptedEvaluation, f?: Activation, options: { title?: string; points?: number } = {}): Figure {
  if (!result || !(result.inputs instanceof Float64Array)) throw new InputError('result', 'expected an EncryptedEvaluation (from encryptedEvaluate)');
  const idx = thin(result.inputs.length, requireInteger('options.points', options.points ?? 600, 10, 100000));
  const x = idx.map((i) => result.inputs[i]);
  const data: Figure['data'] = [];
  if (f) data.push({ type: 'scatter', mode: 'lines', name: `${f.name}(x)`, x, y: x.map((v) => f.value(v)), line: { color: '#444', dash: 'dot' } });
  data.push({ type: 'scatter', mode: 'lines', name: 'p(x), plaintext', x, y: idx.map((i) => result.plaintext[i]), line: { color: '#1f77b4' } });
  // Decrypted values as sparse open markers, so the plaintext line stays visible between them (they coincide to ~1e-6).
  const sparse = thin(idx.length, 40).map((j) => idx[j]);
  data.push({ type: 'scatter', mode: 'markers', name: 'p(x), decrypted', x: sparse.map((i) => result.inputs[i]), y: sparse.map((i) => result.decrypted[i]), marker: { color: '#d62728', size: 7, symbol: 'circle-open' } });
  data.push({ type: 'scatter', mode: 'lines', name: '|decrypted - plaintext|', x, y: idx.map((i) => Math.max(1e-16, Math.abs(result.decrypted[i] - result.plaintext[i]))), xaxis: 'x', yaxis: 'y2', line: { color: '#d62728', width: 1 } });
  const [a, b] = [result.inputs[0], result.inputs[result.inputs.length - 1]];
  return {
    data,
    layout: {
      title: { text: options.title ?? `Encrypted evaluation: degree ${result.degree}, depth ${result.levelsConsumed}, N = ${result.parameters.polyModulusDegree}` },
      // One x axis at the bottom, shared by both panels.
      xaxis: { title: { text: 'x' }, range: [a, b], anchor: 'y2' },
      yaxis: { title: { text: 'value' }, domain: [0.38, 1], anchor: 'x' },
      yaxis2: { title: { text: 'HE error' }, type: 'log', domain: [0, 0.28], anchor: 'x', exponentformat: 'power' },
      legend: { orientation: 'h', y: -0.14 },
      margin: { t: 50, r: 20, b: 50, l: 70 },
      height: 600,
    },
  };
}

/** Depth (left) and ciphertext multiplications (right) of each scheme for dense polynomials of degree 1..maxDegree, with OpenFHE's documented depths. */
export function heCostFigure(maxDegree = 32): Figure {
  requireInteger('maxDegree', maxDegree, 2, 256);
  const degrees = Array.from({ length: maxDegree }, (_, i) => i + 1);
  const data: Figure['data'] = [];
  const colors: Record<string, string> = { horner: '#7f7f7f', powers: '#9467bd', tree: '#1f77b4', bsgs: '#ff7f0e', folded: '#d62728' };
  for (const s of schemeNames) {
    const costs = degrees.map((d) => heCostForDegree(d, s));
    data.push({ type: 'scatter', mode: 'lines+markers', name: s, legendgroup: s, x: degrees, y: costs.map((c) => c.depth), line: { color: colors[s], shape: 'hv' }, marker: { size: 4 } });
    data.push({ type: 'scatter', mode: 'lines+markers', name: s, legendgroup: s, x: degrees, y: costs.map((c) => c.nonscalar), xaxis: 'x2', yaxis: 'y2', line: { color: colors[s] }, marker: { size: 4 }, showlegend: false });
  }
  data.push({ type: 'scatter', mode: 'lines', name: 'ceil(log2(N+1)) (least when every constant costs a level)', x: degrees, y: degrees.map(optimalDepth), line: { color: '#2ca02c', dash: 'dash', shape: 'hv' } });
  const ofhe = degrees.filter((d) => d >= 3).map((d) => [d, openFheChebyshevDepth(d)]);
  data.push({ type: 'scatter', mode: 'markers', name: 'OpenFHE table (incl. its affine map)', x: ofhe.map((r) => r[0]), y: ofhe.map((r) => r[1]), marker: { symbol: 'x', color: '#000', size: 6 } });
  return {
    data,
    layout: {
      title: { text: 'Cost of a degree-N polynomial under CKKS: depth (left), ciphertext products (right)' },
      xaxis: { title: { text: 'degree N' }, domain: [0, 0.45] },
      yaxis: { title: { text: 'multiplicative depth (levels)' }, range: [0, Math.min(maxDegree, 12) + 0.5] },
      xaxis2: { title: { text: 'degree N' }, domain: [0.55, 1], anchor: 'y2' },
      yaxis2: { title: { text: 'ciphertext x ciphertext products' }, anchor: 'x2' },
      legend: { orientation: 'h', y: -0.2 },
      margin: { t: 50, r: 20, b: 50, l: 60 },
      height: 460,
    },
  };
}
