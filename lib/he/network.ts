/**
 * Encrypted inference for the Section 5 network, activation layers only: the client holds the
 * plaintext weights' outputs, the server evaluates both polynomial activation layers on CKKS
 * ciphertexts of the pre-activations. Between the layers the (linear) convolution, pooling and
 * dense layers run in plaintext on decrypted values - the "activation layers on encrypted
 * pre-activations" setting. The whole network on ciphertexts only is lib/he/inference/.
 *
 * The forward pass is written layer by layer (not the fused hot loop of lib/network/forward.ts),
 * so each layer's pre-activations can be encrypted; with exact ReLU and with the plaintext
 * polynomial it reproduces forwardBatch's f1 and f1* (tested).
 */
import { InputError } from '../errors';
import type { Polynomial } from '../polynomial';
import { CONV_SIDE, CONV_SIZE, HIDDEN, KEPT, OUTPUTS, poolMember } from '../network/architecture';
import { convolve, type NetworkModel } from '../network/forward';
import { encryptedEvaluate, type EncryptedEvaluation, type EncryptedEvaluationOptions } from './encrypted';

/** One activation layer applied to all pre-activations of a batch. */
export type LayerActivation = (pre: Float64Array, layer: 1 | 2) => Float64Array | Promise<Float64Array>;

/** Per input: the first softmax output f1, and the pre-activations of both layers (for inspection). */
export interface StagedResult {
  readonly f1: Float64Array;
  /** Conv pre-activations that feed the kept pooled cells: 4 x 116 per input, input-major. */
  readonly pre1: Float64Array;
  /** Dense-layer pre-activations: 116 per input. */
  readonly pre2: Float64Array;
}

/** The network on `inputs` (784 pixels each) with `activate` for both activation layers (fixed scaling only). */
export async function stagedForward(model: NetworkModel, inputs: readonly Float64Array[], activate: LayerActivation): Promise<StagedResult> {
  if (model.scales.mode !== 'fixed') throw new InputError('model', "expected a model with 'fixed' scaling (per-input scaling needs the max of the conv output, not computable on ciphertexts)");
  const n = inputs.length;
  const per1 = 4 * KEPT;
  const pre1 = new Float64Array(n * per1);
  const conv = new Float64Array(CONV_SIZE);
  inputs.forEach((img, i) => {
    convolve(model.weights.conv, img, 0, conv, CONV_SIDE);
    for (let k = 0; k < KEPT; k++) for (let q = 0; q < 4; q++) pre1[i * per1 + 4 * k + q] = model.scales.conv * conv[poolMember(k, q)];
  });
  const act1 = await activate(pre1, 1);
  const pre2 = new Float64Array(n * HIDDEN);
  const pooled = new Float64Array(KEPT);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < KEPT; k++) {
      const o = i * per1 + 4 * k;
      pooled[k] = 0.25 * (act1[o] + act1[o + 1] + act1[o + 2] + act1[o + 3]);
    }
    matVec(model.weights.dense1, HIDDEN, KEPT, model.scales.dense1, pooled, pre2, i * HIDDEN);
  }
  const act2 = await activate(pre2, 2);
  const f1 = new Float64Array(n);
  const logits = new Float64Array(OUTPUTS);
  for (let i = 0; i < n; i++) {
    matVec(model.weights.dense2, OUTPUTS, HIDDEN, model.scales.logits, act2.subarray(i * HIDDEN, (i + 1) * HIDDEN), logits, 0);
    let sum = 0;
    for (let r = 0; r < OUTPUTS; r++) sum += Math.exp(logits[r] - logits[0]);
    f1[i] = 1 / sum;
  }
  return { f1, pre1, pre2 };
}

/** out[offset + i] = scale * sum_j W[i * n + j] x[j]. */
function matVec(w: Float64Array, rows: number, n: number, scale: number, x: ArrayLike<number>, out: Float64Array, offset: number): void {
  for (let i = 0; i < rows; i++) {
    let acc = 0;
    for (let j = 0; j < n; j++) acc += w[i * n + j] * x[j];
    out[offset + i] = scale * acc;
  }
}

export interface EncryptedNetworkResult {
  /** f1 with exact ReLU, with the plaintext polynomial, and with the polynomial evaluated under CKKS. */
  readonly f1Exact: Float64Array;
  readonly f1Plaintext: Float64Array;
  readonly f1Encrypted: Float64Array;
  /** max |f1 encrypted - f1 plaintext|: what encryption adds at the network's output. */
  readonly maxEncryptionDeviation: number;
  /** max |f1 encrypted - f1 exact| and max |f1 plaintext - f1 exact| (the paper's quantity, on these inputs). */
  readonly maxDeviationEncrypted: number;
  readonly maxDeviationPlaintext: number;
  /** The two encrypted activation layers (HE error, depth, parameters, times). */
  readonly layers: readonly EncryptedEvaluation[];
}

/** Run the network on `inputs` three ways: exact ReLU, plaintext p, and p under CKKS (both activation layers encrypted). */
export async function encryptedNetwork(model: NetworkModel, p: Polynomial, inputs: readonly Float64Array[], options: Omit<EncryptedEvaluationOptions, 'inputs' | 'activation'> = {}): Promise<EncryptedNetworkResult> {
  if (!Array.isArray(inputs) || inputs.length === 0) throw new InputError('inputs', 'expected a non-empty list of 784-pixel inputs');
  const relu = (pre: Float64Array): Float64Array => pre.map((x) => (x > 0 ? x : 0));
  const exact = await stagedForward(model, inputs, relu);
  const plain = await stagedForward(model, inputs, (pre) => p.evaluateMany(pre));
  const layers: EncryptedEvaluation[] = [];
  const encrypted = await stagedForward(model, inputs, async (pre) => {
    const r = await encryptedEvaluate(p, { ...options, inputs: pre });
    layers.push(r);
    return r.decrypted;
  });
  const maxDiff = (x: Float64Array, y: Float64Array): number => x.reduce((m, v, i) => Math.max(m, Math.abs(v - y[i])), 0);
  return {
    f1Exact: exact.f1, f1Plaintext: plain.f1, f1Encrypted: encrypted.f1,
    maxEncryptionDeviation: maxDiff(encrypted.f1, plain.f1),
    maxDeviationEncrypted: maxDiff(encrypted.f1, exact.f1),
    maxDeviationPlaintext: maxDiff(plain.f1, exact.f1),
    layers,
  };
}
