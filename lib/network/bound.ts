/**
 * A certified upper bound on max |f1(A) - f1*(A)| over EVERY input A in [-200, 200]^784, by
 * propagating the activation error through the layers with interval arithmetic on the signed
 * differences between the two networks:
 *
 *   [eLo, eHi] = range of p - ReLU on [-200, 200] (certified, activation.ts). Both networks see the
 *              same scaled conv output x, so a* - a = (p - ReLU)(x) is in [eLo, eHi], and so is the
 *              2x2 mean d* - d;
 *   dense:   u* - u = s2 G (d* - d); over the box [eLo, eHi]^116 row i ranges over
 *            s2 [sum_j min(G_ij eLo, G_ij eHi), sum_j max(...)] =: [uLo_i, uHi_i];
 *   hidden:  e* - e = (p - ReLU)(u*) + (ReLU(u*) - ReLU(u)); u* is in [-200, 200] by the scaling,
 *            and ReLU(u*) - ReLU(u) = lambda (u* - u) with lambda in [0, 1], so e* - e is in
 *            [eLo + min(0, uLo_i), eHi + max(0, uHi_i)]; also within +-(width of the hull of [0, 200]
 *            and p's range);
 *   logits:  z* - z = s3 kappa (e* - e), an interval [zLo_k, zHi_k] per logit (fixed scaling);
 *   softmax: along the segment from z to z*, d f1 = f1 (1 - f1) (dz_1 - sum_{k>1} w_k dz_k) with
 *            weights w_k = f_k / (1 - f1) summing to 1, so
 *            |f1* - f1| <= max f1 (1 - f1) * max(zHi_1 - min_{k>1} zLo_k, max_{k>1} zHi_k - zLo_1),
 *            the max of f1 (1 - f1) taken over the range of f1 on the logit box (both ends of the
 *            segment lie in the box, which is convex); and never more than (max f1 - min f1).
 *
 * With `per-input` scaling the logits are divided by their own max-abs, which is not Lipschitz
 * near 0 (an input whose logits are all ~0 can flip), so only the last, trivial step applies:
 * the range of f1 over logit vectors in [-1, 1]^10.
 *
 * ROUNDING_SLACK is added at the end for floating point in the networks themselves (all values
 * are O(1)..O(200) and ~10^3 operations deep, so rounding is below 1e-11; the slack is 100x that).
 */
import { HIDDEN, KEPT, OUTPUTS, PIXEL_RANGE } from './architecture';
import type { NetworkModel } from './forward';

export const ROUNDING_SLACK = 1e-9;

export interface CertifiedBound {
  /** The bound on |f1 - f1*| for every input. */
  readonly bound: number;
  readonly scaling: string;
  /** max |p - ReLU| on [-200, 200] (certified). */
  readonly activationError: number;
  /** Largest |u* - u| allowed over the dense neurons. */
  readonly denseError: number;
  /** Largest |e* - e| allowed over the hidden outputs. */
  readonly hiddenError: number;
  /** Intervals [lo, hi] of z*_k - z_k (fixed scaling) or null (per-input). */
  readonly logitErrors: [number, number][] | null;
  /** max_k |z*_k - z_k| allowed (fixed scaling) or null. */
  readonly logitError: number | null;
  /** [min f1, max f1] over the logit box. */
  readonly f1Range: readonly [number, number];
  /** Which step gave the bound: `lipschitz` (error propagation) or `range` (of f1). */
  readonly limitedBy: 'lipschitz' | 'range';
}

/** [sum_j min(w_j lo_j, w_j hi_j), sum_j max(...)]: the exact range of w . v over the box v_j in [lo_j, hi_j]. */
function dotRange(w: Float64Array, offset: number, n: number, lo: ArrayLike<number>, hi: ArrayLike<number>): [number, number] {
  let a = 0, b = 0;
  for (let j = 0; j < n; j++) {
    const x = w[offset + j] * lo[j], y = w[offset + j] * hi[j];
    a += x < y ? x : y;
    b += x < y ? y : x;
  }
  return [a, b];
}

export function certifiedBound(model: NetworkModel): CertifiedBound {
  const { weights, kernel, scales } = model;
  const [eLo, eHi] = kernel.reluErrorRange;
  const R = PIXEL_RANGE[1];
  const [lo, hi] = scales.activationBox;
  const width = Math.max(hi - 0, R - lo); // |e* - e| for any e in [0, R], e* in p's range
  const dLo = new Float64Array(KEPT).fill(eLo), dHi = new Float64Array(KEPT).fill(eHi);
  const hLo = new Float64Array(HIDDEN), hHi = new Float64Array(HIDDEN);
  let denseError = 0, hiddenError = 0;
  for (let i = 0; i < HIDDEN; i++) {
    const [a, b] = dotRange(weights.dense1, i * KEPT, KEPT, dLo, dHi);
    const uLo = scales.dense1 * a, uHi = scales.dense1 * b;
    hLo[i] = Math.max(-width, eLo + Math.min(0, uLo));
    hHi[i] = Math.min(width, eHi + Math.max(0, uHi));
    denseError = Math.max(denseError, -uLo, uHi);
    hiddenError = Math.max(hiddenError, -hLo[i], hHi[i]);
  }
  // The box of the logits: |z_k| <= s3 * (row bound over the hidden box) in fixed mode, 1 per-input.
  const Z = new Float64Array(OUTPUTS);
  let logitErrors: [number, number][] | null = null;
  if (scales.mode === 'fixed') {
    logitErrors = [];
    const boxLo = new Float64Array(HIDDEN).fill(lo), boxHi = new Float64Array(HIDDEN).fill(hi);
    for (let k = 0; k < OUTPUTS; k++) {
      const [a, b] = dotRange(weights.dense2, k * HIDDEN, HIDDEN, hLo, hHi);
      logitErrors.push([scales.logits * a, scales.logits * b]);
      const [zl, zh] = dotRange(weights.dense2, k * HIDDEN, HIDDEN, boxLo, boxHi);
      Z[k] = Math.min(1, scales.logits * Math.max(-zl, zh));
    }
  } else Z.fill(1);
  let others = 0, othersMin = 0;
  for (let k = 1; k < OUTPUTS; k++) { others += Math.exp(-Z[k]); othersMin += Math.exp(Z[k]); }
  const fMax = Math.exp(Z[0]) / (Math.exp(Z[0]) + others);
  const fMin = Math.exp(-Z[0]) / (Math.exp(-Z[0]) + othersMin);
  const rangeBound = fMax - fMin;
  let bound = rangeBound, limitedBy: 'lipschitz' | 'range' = 'range';
  if (logitErrors) {
    const slope = fMin <= 0.5 && fMax >= 0.5 ? 0.25 : Math.max(fMin * (1 - fMin), fMax * (1 - fMax));
    let restLo = Infinity, restHi = -Infinity;
    for (let k = 1; k < OUTPUTS; k++) { restLo = Math.min(restLo, logitErrors[k][0]); restHi = Math.max(restHi, logitErrors[k][1]); }
    const spread = Math.max(logitErrors[0][1] - restLo, restHi - logitErrors[0][0]);
    const lipschitz = slope * spread;
    if (lipschitz < rangeBound) { bound = lipschitz; limitedBy = 'lipschitz'; }
  }
  return {
    bound: bound + ROUNDING_SLACK, scaling: scales.mode, activationError: kernel.reluError, denseError, hiddenError,
    logitErrors, logitError: logitErrors ? Math.max(...logitErrors.map(([a, b]) => Math.max(-a, b))) : null,
    f1Range: [fMin, fMax], limitedBy,
  };
}
