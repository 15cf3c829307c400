/**
 * The plaintext mirror: the same polynomial network in float64, layer by layer, with the same
 * weights, scale factors and slice as the encrypted run - the reference its error is measured
 * against. The arithmetic is that of lib/he/network.ts's stagedForward (conv by `convolve`, the
 * polynomial by Clenshaw, dot products then the factor), so its f1 equals the fused forward pass's
 * f1* of lib/network (tested); unlike it, every layer and all 10 logits are kept.
 */
import { InputError } from '../../errors';
import { CONV_SIDE, CONV_SIZE, HIDDEN, INPUT_SIZE, KEPT, OUTPUTS } from '../../network/architecture';
import { convolve } from '../../network/forward';
import { convPositions, windowMap, type InferenceNetwork, type LayerName } from './network';

/** Per layer, per image (image-major): pre-activations in window units t, activation outputs, pooled means and logits in the network's units. */
export interface MirrorResult {
  readonly images: number;
  /** conv: 4 * cells t values per image (index 4k + q); act1: p of them; pool: cells means; dense1: hidden t values; act2: hidden; dense2: 10 logits. */
  readonly layers: Readonly<Record<LayerName, Float64Array>>;
  /** Softmax output f1 per image. */
  readonly f1: Float64Array;
}

/** Layer sizes per image. */
export function layerSizes(net: InferenceNetwork): Readonly<Record<LayerName, number>> {
  return { conv: 4 * net.cells, act1: 4 * net.cells, pool: net.cells, dense1: net.hidden, act2: net.hidden, dense2: OUTPUTS };
}

/** Run the mirror on `images` (count x 784 pixels, image-major). */
export function mirrorForward(net: InferenceNetwork, images: Float64Array, count: number): MirrorResult {
  if (!Number.isInteger(count) || count < 1 || images.length < count * INPUT_SIZE) {
    throw new InputError('images', `expected ${count} x ${INPUT_SIZE} pixels, got ${images.length} values`);
  }
  const size = layerSizes(net);
  const layers = Object.fromEntries(Object.entries(size).map(([k, n]) => [k, new Float64Array(count * n)])) as Record<LayerName, Float64Array>;
  const f1 = new Float64Array(count);
  const { m, h } = windowMap(net);
  const p = net.polynomial, positions = convPositions(net);
  const { conv: K, dense1: G, dense2: kappa } = net.weights;
  const conv = new Float64Array(CONV_SIZE), pre = new Float64Array(positions.length);
  const hiddenPre = new Float64Array(net.hidden), logits = new Float64Array(OUTPUTS);
  for (let n = 0; n < count; n++) {
    convolve(K, images, n * INPUT_SIZE, conv, CONV_SIDE);
    positions.forEach((c, i) => { pre[i] = net.scales.conv * conv[c]; });
    const act = p.evaluateMany(pre);
    const pooled = layers.pool.subarray(n * net.cells, (n + 1) * net.cells);
    for (let k = 0; k < net.cells; k++) pooled[k] = 0.25 * (act[4 * k] + act[4 * k + 1] + act[4 * k + 2] + act[4 * k + 3]);
    matVec(G, KEPT, net.hidden, net.cells, net.scales.dense1, pooled, hiddenPre);
    const act2 = p.evaluateMany(hiddenPre);
    matVec(kappa, HIDDEN, OUTPUTS, net.hidden, net.scales.logits, act2, logits);
    let sum = 0;
    for (let r = 0; r < OUTPUTS; r++) sum += Math.exp(logits[r] - logits[0]);
    f1[n] = 1 / sum;
    layers.conv.set(pre.map((x) => (x - m) / h), n * size.conv);
    layers.act1.set(act, n * size.act1);
    layers.dense1.set(hiddenPre.map((x) => (x - m) / h), n * size.dense1);
    layers.act2.set(act2, n * size.act2);
    layers.dense2.set(logits, n * size.dense2);
  }
  return { images: count, layers, f1 };
}

/** out[i] = scale * sum_{j < cols} W[i * stride + j] x[j] for i < rows (the first cols columns of a stride-wide matrix). */
function matVec(w: Float64Array, stride: number, rows: number, cols: number, scale: number, x: ArrayLike<number>, out: Float64Array): void {
  for (let i = 0; i < rows; i++) {
    let acc = 0;
    for (let j = 0; j < cols; j++) acc += w[i * stride + j] * x[j];
    out[i] = scale * acc;
  }
}

/** softmax(z)[0] for one row of logits. */
export function firstSoftmax(z: ArrayLike<number>): number {
  let sum = 0;
  for (let r = 0; r < z.length; r++) sum += Math.exp(z[r] - z[0]);
  return 1 / sum;
}
