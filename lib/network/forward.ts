/**
 * The batched forward pass of both networks (exact ReLU and polynomial) on typed arrays.
 *
 * The convolution is linear and sees the same input in both networks, so it is computed once
 * per input and scaled once; from the activation on, the two networks run side by side. The
 * dense layers treat the two networks of every input of the batch as columns of one matrix
 * product. The convolution, the first activation + pooling and the dense products run as
 * WebAssembly SIMD kernels (simd.ts) where available, else as the scalar JavaScript below (dense
 * blocked 2 rows x 4 columns); both give bit-identical results. Nothing is allocated per input: a
 * `Workspace` holds every buffer for a batch.
 */
import * as arch from './architecture';
import type { PolynomialKernel } from './activation';
import type { Scales } from './scaling';
import { interleaveRows, kernelSplat, simdKernel, type SimdKernel } from './simd';

/** A network ready to run: weights, the replacement polynomial and the scaling. Plain data, so it can be posted to a worker. */
export interface NetworkModel {
  readonly weights: arch.NetworkWeights;
  readonly kernel: PolynomialKernel;
  readonly scales: Scales;
}

/** Per-batch results. */
export interface BatchResult {
  /** f1 of the exact-ReLU network, per input. */
  readonly f1: Float64Array;
  /** f1* of the polynomial network, per input. */
  readonly f1Star: Float64Array;
  /** Pre-activations outside the polynomial's interval: conv layer (shared), dense layer (polynomial network). */
  outOfRangeConv: number;
  outOfRangeDense: number;
}

// Local copies of the architecture's constants: an imported binding compiles to a property read
// on the module object (a getter under tsx/esbuild), which costs a call in the hot loops.
const CONV_SIDE = arch.CONV_SIDE, CONV_SIZE = arch.CONV_SIZE, HIDDEN = arch.HIDDEN, INPUT_SIDE = arch.INPUT_SIDE;
const INPUT_SIZE = arch.INPUT_SIZE, KEPT = arch.KEPT, KERNEL_SIDE = arch.KERNEL_SIDE, OUTPUTS = arch.OUTPUTS, POOL_SIDE = arch.POOL_SIDE;
const PIXEL_MAX = arch.PIXEL_RANGE[1];

// Conv rows needed: with fixed scaling only the conv outputs feeding the 116 kept pooled cells
// (pooled rows 0..8 fully, row 9 up to column 7): conv rows 0..17 fully and rows 18..19 up to
// column 15. Per-input scaling needs all 24 rows for the max-abs.
const KEPT_FULL_POOL_ROWS = Math.floor(KEPT / POOL_SIDE); // 9

/** Buffers for a batch of up to `capacity` inputs. */
export class Workspace {
  readonly capacity: number;
  /** Room for `capacity` inputs (784 pixels each); inputs placed here use the SIMD convolution. */
  readonly inputs: Float64Array;
  readonly conv: Float64Array;
  /** Pooled activations: column c = 2 * input + network (0 exact, 1 polynomial), each of length KEPT. */
  readonly pooled: Float64Array;
  readonly hidden: Float64Array;
  readonly logits: Float64Array;
  readonly result: BatchResult;
  /** The WebAssembly SIMD kernel for the dense layers (null: scalar JavaScript). Its memory holds the weights and the three buffers above. */
  readonly simd: SimdKernel | null;
  private loaded: arch.NetworkWeights | null = null;

  /** `simd: false` forces the scalar kernel (the tests compare the two). */
  constructor(capacity: number, options: { simd?: boolean } = {}) {
    this.capacity = capacity;
    // simd memory: dense1, dense2 (pair-interleaved), conv kernel (splatted), inputs, conv, pooled, hidden, logits
    const sizes = [HIDDEN * KEPT, OUTPUTS * HIDDEN, 2 * KERNEL_SIDE * KERNEL_SIDE, capacity * INPUT_SIZE, CONV_SIZE, 2 * capacity * KEPT, 2 * capacity * HIDDEN, 2 * capacity * OUTPUTS];
    this.simd = options.simd === false ? null : simdKernel(sizes.reduce((a, b) => a + b, 0));
    const f = this.simd ? this.simd.f64 : new Float64Array(sizes.slice(3).reduce((a, b) => a + b, 0));
    let at = this.simd ? sizes[0] + sizes[1] + sizes[2] : 0;
    this.inputs = f.subarray(at, (at += sizes[3]));
    this.conv = f.subarray(at, (at += sizes[4]));
    this.pooled = f.subarray(at, (at += sizes[5]));
    this.hidden = f.subarray(at, (at += sizes[6]));
    this.logits = f.subarray(at, (at += sizes[7]));
    this.result = { f1: new Float64Array(capacity), f1Star: new Float64Array(capacity), outOfRangeConv: 0, outOfRangeDense: 0 };
  }

  /** Copies the weights into the SIMD memory once per weight set. */
  private load(weights: arch.NetworkWeights): void {
    if (!this.simd || this.loaded === weights) return;
    interleaveRows(weights.dense1, HIDDEN, KEPT, this.simd.f64, 0);
    interleaveRows(weights.dense2, OUTPUTS, HIDDEN, this.simd.f64, HIDDEN * KEPT);
    kernelSplat(weights.conv, this.simd.f64, HIDDEN * KEPT + OUTPUTS * HIDDEN);
    this.loaded = weights;
  }

  /**
   * Rows 0..rows-1 of the convolution of input n of `inputs` (SIMD when the inputs live in this
   * workspace); returns max(0, max |conv|) over those rows.
   */
  convolveInput(weights: arch.NetworkWeights, inputs: Float64Array, n: number, rows: number): number {
    if (this.simd && inputs.buffer === this.simd.f64.buffer) {
      this.load(weights);
      return this.simd.conv(inputs.byteOffset / 8 + n * INPUT_SIZE, this.conv.byteOffset / 8, HIDDEN * KEPT + OUTPUTS * HIDDEN, rows);
    }
    convolve(weights.conv, inputs, n * INPUT_SIZE, this.conv, rows);
    const conv = this.conv;
    let m = 0;
    for (let i = 0; i < rows * CONV_SIDE; i++) { const v = conv[i] < 0 ? -conv[i] : conv[i]; if (v > m) m = v; }
    return m;
  }

  /**
   * out = scale * W x for the two dense layers (`which` 1: dense1 on pooled -> hidden; 2: dense2
   * on hidden -> logits), over `cols` columns: SIMD for the multiple of 4, scalar for the rest.
   */
  denseLayer(weights: arch.NetworkWeights, which: 1 | 2, scale: number, cols: number): void {
    const rows = which === 1 ? HIDDEN : OUTPUTS, n = which === 1 ? KEPT : HIDDEN;
    const w = which === 1 ? weights.dense1 : weights.dense2;
    const x = which === 1 ? this.pooled : this.hidden, out = which === 1 ? this.hidden : this.logits;
    let done = 0;
    if (this.simd) {
      this.load(weights);
      done = cols - (cols % 4);
      if (done > 0) this.simd.dense(which === 1 ? 0 : HIDDEN * KEPT, x.byteOffset / 8, out.byteOffset / 8, rows, n, done, scale);
    }
    if (done < cols) dense(w, rows, n, scale, x.subarray(done * n), out.subarray(done * rows), cols - done);
  }
}

/**
 * Runs both networks on `count` inputs stored back to back in `inputs` (784 pixels each,
 * row-major; pass `ws.inputs` for the SIMD convolution) and fills `ws.result` (f1 and f1* per
 * input, out-of-range counters reset first).
 */
export function forwardBatch(model: NetworkModel, inputs: Float64Array, count: number, ws: Workspace): BatchResult {
  if (count > ws.capacity) throw new RangeError(`batch of ${count} exceeds workspace capacity ${ws.capacity}`);
  const res = ws.result;
  res.outOfRangeConv = 0;
  res.outOfRangeDense = 0;
  const perInput = model.scales.mode === 'per-input';
  const P = hornerForm(model.kernel);
  const conv = ws.conv, pooled = ws.pooled, hidden = ws.hidden;
  const rows = perInput ? CONV_SIDE : 2 * KEPT_FULL_POOL_ROWS + 2;
  for (let n = 0; n < count; n++) {
    // 1. convolution, once for both networks (with per-input scaling rows = all 24, m = max |conv|)
    const m = ws.convolveInput(model.weights, inputs, n, rows);
    let s = model.scales.conv;
    if (perInput) s = m > 0 ? PIXEL_MAX / m : 0; // an all-zero conv output stays zero
    // 2-4. activation, 2x2 mean, keep the first KEPT cells
    if (ws.simd && P.short) {
      res.outOfRangeConv += ws.simd.actPool(conv.byteOffset / 8, pooled.byteOffset / 8 + 2 * n * KEPT, pooled.byteOffset / 8 + (2 * n + 1) * KEPT,
        s, perInput ? -PIXEL_MAX : -Infinity, perInput ? PIXEL_MAX : Infinity, P.a, P.b, P.tMul, P.tAdd, P.q5);
    } else res.outOfRangeConv += activatePool(conv, s, perInput, pooled, 2 * n * KEPT, P);
  }
  // 5. dense layer for all 2 * count columns, then the activation
  ws.denseLayer(model.weights, 1, model.scales.dense1, 2 * count);
  if (ws.simd && P.short) res.outOfRangeDense += ws.simd.actHidden(hidden.byteOffset / 8, count, P.a, P.b, P.tMul, P.tAdd, P.q5);
  else res.outOfRangeDense += activateHidden(hidden, count, P);
  // 6. logits (scale applied below), normalisation, softmax
  const logits = ws.logits;
  ws.denseLayer(model.weights, 2, 1, 2 * count);
  const s3 = model.scales.logits;
  for (let col = 0; col < 2 * count; col++) {
    const o = col * OUTPUTS;
    let f = s3;
    if (perInput) {
      let m = 0;
      for (let r = 0; r < OUTPUTS; r++) { const v = logits[o + r] < 0 ? -logits[o + r] : logits[o + r]; if (v > m) m = v; }
      f = m > 0 ? 1 / m : 0;
    }
    // f1 = e^z0 / sum_r e^zr = 1 / sum_r e^(zr - z0); |z| <= 1, so no overflow either way.
    const z0 = logits[o] * f;
    let sum = 0;
    for (let r = 0; r < OUTPUTS; r++) sum += Math.exp(logits[o + r] * f - z0);
    if ((col & 1) === 0) res.f1[col >> 1] = 1 / sum;
    else res.f1Star[col >> 1] = 1 / sum;
  }
  return res;
}

/** The polynomial in the form the loops use: Horner in t = x * tMul + tAdd. */
interface HornerForm {
  readonly q: readonly number[];
  /** Degree <= 4 (every polynomial of the paper): Horner unrolled on q0..q4, missing top coefficients 0 (same arithmetic as the loop). */
  readonly short: boolean;
  readonly q0: number; readonly q1: number; readonly q2: number; readonly q3: number; readonly q4: number;
  /** [q0, ..., q4] (for the SIMD kernel). */
  readonly q5: readonly number[];
  readonly tMul: number; readonly tAdd: number;
  /** The polynomial's interval. */
  readonly a: number; readonly b: number;
}

function hornerForm(k: PolynomialKernel): HornerForm {
  const q = k.q, nq = q.length, [a, b] = k.domain;
  return {
    q, short: nq <= 5, q0: q[0], q1: nq > 1 ? q[1] : 0, q2: nq > 2 ? q[2] : 0, q3: nq > 3 ? q[3] : 0, q4: nq > 4 ? q[4] : 0,
    q5: [0, 1, 2, 3, 4].map((j) => (j < nq ? q[j] : 0)),
    tMul: 2 / (b - a), tAdd: -(a + b) / (b - a), a, b,
  };
}

function hornerLoop(q: readonly number[], t: number): number {
  let p = q[q.length - 1];
  for (let j = q.length - 2; j >= 0; j--) p = p * t + q[j];
  return p;
}

/**
 * ReLU and p on the conv outputs of the KEPT pooled cells, 2x2 means into pooled[oe..] (exact)
 * and pooled[oe + KEPT..] (polynomial). Returns the number of pre-activations outside [a, b].
 */
function activatePool(conv: Float64Array, s: number, clamp: boolean, pooled: Float64Array, oe: number, P: HornerForm): number {
  const { short, q0, q1, q2, q3, q4, tMul, tAdd, a, b, q } = P;
  const op = oe + KEPT;
  let out = 0;
  for (let k = 0; k < KEPT; k++) {
    const r = (k / POOL_SIDE) | 0, c = k - r * POOL_SIDE;
    const i0 = 2 * r * CONV_SIDE + 2 * c;
    let se = 0, sp = 0;
    for (let m = 0; m < 4; m++) {
      let x = s * conv[i0 + (m >> 1) * CONV_SIDE + (m & 1)];
      // Per-input: |conv| <= max, so |x| <= 200 up to the rounding of (200 / max) * conv; clamp
      // that last ulp instead of counting it as out of range.
      if (clamp) x = x > PIXEL_MAX ? PIXEL_MAX : x < -PIXEL_MAX ? -PIXEL_MAX : x;
      if (x < a || x > b) out++;
      se += x > 0 ? x : 0;
      const t = x * tMul + tAdd;
      sp += short ? (((q4 * t + q3) * t + q2) * t + q1) * t + q0 : hornerLoop(q, t);
    }
    pooled[oe + k] = 0.25 * se;
    pooled[op + k] = 0.25 * sp;
  }
  return out;
}

/** ReLU on the exact columns, p on the polynomial columns of the hidden layer, in place. Returns the out-of-range count. */
function activateHidden(hidden: Float64Array, count: number, P: HornerForm): number {
  const { short, q0, q1, q2, q3, q4, tMul, tAdd, a, b, q } = P;
  let out = 0;
  for (let n = 0; n < count; n++) {
    const oe = 2 * n * HIDDEN, op = oe + HIDDEN;
    for (let i = 0; i < HIDDEN; i++) {
      const u = hidden[oe + i];
      hidden[oe + i] = u > 0 ? u : 0;
      const x = hidden[op + i];
      if (x < a || x > b) out++;
      const t = x * tMul + tAdd;
      hidden[op + i] = short ? (((q4 * t + q3) * t + q2) * t + q1) * t + q0 : hornerLoop(q, t);
    }
  }
  return out;
}

/**
 * Valid 5x5 convolution of the input at `offset` into `out` (24x24), output rows 0..rows-1.
 * One kernel row at a time with a sliding window of five pixels in registers: one load and
 * five multiply-adds per output element.
 */
export function convolve(kernel: Float64Array, input: Float64Array, offset: number, out: Float64Array, rows: number): void {
  out.fill(0, 0, rows * CONV_SIDE);
  for (let i = 0; i < rows; i++) {
    const o = i * CONV_SIDE;
    for (let u = 0; u < KERNEL_SIDE; u++) {
      const k0 = kernel[u * 5], k1 = kernel[u * 5 + 1], k2 = kernel[u * 5 + 2], k3 = kernel[u * 5 + 3], k4 = kernel[u * 5 + 4];
      const p = offset + (i + u) * INPUT_SIDE;
      let x0 = input[p], x1 = input[p + 1], x2 = input[p + 2], x3 = input[p + 3];
      for (let j = 0; j < CONV_SIDE; j++) {
        const x4 = input[p + j + 4];
        out[o + j] += k0 * x0 + k1 * x1 + k2 * x2 + k3 * x3 + k4 * x4;
        x0 = x1; x1 = x2; x2 = x3; x3 = x4;
      }
    }
  }
}

/**
 * out[c * rows + i] = scale * sum_j W[i * n + j] * x[c * n + j] for columns c < cols (W is rows x n,
 * rows even). Blocked 2 rows x 4 columns: eight accumulators and six loads per eight
 * multiply-adds, which fits the 16 x86-64 floating-point registers.
 */
export function dense(w: Float64Array, rows: number, n: number, scale: number, x: Float64Array, out: Float64Array, cols: number): void {
  let c = 0;
  for (; c + 4 <= cols; c += 4) {
    const x1 = c * n, x2 = x1 + n, x3 = x2 + n, x4 = x3 + n;
    for (let i = 0; i < rows; i += 2) {
      const g = i * n, h = g + n;
      let a1 = 0, a2 = 0, a3 = 0, a4 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0;
      for (let j = 0; j < n; j++) {
        const wg = w[g + j], wh = w[h + j];
        const v1 = x[x1 + j], v2 = x[x2 + j], v3 = x[x3 + j], v4 = x[x4 + j];
        a1 += wg * v1; a2 += wg * v2; a3 += wg * v3; a4 += wg * v4;
        b1 += wh * v1; b2 += wh * v2; b3 += wh * v3; b4 += wh * v4;
      }
      const o = c * rows + i;
      out[o] = scale * a1; out[o + rows] = scale * a2; out[o + 2 * rows] = scale * a3; out[o + 3 * rows] = scale * a4;
      out[o + 1] = scale * b1; out[o + 1 + rows] = scale * b2; out[o + 1 + 2 * rows] = scale * b3; out[o + 1 + 3 * rows] = scale * b4;
    }
  }
  for (; c < cols; c++) {
    const xc = c * n;
    for (let i = 0; i < rows; i++) {
      let acc = 0;
      for (let j = 0; j < n; j++) acc += w[i * n + j] * x[xc + j];
      out[c * rows + i] = scale * acc;
    }
  }
}
