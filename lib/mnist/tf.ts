/**
 * The Section 5 network as a TensorFlow.js graph (tfjs-core with its pure-JavaScript `cpu`
 * backend; tfjs-node needs a native binary, and the wasm backend lacks Conv2DBackpropFilter),
 * for training by automatic differentiation.
 *
 * The 5x5 convolution is written as a matrix product of image patches (im2col) with the kernel:
 * the same function as tf.conv2d with 'valid' padding, but its gradient is a matrix product too,
 * about 5x faster on the cpu backend than conv2d's backprop (measured). Only the 20 conv rows that feed the
 * 116 kept pooled cells are computed (the others are discarded by the architecture anyway).
 *
 * Units: the graph takes pixels p in [0, 1]. lib/network takes x = 200 p (inside the paper's pixel
 * range [-200, 200]); with no biases the two differ by a positive factor that the scaling absorbs
 * (see trained.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import * as arch from '../network/architecture';
import type { Digits } from './data';

const ROWS = 2 * Math.ceil(arch.KEPT / arch.POOL_SIDE); // 20 conv rows
const PATCHES = ROWS * arch.CONV_SIDE; // 480 patches per image
const TAPS = arch.KERNEL_SIDE * arch.KERNEL_SIDE; // 25

let ready: Promise<void> | null = null;
/** Selects the cpu backend once (production mode: no per-op NaN checks). */
export function tfReady(): Promise<void> {
  ready ??= (async () => {
    tf.enableProdMode();
    await tf.setBackend('cpu');
    await tf.ready();
  })();
  return ready;
}

/** The trainable weights as tfjs variables, lib layout: conv [25, 1] (K[u*5+v]), dense1 [116, 116], dense2 [10, 116]. */
export interface TfWeights {
  readonly conv: tf.Variable;
  readonly dense1: tf.Variable;
  readonly dense2: tf.Variable;
}

/**
 * The activation of both layers: ReLU, or a polynomial p on [-200, 200] applied to the
 * pre-activation scaled by `c` (a = p(c z) / c, with c per layer in the graph's units): for ReLU
 * this is ReLU(z) whatever c > 0, for p it is the polynomial network of lib/network.
 */
export type TfActivation = null | {
  /** Power-basis coefficients of p in t = u / 200 (ascending), u = c z in [-200, 200]. */
  readonly q: readonly number[];
  /** Factor of the conv pre-activations (graph units -> [-200, 200]). */
  readonly conv: number;
  /** Factor of the dense pre-activations (graph units -> [-200, 200]). */
  readonly dense: number;
};

function activate(z: tf.Tensor, act: TfActivation, layer: 'conv' | 'dense'): tf.Tensor {
  if (act === null) return tf.relu(z);
  const c = act[layer];
  const t = tf.mul(z, c / 200);
  const q = act.q;
  let p: tf.Tensor = tf.scalar(q[q.length - 1]);
  for (let j = q.length - 2; j >= 0; j--) p = tf.add(tf.mul(p, t), q[j]);
  return tf.mul(p, 1 / c);
}

/** im2col of the 20 needed conv rows: [count * 480, 25], row (n, i, j) holds the 5x5 patch at (i, j) of image indices[n]. */
export function patchMatrix(d: Digits, indices: ArrayLike<number>): tf.Tensor2D {
  const n = indices.length;
  const out = new Float32Array(n * PATCHES * TAPS);
  let o = 0;
  for (let s = 0; s < n; s++) {
    const base = indices[s] * arch.INPUT_SIZE;
    for (let i = 0; i < ROWS; i++) for (let j = 0; j < arch.CONV_SIDE; j++) {
      for (let u = 0; u < arch.KERNEL_SIDE; u++) {
        const p = base + (i + u) * arch.INPUT_SIDE + j;
        for (let v = 0; v < arch.KERNEL_SIDE; v++) out[o++] = d.images[p + v];
      }
    }
  }
  return tf.tensor2d(out, [n * PATCHES, TAPS]);
}

/** The logits [count, 10] of the network on a patch matrix of `count` images. */
export function tfForward(w: TfWeights, patches: tf.Tensor2D, count: number, act: TfActivation = null): tf.Tensor2D {
  const conv = tf.reshape(tf.matMul(patches, w.conv), [count, ROWS, arch.CONV_SIDE, 1]);
  const pooled = tf.avgPool(activate(conv, act, 'conv') as tf.Tensor4D, 2, 2, 'valid');
  const d = tf.slice(tf.reshape(pooled, [count, (ROWS / 2) * arch.POOL_SIDE]), [0, 0], [count, arch.KEPT]);
  const e = activate(tf.matMul(d, w.dense1, false, true), act, 'dense');
  return tf.matMul(e, w.dense2, false, true) as tf.Tensor2D;
}

/** Variables holding `weights` (float32). */
export function tfVariables(weights: arch.NetworkWeights): TfWeights {
  return {
    conv: tf.variable(tf.tensor2d(Float32Array.from(weights.conv), [TAPS, 1])),
    dense1: tf.variable(tf.tensor2d(Float32Array.from(weights.dense1), [arch.HIDDEN, arch.KEPT])),
    dense2: tf.variable(tf.tensor2d(Float32Array.from(weights.dense2), [arch.OUTPUTS, arch.HIDDEN])),
  };
}

/** The variables' current values in lib layout (float64 copies of the float32 values, exact). */
export function tfWeightsValues(w: TfWeights, seed: string): arch.NetworkWeights {
  return {
    seed,
    conv: Float64Array.from(w.conv.dataSync()),
    dense1: Float64Array.from(w.dense1.dataSync()),
    dense2: Float64Array.from(w.dense2.dataSync()),
  };
}

export function disposeWeights(w: TfWeights): void {
  w.conv.dispose(); w.dense1.dispose(); w.dense2.dispose();
}

/** tfjs's logits (float32) of `weights` on digits, in chunks of 500 images: [count * 10]. */
export async function tfLogits(weights: arch.NetworkWeights, d: Digits, act: TfActivation = null): Promise<Float32Array> {
  await tfReady();
  const w = tfVariables(weights);
  const out = new Float32Array(d.count * arch.OUTPUTS);
  try {
    for (let s = 0; s < d.count; s += 500) {
      const n = Math.min(500, d.count - s);
      const idx = Array.from({ length: n }, (_, i) => s + i);
      const z = tf.tidy(() => tfForward(w, patchMatrix(d, idx), n, act));
      out.set(await z.data(), s * arch.OUTPUTS);
      z.dispose();
    }
  } finally {
    disposeWeights(w);
  }
  return out;
}

export { tf };
