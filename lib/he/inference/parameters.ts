/**
 * CKKS parameters for the whole network, and the precision a scale buys.
 *
 * The chain is [q0, depth primes of scaleBits, special] (chooseParameters), the special prime of
 * 60 bits (SPECIAL_BITS) and q0 at least 5 bits below it (KEY_SWITCH_GAP_BITS): the 128-bit budget of the ring dimension N (SEAL's
 * CoeffModulus.MaxBitCount(N, tc128)) must hold q0 + depth x scaleBits + special. A larger scale buys precision but needs a larger N, and the
 * cost of every operation grows with N: the chooser lists, for each N, the largest scale that fits
 * and the logit error bound it buys, and takes the smallest N whose largest scale reaches
 * `minScaleBits` (or the smallest N that holds a requested scale). SEAL itself checks the
 * parameters again when the session is created (security check on).
 *
 * The a priori error bound follows the standard CKKS heuristic that every fresh operation
 * (encryption, rescale, key switch) adds an error of at most eps = N / Delta to a slot, as the
 * single-polynomial tolerance of encrypted.ts does, propagated through the layers: a linear layer
 * multiplies the incoming error by the l1 norm of its rows (A) and adds its fresh errors and the
 * encoding error of its weights (per layout: LayoutNoise); an activation multiplies it by
 * max |p'(t)| <= sum k^2 |c_k| (Markov, c_k the Chebyshev coefficients) and adds
 * 4 (d + 1)(1 + G) eps (encrypted.ts's heTolerance) plus its last rescales' error at its output
 * scale, with G = sum k^2 |c_k| for a Chebyshev plan and G = sum k^2 |a_k| max(1, alpha)^k for a
 * folded one (its coefficients in u = alpha t multiply the errors of the powers u^k). A folded
 * plan's input u carries the fresh errors of conv and dense 1 in u units: 1 / alpha of them in t
 * (counted as 1 for alpha >= 1, as 1 / alpha below); and it sits at the scale that lands the
 * activation on Delta / rho, about Delta rho^(-1/d) (S_out ~ S_in^d / Delta^(d-1)), so those
 * errors (rescale, encoded weights) are rho^(1/d) times larger than at Delta.
 */
import { InputError, requireInteger } from '../../errors';
import { chooseParameters, maxCoeffModulusBits128, Q0_MARGIN_BITS, type CkksParameters, type ParameterOptions } from '../parameters';
import type { SchemePlan } from '../schemes';
import { PIXEL_RANGE } from '../../network/architecture';
import { activationPlan, layerWeights, networkLevels, TAPS, type InferenceNetwork, type LayerName } from './network';

/** Bound on every value at the last level (logits <= 1, partial sums of the packed layout's garbage slots <= 16): q0's headroom. */
export const FINAL_MAGNITUDE = 16;
/**
 * The special prime: SEAL's largest (60 bits). Key switching (relinearisation, rotations) divides
 * its noise by it; equal to q0 (~51 bits) a rotation adds ~1e-5 at scale 2^37, at 60 bits ~3e-7.
 */
export const SPECIAL_BITS = 60;
/**
 * q0 stays this many bits below the special prime. With q0 within ~4 bits of it, SEAL's key
 * switching noise grows heavy tails (one rotation at N = 16384, 60-bit special prime, 45-bit data
 * primes, max error x scale over 24,576 slots: ~2e4 = 1.3 N for q0 <= 55 bits, 3.8e5 at 57 bits,
 * 6.2e5 at 58, 2.4e5 at 59; 40-bit data primes alike): q0's margin above scale x FINAL_MAGNITUDE
 * shrinks from 10 bits down to MIN_Q0_MARGIN_BITS, and a larger scale is refused.
 */
export const KEY_SWITCH_GAP_BITS = 5;
export const MIN_Q0_MARGIN_BITS = 4;
/** The largest scale the gap allows: q0 = scale + log2(FINAL_MAGNITUDE) + MIN_Q0_MARGIN_BITS <= SPECIAL_BITS - KEY_SWITCH_GAP_BITS (47). */
export const MAX_NETWORK_SCALE_BITS = SPECIAL_BITS - KEY_SWITCH_GAP_BITS - Math.log2(FINAL_MAGNITUDE) - MIN_Q0_MARGIN_BITS;

/** chooseParameters' options for the network's chain at `scaleBits` (q0 KEY_SWITCH_GAP_BITS below the special prime). */
function chainOptions(scaleBits: number): ParameterOptions {
  const q0MarginBits = Math.max(MIN_Q0_MARGIN_BITS, Math.min(Q0_MARGIN_BITS, SPECIAL_BITS - KEY_SWITCH_GAP_BITS - Math.log2(FINAL_MAGNITUDE) - scaleBits));
  return { scaleBits, magnitude: FINAL_MAGNITUDE, specialBits: SPECIAL_BITS, q0MarginBits };
}

/** Fresh errors per linear layer (encryption, rescales, key switches on the path of a logit). */
export interface FreshOperations {
  readonly conv: number;
  readonly dense1: number;
  readonly dense2: number;
}

/** How a layout encodes: its fresh errors, the scale Delta / rho of the linear layers' ciphertext inputs, and the error of one encoded weight times Delta rho. */
export interface LayoutNoise {
  readonly fresh: FreshOperations;
  readonly rho: number;
  /** 0.5 for a constant rounded exactly; ~4 sqrt(N / 12) for a plaintext vector (the per-slot error of rounding N coefficients). */
  readonly weightError: number;
}

/** The batch layout: every weight a constant, rounded exactly, inputs at Delta. */
export const BATCH_NOISE: LayoutNoise = { fresh: { conv: 2, dense1: 3, dense2: 1 }, rho: 1, weightError: 0.5 };

export interface ScaleOption {
  readonly polyModulusDegree: number;
  /** The largest scale whose chain fits N at 128-bit security (null: none from 20 bits up). */
  readonly maxScaleBits: number | null;
  /** The logit error bound at that scale, and the bits of the logit interval [-1, 1] it leaves. */
  readonly logitErrorBound: number | null;
  readonly precisionBits: number | null;
  /** Why the three above are null (no scale fits the depth at this N). */
  readonly note?: string;
}

export interface NetworkParameterChoice {
  readonly parameters: CkksParameters;
  /** The activation's plan at the chosen scale, and the network's depth. */
  readonly plan: SchemePlan;
  readonly depth: number;
  /** Every ring dimension with its largest scale (the trade-off the choice was made from). */
  readonly tradeoff: readonly ScaleOption[];
  /** A priori bound per layer (window units before activations, network units after) and on the logits. */
  readonly errorBound: Readonly<Record<LayerName, number>>;
  readonly logitErrorBound: number;
  /** -log2(logitErrorBound / 2): bits of the logit interval [-1, 1] the scale buys, at least. */
  readonly precisionBits: number;
  /** One sentence: what was chosen and why. */
  readonly summary: string;
}

export interface NetworkParameterOptions {
  /** Use this scale (20..58); the smallest N that holds it is chosen. */
  scaleBits?: number;
  /** Without `scaleBits`: the smallest N whose largest fitting scale is at least this (default 30), at that largest scale. */
  minScaleBits?: number;
  /** Force the ring dimension. */
  polyModulusDegree?: number;
  /** The layout's noise (default BATCH_NOISE). */
  noise?: LayoutNoise;
  /** Bound on |pixel| (default 200, the network's input range). */
  pixelBound?: number;
}

const SIZES = Object.keys(maxCoeffModulusBits128).map(Number).filter((n) => n >= 4096);

/** Parameters for depth `depth` at `scaleBits`, or null when nothing fits (N forced or not). */
function tryParameters(depth: number, scaleBits: number, polyModulusDegree?: number): CkksParameters | null {
  if (scaleBits > MAX_NETWORK_SCALE_BITS) return null;
  try {
    return chooseParameters(depth, { ...chainOptions(scaleBits), polyModulusDegree });
  } catch (e) {
    if (e instanceof InputError) return null;
    throw e;
  }
}

/** The largest scale (20..58 bits) whose chain for `depth` (a number, or a function of the scale) fits ring dimension N at 128-bit security. */
export function maxScaleBits(depth: number | ((scaleBits: number) => number), polyModulusDegree: number): number | null {
  for (let s = 58; s >= 20; s--) if (tryParameters(typeof depth === 'number' ? depth : depth(s), s, polyModulusDegree)) return s;
  return null;
}

/** The a priori error bound of the network under these parameters (see the module comment). */
export function networkErrorBound(net: InferenceNetwork, plan: SchemePlan, parameters: Pick<CkksParameters, 'polyModulusDegree' | 'scaleBits'>, options: { noise?: LayoutNoise; pixelBound?: number } = {}): { perLayer: Record<LayerName, number>; logits: number } {
  const { fresh, rho, weightError } = options.noise ?? BATCH_NOISE;
  const pixel = options.pixelBound ?? PIXEL_RANGE[1];
  const delta = 2 ** parameters.scaleBits, eps = parameters.polyModulusDegree / delta;
  const dw = weightError / (delta * rho); // one weight's encoding error
  const w = layerWeights(net);
  const c = net.polynomial.coefficients;
  const slope = c.reduce((s, v, k) => s + k * k * Math.abs(v), 0);
  const alpha = plan.inputFactor ?? 1;
  const gain = plan.scheme === 'folded' ? plan.coefficients.reduce((s, v, k) => s + k * k * Math.abs(v) * Math.max(1, alpha) ** k, 0) : slope;
  // Fresh errors inside the activation at the input's scale, amplified by the coefficients, plus its last rescales at Delta / rho.
  const activationNoise = 4 * (plan.depth + 1) * (1 + gain) * eps + 4 * rho * eps;
  // |p| <= sum |c_k| on its interval (|T_k| <= 1): a bound on every activation output, for any interval.
  const actMax = c.reduce((s, v) => s + Math.abs(v), 0);
  // Errors made in u = alpha t at its input scale, in window units t (the weights here are those of t).
  const inU = plan.scheme === 'folded' ? rho ** (1 / plan.degree) / Math.min(1, alpha) : 1;
  const rowNorm = (m: Float64Array, rows: number, cols: number, factor = 1): number => {
    let best = 0;
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let j = 0; j < cols; j++) s += Math.abs(m[i * cols + j]);
      best = Math.max(best, factor * s);
    }
    return best;
  };
  const A0 = rowNorm(w.conv, 1, TAPS), A1 = rowNorm(w.dense1, net.hidden, net.cells, 4), A2 = rowNorm(w.dense2, 10, net.hidden);
  const conv = A0 * rho * eps + inU * (fresh.conv * eps + TAPS * pixel * dw);
  const act1 = slope * conv + activationNoise;
  const pool = act1;
  const dense1 = A1 * pool + inU * (fresh.dense1 * eps + 4 * net.cells * actMax * dw);
  const act2 = slope * dense1 + activationNoise;
  const dense2 = A2 * act2 + fresh.dense2 * eps + net.hidden * actMax * dw;
  return { perLayer: { conv, act1, pool, dense1, act2, dense2 }, logits: dense2 };
}

/** Choose N and the scale for the whole network (see the module comment); refuses with an InputError when nothing fits. */
export function chooseNetworkParameters(net: InferenceNetwork, options: NetworkParameterOptions = {}): NetworkParameterChoice {
  const minScale = requireInteger('minScaleBits', options.minScaleBits ?? 30, 20, 58);
  if (options.scaleBits !== undefined) {
    requireInteger('scaleBits', options.scaleBits, 20, 58);
    if (options.scaleBits > MAX_NETWORK_SCALE_BITS) {
      throw new InputError('scaleBits', `expected at most ${MAX_NETWORK_SCALE_BITS} scale bits, got ${options.scaleBits}: q0 (scale + ${Math.log2(FINAL_MAGNITUDE)} bits of values + ${MIN_Q0_MARGIN_BITS} of margin) must stay ${KEY_SWITCH_GAP_BITS} bits below the ${SPECIAL_BITS}-bit special prime, or key switching noise grows heavy tails`);
    }
  }
  if (options.polyModulusDegree !== undefined && !SIZES.includes(options.polyModulusDegree)) {
    throw new InputError('polyModulusDegree', `expected one of ${SIZES.join(', ')}, got ${String(options.polyModulusDegree)}`);
  }
  // The plan (and so the depth) depends on the scale: coefficients below 1/scale are dropped.
  const depthAt = (scaleBits: number): { plan: SchemePlan; depth: number } => {
    const plan = activationPlan(net, scaleBits);
    return { plan, depth: networkLevels(plan.depth).depth };
  };
  const bound = (p: CkksParameters, plan: SchemePlan): number => networkErrorBound(net, plan, p, options).logits;
  const tradeoff: ScaleOption[] = SIZES.map((N) => {
    // The depth may depend on the scale (a coefficient below 1/scale is dropped).
    const s = maxScaleBits((bits) => depthAt(bits).depth, N);
    if (s === null) return { polyModulusDegree: N, maxScaleBits: null, logitErrorBound: null, precisionBits: null, note: `no scale of 20 bits or more fits depth ${depthAt(20).depth} at N = ${N} (128-bit security)` };
    const { plan, depth } = depthAt(s);
    const e = bound(tryParameters(depth, s, N)!, plan);
    return { polyModulusDegree: N, maxScaleBits: s, logitErrorBound: e, precisionBits: -Math.log2(e / 2) };
  });
  let scaleBits: number, why: string;
  if (options.scaleBits !== undefined) {
    scaleBits = options.scaleBits;
    why = `scale 2^${scaleBits} as requested`;
  } else {
    const candidates = tradeoff.filter((o) => o.maxScaleBits !== null && o.maxScaleBits >= minScale && (options.polyModulusDegree === undefined || o.polyModulusDegree === options.polyModulusDegree));
    if (candidates.length === 0) {
      const best = tradeoff.filter((o) => options.polyModulusDegree === undefined || o.polyModulusDegree === options.polyModulusDegree).map((o) => `N = ${o.polyModulusDegree}: ${o.maxScaleBits ?? 'none'}`).join(', ');
      throw new InputError(options.polyModulusDegree !== undefined ? 'polyModulusDegree' : 'minScaleBits', `depth ${depthAt(20).depth} leaves no ring dimension with a scale of at least ${minScale} bits at 128-bit security (largest scale per N: ${best})`);
    }
    scaleBits = candidates[0].maxScaleBits!;
    why = `the smallest N whose largest scale reaches ${minScale} bits, at that largest scale`;
  }
  const { plan, depth } = depthAt(scaleBits);
  let parameters: CkksParameters;
  try {
    parameters = chooseParameters(depth, { ...chainOptions(scaleBits), polyModulusDegree: options.polyModulusDegree });
  } catch (e) {
    if (e instanceof InputError) throw new InputError(options.polyModulusDegree !== undefined ? 'polyModulusDegree' : 'scaleBits', `the network's ${e.message.slice(e.argument.length + 2)}`);
    throw e;
  }
  const errors = networkErrorBound(net, plan, parameters, options);
  const precisionBits = -Math.log2(errors.logits / 2);
  const summary = `depth ${depth} (conv 1 + activation ${plan.depth} (${plan.scheme} scheme) + dense 1 + activation ${plan.depth} + dense 1) at scale 2^${scaleBits}: N = ${parameters.polyModulusDegree}, ` +
    `primes [${parameters.coeffModulusBits.join(', ')}] = ${parameters.totalBits} of ${parameters.maxBits} bits at 128-bit security (${why}); ` +
    `the scale bounds the logit error by ${errors.logits.toExponential(2)}, >= ${precisionBits.toFixed(1)} bits of the logit interval [-1, 1]`;
  return { parameters, plan, depth, tradeoff, errorBound: errors.perLayer, logitErrorBound: errors.logits, precisionBits, summary };
}
