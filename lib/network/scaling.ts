/**
 * Scaling rules (the paper says "scaled into [-200, 200]" and "normalised into [-1, 1]" without
 * saying how). Two documented modes:
 *
 * - `fixed`: one factor per layer, computed from the weights alone, such that every
 *   pre-activation of BOTH networks lies in [-200, 200] and every logit in [-1, 1] for EVERY
 *   input with pixels in [-200, 200]. Proofs at each factor below.
 * - `per-input`: the conv output of each input is divided by its own max-abs and multiplied by
 *   200 (so its largest element is exactly +-200), and each network's logits by their own
 *   max-abs (largest logit exactly +-1). The dense layer keeps the fixed factor (its inputs are
 *   bounded the same way in both modes).
 */
import { InputError } from '../errors';
import { HIDDEN, KEPT, OUTPUTS, PIXEL_RANGE, type NetworkWeights } from './architecture';

export type ScalingMode = 'fixed' | 'per-input';

/** Shrinks every fixed factor by 1e-12 relative to absorb rounding (see computeScales). */
export const MARGIN = 1 - 1e-12;
export const SCALING_MODES: readonly ScalingMode[] = ['fixed', 'per-input'];

export interface Scales {
  readonly mode: ScalingMode;
  /** Conv factor in `fixed` mode (in `per-input` mode it is computed per input). */
  readonly conv: number;
  /** Dense-layer factor (both modes). */
  readonly dense1: number;
  /** Logit factor in `fixed` mode. */
  readonly logits: number;
  /** The box [lo, hi] that holds every activation output of both networks (hull of [0, 200] and the polynomial's range). */
  readonly activationBox: readonly [number, number];
}

export function requireScaling(value: unknown): ScalingMode {
  if (value !== 'fixed' && value !== 'per-input') {
    throw new InputError('scaling', `expected 'fixed' or 'per-input', got '${String(value)}'`);
  }
  return value;
}

/**
 * max over rows i and over v in the box [lo, hi]^n of |sum_j W_ij v_j|. For one row the linear
 * form is maximised coordinate by coordinate: sup = sum_j max(W_ij lo, W_ij hi) and
 * inf = sum_j min(W_ij lo, W_ij hi); both are attained at a vertex of the box, so this is the
 * exact maximum over the box (inputs that cannot realise a vertex only make it conservative).
 */
export function boxBound(w: Float64Array, rows: number, cols: number, lo: number, hi: number): number {
  let worst = 0;
  for (let i = 0; i < rows; i++) {
    let sup = 0, inf = 0;
    for (let j = 0; j < cols; j++) {
      const a = w[i * cols + j] * lo, b = w[i * cols + j] * hi;
      sup += a > b ? a : b;
      inf += a < b ? a : b;
    }
    worst = Math.max(worst, sup, -inf);
  }
  return worst;
}

/**
 * The factors for `weights` when the replacement activation has range `polyRange` on [-200, 200].
 *
 * Proof of `fixed` (R = 200, pixels A in [-R, R]):
 * 1. conv: |sum_uv K_uv A_(i+u)(j+v)| <= R * sum |K_uv|; with conv = R / (R sum|K|) = 1 / sum|K|
 *    every scaled conv output is in [-R, R] (equality for A = R sign(K) on one patch).
 * 2. activation outputs: ReLU maps [-R, R] into [0, R]; p maps it into polyRange (certified, see
 *    activation.ts); the 2x2 mean stays in the hull box [lo, hi] of both. So every d_j of either
 *    network is in [lo, hi].
 * 3. dense: for d in [lo, hi]^116, |(G d)_i| <= boxBound(G) (exact max over the box); with
 *    dense1 = R / boxBound every pre-activation is in [-R, R], in both networks.
 * 4. the same argument for the hidden outputs e in [lo, hi]^116 and logits = 1 / boxBound(kappa)
 *    puts every logit in [-1, 1].
 * Rounding: a computed dot product of n terms differs from the exact one by at most
 * gamma_n * sum |terms| <= gamma_n * bound (gamma_n = n u / (1 - n u), n <= 116 here, so < 1.3e-14
 * relative), and the factor itself is rounded. Every factor is therefore shrunk by MARGIN =
 * 1 - 1e-12, which makes the proof hold for the floating-point values too (the forward pass counts
 * out-of-range pre-activations anyway, and the tests check there are none on extreme inputs).
 */
export function computeScales(weights: NetworkWeights, polyRange: readonly [number, number], mode: ScalingMode): Scales {
  requireScaling(mode);
  const R = PIXEL_RANGE[1];
  let kSum = 0;
  for (const v of weights.conv) kSum += Math.abs(v);
  if (!(kSum > 0)) throw new InputError('weights.conv', 'expected a non-zero kernel');
  const lo = Math.min(0, polyRange[0]), hi = Math.max(R, polyRange[1]);
  const b1 = boxBound(weights.dense1, HIDDEN, KEPT, lo, hi);
  const b2 = boxBound(weights.dense2, OUTPUTS, HIDDEN, lo, hi);
  if (!(b1 > 0) || !(b2 > 0)) throw new InputError('weights', 'expected non-zero dense weights');
  return { mode, conv: MARGIN / kSum, dense1: (MARGIN * R) / b1, logits: MARGIN / b2, activationBox: [lo, hi] };
}
