/**
 * A better lower bound than random sampling: projected gradient ascent on |f1(A) - f1*(A)| over
 * the box A in [-200, 200]^784, from the worst random inputs and from constructed extreme inputs
 * (all zeros - every pre-activation at 0, where |p - ReLU| of the paper's polynomial is largest -,
 * constant +-200, checkerboards).
 *
 * The gradient is exact back-propagation through both networks, including the per-input max-abs
 * normalisations (differentiable wherever the argmax is unique; ReLU's kink and a tie of the
 * argmax are measure-zero). Every candidate is evaluated exactly, and only the best value ever
 * evaluated is reported, so the result is a true lower bound on the maximum whatever the
 * quality of the gradient.
 */
import { InputError, requireInteger } from '../errors';
import * as arch from './architecture';
import type { NetworkModel } from './forward';

const { CONV_SIDE, CONV_SIZE, HIDDEN, INPUT_SIDE, INPUT_SIZE, KEPT, KERNEL_SIDE, OUTPUTS } = arch;
const R = arch.PIXEL_RANGE[1];

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** One network's value and gradient at an input. */
interface Trace { f1: number; grad: Float64Array }

/**
 * f1 and d f1 / dA of one network (exact ReLU when `poly` is false) at input A, by a plain
 * per-input forward and backward pass (slow but simple; the search needs few of them). In
 * `per-input` mode the conv output's max-abs element and the logits' max-abs element carry the
 * derivative of the normalisation; the 1-ulp clamp of the forward pass is ignored.
 */
export function networkGradient(model: NetworkModel, A: ArrayLike<number>, poly: boolean): Trace {
  const { weights, kernel, scales } = model;
  const K = weights.conv;
  // forward
  const c = new Float64Array(CONV_SIZE);
  for (let i = 0; i < CONV_SIDE; i++) for (let j = 0; j < CONV_SIDE; j++) {
    let s = 0;
    for (let u = 0; u < KERNEL_SIDE; u++) for (let v = 0; v < KERNEL_SIDE; v++) s += K[u * KERNEL_SIDE + v] * A[(i + u) * INPUT_SIDE + j + v];
    c[i * CONV_SIDE + j] = s;
  }
  let s1 = scales.conv, cArg = -1;
  if (scales.mode === 'per-input') {
    let m = 0;
    for (let i = 0; i < CONV_SIZE; i++) if (Math.abs(c[i]) > m) { m = Math.abs(c[i]); cArg = i; }
    s1 = m > 0 ? R / m : 0;
  }
  const [a, b] = kernel.domain;
  const tMul = 2 / (b - a), tAdd = -(a + b) / (b - a);
  const act = (x: number): number => {
    if (!poly) return x > 0 ? x : 0;
    const t = x * tMul + tAdd, q = kernel.q;
    let p = q[q.length - 1];
    for (let j = q.length - 2; j >= 0; j--) p = p * t + q[j];
    return p;
  };
  const dact = (x: number): number => {
    if (!poly) return x > 0 ? 1 : 0;
    const t = x * tMul + tAdd, q = kernel.q;
    let p = 0;
    for (let j = q.length - 1; j >= 1; j--) p = p * t + j * q[j];
    return p * tMul;
  };
  const x = new Float64Array(CONV_SIZE);
  for (let i = 0; i < CONV_SIZE; i++) x[i] = Math.max(-R, Math.min(R, s1 * c[i]));
  const d = new Float64Array(KEPT);
  for (let k = 0; k < KEPT; k++) {
    let s = 0;
    for (let q = 0; q < 4; q++) s += act(x[arch.poolMember(k, q)]);
    d[k] = s / 4;
  }
  const uu = new Float64Array(HIDDEN), e = new Float64Array(HIDDEN);
  for (let i = 0; i < HIDDEN; i++) {
    let s = 0;
    for (let j = 0; j < KEPT; j++) s += weights.dense1[i * KEPT + j] * d[j];
    uu[i] = scales.dense1 * s;
    e[i] = act(uu[i]);
  }
  const Z = new Float64Array(OUTPUTS);
  let m = 0, zArg = -1;
  for (let k = 0; k < OUTPUTS; k++) {
    let s = 0;
    for (let i = 0; i < HIDDEN; i++) s += weights.dense2[k * HIDDEN + i] * e[i];
    Z[k] = s;
    if (Math.abs(s) > m) { m = Math.abs(s); zArg = k; }
  }
  const f = scales.mode === 'per-input' ? (m > 0 ? 1 / m : 0) : scales.logits;
  const p = new Float64Array(OUTPUTS);
  let sum = 0;
  for (let k = 0; k < OUTPUTS; k++) { p[k] = Math.exp(f * Z[k] - f * Z[0]); sum += p[k]; }
  for (let k = 0; k < OUTPUTS; k++) p[k] /= sum;
  const f1 = p[0];
  // backward
  const gZ = new Float64Array(OUTPUTS);
  for (let k = 0; k < OUTPUTS; k++) gZ[k] = f * f1 * ((k === 0 ? 1 : 0) - p[k]);
  // per-input: z = Z / |Z_k| with k the argmax, so dz_i/dZ_j = (delta_ij - z_i sign(Z_k) delta_jk) / |Z_k|
  if (scales.mode === 'per-input' && zArg >= 0) gZ[zArg] -= Math.sign(Z[zArg]) * dot(gZ, Z) / m;
  const gu = new Float64Array(HIDDEN);
  for (let i = 0; i < HIDDEN; i++) {
    let s = 0;
    for (let k = 0; k < OUTPUTS; k++) s += weights.dense2[k * HIDDEN + i] * gZ[k];
    gu[i] = s * dact(uu[i]) * scales.dense1;
  }
  const gc = new Float64Array(CONV_SIZE);
  for (let k = 0; k < KEPT; k++) {
    let s = 0;
    for (let i = 0; i < HIDDEN; i++) s += weights.dense1[i * KEPT + k] * gu[i];
    for (let q = 0; q < 4; q++) {
      const at = arch.poolMember(k, q);
      gc[at] = (s / 4) * dact(x[at]) * s1;
    }
  }
  // per-input: x = 200 c / |c_k| (k the argmax), the same correction as for the logits
  if (scales.mode === 'per-input' && cArg >= 0) gc[cArg] -= Math.sign(c[cArg]) * dot(gc, c) / Math.abs(c[cArg]);
  const grad = new Float64Array(INPUT_SIZE);
  for (let i = 0; i < CONV_SIDE; i++) for (let j = 0; j < CONV_SIDE; j++) {
    const g = gc[i * CONV_SIDE + j];
    if (g === 0) continue;
    for (let u = 0; u < KERNEL_SIDE; u++) for (let v = 0; v < KERNEL_SIDE; v++) grad[(i + u) * INPUT_SIDE + j + v] += K[u * KERNEL_SIDE + v] * g;
  }
  return { f1, grad };
}

/** |f1 - f1*| at A (and its signed gradient direction). */
export function deviationAt(model: NetworkModel, A: ArrayLike<number>): { deviation: number; f1: number; f1Star: number; grad: Float64Array } {
  const exact = networkGradient(model, A, false), approx = networkGradient(model, A, true);
  const diff = exact.f1 - approx.f1;
  const sign = diff >= 0 ? 1 : -1;
  const grad = new Float64Array(INPUT_SIZE);
  for (let i = 0; i < INPUT_SIZE; i++) grad[i] = sign * (exact.grad[i] - approx.grad[i]);
  return { deviation: Math.abs(diff), f1: exact.f1, f1Star: approx.f1, grad };
}

/** Constructed extreme inputs: zeros, +-200 everywhere, the two +-200 checkerboards, +-200 stripes. */
export function constructedInputs(): { name: string; input: Float64Array }[] {
  const make = (f: (r: number, c: number) => number): Float64Array => {
    const A = new Float64Array(INPUT_SIZE);
    for (let r = 0; r < INPUT_SIDE; r++) for (let c = 0; c < INPUT_SIDE; c++) A[r * INPUT_SIDE + c] = f(r, c);
    return A;
  };
  return [
    { name: 'zeros', input: make(() => 0) },
    { name: 'all +200', input: make(() => R) },
    { name: 'all -200', input: make(() => -R) },
    { name: 'checkerboard +', input: make((r, c) => ((r + c) % 2 === 0 ? R : -R)) },
    { name: 'checkerboard -', input: make((r, c) => ((r + c) % 2 === 0 ? -R : R)) },
    { name: 'stripes', input: make((r) => (r % 2 === 0 ? R : -R)) },
  ];
}

export interface SearchOptions {
  /** Starting inputs (e.g. the worst random inputs); the constructed inputs are always added. */
  starts?: { name: string; input: ArrayLike<number> }[];
  /** Gradient steps per start (default 100). */
  steps?: number;
}

export interface SearchResult {
  /** The largest |f1 - f1*| found. */
  readonly deviation: number;
  /** The input that attains it. */
  readonly input: Float64Array;
  /** Which start it came from and how each start ended. */
  readonly start: string;
  readonly perStart: { name: string; initial: number; final: number }[];
  readonly evaluations: number;
}

/**
 * Projected sign-gradient ascent (steps of 64, halved when a step does not improve, down to
 * 1/16 pixel) from every start; returns the best input found.
 */
export function searchWorstInput(model: NetworkModel, options: SearchOptions = {}): SearchResult {
  const steps = requireInteger('steps', options.steps ?? 100, 0, 100000);
  const starts = [...(options.starts ?? []), ...constructedInputs()];
  let best = { deviation: -1, input: new Float64Array(INPUT_SIZE), start: '' };
  const perStart: { name: string; initial: number; final: number }[] = [];
  let evaluations = 0;
  for (const s of starts) {
    if (s.input.length !== INPUT_SIZE) throw new InputError('starts', `expected inputs of ${INPUT_SIZE} pixels, got ${s.input.length}`);
    let A = Float64Array.from(s.input, (v) => Math.max(-R, Math.min(R, v)));
    let cur = deviationAt(model, A);
    evaluations++;
    const initial = cur.deviation;
    let eta = 64;
    for (let k = 0; k < steps && eta >= 1 / 16; k++) {
      const B = new Float64Array(INPUT_SIZE);
      for (let i = 0; i < INPUT_SIZE; i++) {
        const g = cur.grad[i];
        B[i] = Math.max(-R, Math.min(R, A[i] + (g > 0 ? eta : g < 0 ? -eta : 0)));
      }
      const next = deviationAt(model, B);
      evaluations++;
      if (next.deviation > cur.deviation) { A = B; cur = next; } else eta /= 2;
    }
    perStart.push({ name: s.name, initial, final: cur.deviation });
    if (cur.deviation > best.deviation) best = { deviation: cur.deviation, input: A, start: s.name };
  }
  return { deviation: best.deviation, input: best.input, start: best.start, perStart, evaluations };
}
