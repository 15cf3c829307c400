/**
 * A certified upper bound on max |f1(A) - f1*(A)| over EVERY input A in [-200, 200]^784, by
 * propagating the activation error through the layers (interval / Lipschitz arithmetic):
 *
 *   eps      = max |p - ReLU| on [-200, 200] (certified, activation.ts), so |a* - a| <= eps on the
 *              conv layer (both networks see the same scaled conv output x) and the 2x2 mean
 *              keeps |d* - d| <= eps;
 *   dense:   |u*_i - u_i| = s2 |sum_j G_ij (d*_j - d_j)| <= s2 sum_j |G_ij| eps =: du_i;
 *   hidden:  |p(u*) - ReLU(u)| <= |p(u*) - ReLU(u*)| + |ReLU(u*) - ReLU(u)| <= eps + du_i
 *            (u* is in [-200, 200] by the scaling, ReLU is 1-Lipschitz); also <= the width of the
 *            hull of [0, 200] and p's range;
 *   logits:  |z*_k - z_k| <= s3 sum_i |kappa_ki| de_i =: dz_k   (fixed scaling);
 *   softmax: along the segment from z to z*, d f1 = f1 ((1 - f1) dz_1 - sum_{k>1} f_k dz_k), so
 *            |f1* - f1| <= max f1 (1 - f1) * (dz_1 + max_{k>1} dz_k), the max over the range of f1
 *            on the logit box (both ends of the segment lie in the box, which is convex);
 *            and never more than (max f1 - min f1) on that box.
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
  /** Largest bound on |u* - u| over the dense neurons. */
  readonly denseError: number;
  /** Largest bound on |e* - e| over the hidden outputs. */
  readonly hiddenError: number;
  /** Bounds on |z*_k - z_k| (fixed scaling) or null (per-input). */
  readonly logitErrors: number[] | null;
  /** [min f1, max f1] over the logit box. */
  readonly f1Range: readonly [number, number];
  /** Which step gave the bound: `lipschitz` or `range`. */
  readonly limitedBy: 'lipschitz' | 'range';
}

export function certifiedBound(model: NetworkModel): CertifiedBound {
  const { weights, kernel, scales } = model;
  const eps = kernel.reluError;
  const R = PIXEL_RANGE[1];
  const [lo, hi] = scales.activationBox;
  let denseError = 0, hiddenError = 0;
  const de = new Float64Array(HIDDEN);
  for (let i = 0; i < HIDDEN; i++) {
    let s = 0;
    for (let j = 0; j < KEPT; j++) s += Math.abs(weights.dense1[i * KEPT + j]);
    const du = scales.dense1 * s * eps;
    de[i] = Math.min(eps + du, Math.max(hi - 0, R - lo));
    denseError = Math.max(denseError, du);
    hiddenError = Math.max(hiddenError, de[i]);
  }
  // The box of the logits: |z_k| <= s3 * (row bound over the hidden box) in fixed mode, 1 per-input.
  const Z = new Float64Array(OUTPUTS);
  let logitErrors: number[] | null = null;
  if (scales.mode === 'fixed') {
    logitErrors = [];
    for (let k = 0; k < OUTPUTS; k++) {
      let s = 0, sup = 0, inf = 0;
      for (let i = 0; i < HIDDEN; i++) {
        const w = weights.dense2[k * HIDDEN + i];
        s += Math.abs(w) * de[i];
        sup += Math.max(w * lo, w * hi);
        inf += Math.min(w * lo, w * hi);
      }
      logitErrors.push(scales.logits * s);
      Z[k] = Math.min(1, scales.logits * Math.max(sup, -inf));
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
    let rest = 0;
    for (let k = 1; k < OUTPUTS; k++) rest = Math.max(rest, logitErrors[k]);
    const lipschitz = slope * (logitErrors[0] + rest);
    if (lipschitz < rangeBound) { bound = lipschitz; limitedBy = 'lipschitz'; }
  }
  return {
    bound: bound + ROUNDING_SLACK, scaling: scales.mode, activationError: eps, denseError, hiddenError,
    logitErrors, f1Range: [fMin, fMax], limitedBy,
  };
}
