/**
 * All ten logits of ONE Section 5 network (exact ReLU or a polynomial in both activation layers)
 * for a batch of inputs: what classifying real digits needs (forward.ts computes only f1, for the
 * exact and the polynomial network side by side).
 *
 *   u1 = scales.conv * (K * x)              the conv pre-activations (only the 464 that feed the 116 kept pooled cells)
 *   d  = first 116 of mean2x2(act(u1))
 *   u2 = scales.dense1 * (G d)              the dense pre-activations
 *   z  = scales.logits * (kappa act(u2))    the logits
 *
 * act is ReLU (`kernel: null`) or the polynomial, evaluated by Horner in t = (2u - (a + b)) / (b - a)
 * on the power-basis coefficients of the kernel (the same arithmetic as forward.ts). The conv and
 * dense products are forward.ts's `convolve` and `dense` (scalar JavaScript; batches of 256 inputs
 * so the dense product runs four columns at a time).
 */
import * as arch from './architecture';
import type { PolynomialKernel } from './activation';
import { convolve, dense } from './forward';

/** One network ready to run on real inputs. */
export interface LogitsModel {
  readonly weights: arch.NetworkWeights;
  /** The activation of both layers: `null` for exact ReLU, else the polynomial. */
  readonly kernel: PolynomialKernel | null;
  /** Factors of the conv pre-activations, the dense pre-activations and the logits. */
  readonly scales: { readonly conv: number; readonly dense1: number; readonly logits: number };
}

export interface LogitsResult {
  /** count x 10, row-major. */
  readonly logits: Float64Array;
  /** Pre-activations outside the polynomial's interval, or NaN (0 for ReLU): conv layer, dense layer. */
  readonly outOfRangeConv: number;
  readonly outOfRangeDense: number;
}

/** Conv pre-activations per input that reach the kept pooled cells (4 per cell). */
export const CONV_USED = 4 * arch.KEPT; // 464
const BLOCK = 256;
// Local copies of the constants: an imported binding is a getter call under tsx (see forward.ts).
const KEPT = arch.KEPT, HIDDEN = arch.HIDDEN, OUTPUTS = arch.OUTPUTS, INPUT_SIZE = arch.INPUT_SIZE, CONV_SIZE = arch.CONV_SIZE;
const CONV_ROWS = 2 * Math.ceil(KEPT / arch.POOL_SIDE); // 20
/** MEMBER[4k + q] = index in the 24x24 conv output of member q of pooled cell k. */
const MEMBER = Int32Array.from({ length: CONV_USED }, (_, i) => arch.poolMember(i >> 2, i & 3));

export interface LogitsOptions {
  /**
   * Buffers that receive the scaled pre-activations: `conv` (count x 464, cell k's four members
   * at 4k..4k+3) and `dense` (count x 116). For histograms and interval choices.
   */
  record?: { conv?: Float64Array; dense?: Float64Array; convRaw?: Float64Array };
  /**
   * The unscaled conv outputs K * x of these inputs (count x 464, as `record.convRaw` gave them):
   * the convolution is skipped. The conv layer does not depend on the activation, so one pass can
   * serve every polynomial; the result is bit-identical to recomputing it.
   */
  convRaw?: Float64Array;
}

/**
 * The ten logits of `model` for `count` inputs stored back to back in `inputs` (784 values each,
 * row-major). Deterministic; the order of every sum is fixed, so the result does not depend on
 * the batch.
 */
export function forwardLogits(model: LogitsModel, inputs: Float64Array, count: number, options: LogitsOptions = {}): LogitsResult {
  if (!Number.isInteger(count) || count < 0 || (!options.convRaw && inputs.length < count * INPUT_SIZE)) {
    throw new RangeError(`expected ${count} inputs of ${INPUT_SIZE} values, got ${inputs.length} values`);
  }
  const { weights, kernel, scales } = model;
  const recConv = options.record?.conv, recDense = options.record?.dense, recRaw = options.record?.convRaw, given = options.convRaw;
  if (given && given.length < count * CONV_USED) throw new RangeError(`convRaw needs ${count * CONV_USED} values`);
  if (recRaw && recRaw.length < count * CONV_USED) throw new RangeError(`record.convRaw needs ${count * CONV_USED} values`);
  if (recConv && recConv.length < count * CONV_USED) throw new RangeError(`record.conv needs ${count * CONV_USED} values`);
  if (recDense && recDense.length < count * HIDDEN) throw new RangeError(`record.dense needs ${count * HIDDEN} values`);
  const logits = new Float64Array(count * OUTPUTS);
  const conv = new Float64Array(CONV_SIZE), pre = new Float64Array(CONV_USED);
  const pooled = new Float64Array(BLOCK * KEPT), hidden = new Float64Array(BLOCK * HIDDEN);
  const s1 = scales.conv;
  let outConv = 0, outDense = 0;
  for (let n0 = 0; n0 < count; n0 += BLOCK) {
    const b = Math.min(BLOCK, count - n0);
    for (let i = 0; i < b; i++) {
      const o = (n0 + i) * CONV_USED;
      if (given) {
        for (let m = 0; m < CONV_USED; m++) pre[m] = s1 * given[o + m];
      } else {
        convolve(weights.conv, inputs, (n0 + i) * INPUT_SIZE, conv, CONV_ROWS);
        for (let m = 0; m < CONV_USED; m++) pre[m] = s1 * conv[MEMBER[m]];
        if (recRaw) for (let m = 0; m < CONV_USED; m++) recRaw[o + m] = conv[MEMBER[m]];
      }
      if (recConv) recConv.set(pre, (n0 + i) * CONV_USED);
      outConv += activate(pre, CONV_USED, kernel);
      for (let k = 0; k < KEPT; k++) pooled[i * KEPT + k] = 0.25 * (pre[4 * k] + pre[4 * k + 1] + pre[4 * k + 2] + pre[4 * k + 3]);
    }
    dense(weights.dense1, HIDDEN, KEPT, scales.dense1, pooled, hidden, b);
    if (recDense) recDense.set(hidden.subarray(0, b * HIDDEN), n0 * HIDDEN);
    outDense += activate(hidden, b * HIDDEN, kernel);
    dense(weights.dense2, OUTPUTS, HIDDEN, scales.logits, hidden, logits.subarray(n0 * OUTPUTS), b);
  }
  return { logits, outOfRangeConv: outConv, outOfRangeDense: outDense };
}

/**
 * v[0..n) <- act(v) in place: ReLU (kernel null), or p by Horner in t on the kernel's interval
 * [a, b] (the arithmetic of forward.ts). Returns how many values were outside [a, b] or NaN.
 */
function activate(v: Float64Array, n: number, kernel: PolynomialKernel | null): number {
  if (kernel === null) {
    let nan = 0;
    for (let i = 0; i < n; i++) { const u = v[i]; if (u !== u) nan++; v[i] = u > 0 ? u : 0; }
    return nan;
  }
  const [a, b] = kernel.domain, q = kernel.q, top = q.length - 1, qTop = q[top];
  const tMul = 2 / (b - a), tAdd = -(a + b) / (b - a);
  let out = 0;
  for (let i = 0; i < n; i++) {
    const u = v[i];
    if (!(u >= a && u <= b)) out++; // NaN counts as outside
    const t = u * tMul + tAdd;
    let p = qTop;
    for (let j = top - 1; j >= 0; j--) p = p * t + q[j];
    v[i] = p;
  }
  return out;
}

/** Index of the largest of the 10 logits of input n (the first on ties). */
export function argmaxLogit(logits: Float64Array, n: number): number {
  let best = 0, o = n * arch.OUTPUTS;
  for (let r = 1; r < arch.OUTPUTS; r++) if (logits[o + r] > logits[o + best]) best = r;
  return best;
}

/** softmax(z)_r of input n, computed stably (shifted by the largest logit). */
export function softmaxOutput(logits: Float64Array, n: number, r: number): number {
  const o = n * arch.OUTPUTS;
  let m = -Infinity;
  for (let k = 0; k < arch.OUTPUTS; k++) if (logits[o + k] > m) m = logits[o + k];
  let sum = 0;
  for (let k = 0; k < arch.OUTPUTS; k++) sum += Math.exp(logits[o + k] - m);
  return Math.exp(logits[o + r] - m) / sum;
}
