/**
 * The Section 5 network as private inference evaluates it: plaintext weights on the server,
 * ciphertexts everywhere in between, every layer written in the units the ciphertexts carry.
 *
 * Pre-activations are carried in the polynomial's window, t = (x - m) / h for the interval
 * [a, b] = [m - h, m + h] (t in [-1, 1]), so the evaluation starts at once: the map onto the
 * window folds into the weights of the linear layer before it (its factor 1/h) plus a plaintext
 * addition (its shift -m/h, no level). With the `folded` scheme (lib/he/folded.ts) the layer also
 * folds in the plan's input factor alpha and hands over u = alpha t, so the polynomial's leading
 * coefficient costs no level. Activation outputs stay in x units. With `fixed` scaling every
 * factor is a constant of the weights (scaling.ts); per-input scaling needs the max of a layer's
 * output, which is not computable on ciphertexts.
 *
 * Levels (multiplicative depth), counted honestly:
 *   conv      1  (plaintext weights; the window map folds in)
 *   act 1     d  (the polynomial's scheme depth: 2 for degree 4 folded, 3 with the tree)
 *   pool      0  (a sum; its 1/4 folds into dense 1)
 *   dense 1   1  (the window map folds in)
 *   act 2     d
 *   dense 2   1
 * = 2d + 3: 7 for degree 4. The softmax runs on the client after decryption.
 *
 * (The factory `inferenceNetwork` is in model.ts: this module stays light for the worker threads.)
 */
import { requireInteger } from '../../errors';
import type { Polynomial } from '../../polynomial';
import { HIDDEN, KEPT, KERNEL_SIDE, OUTPUTS, poolMember, type NetworkWeights } from '../../network/architecture';
import { planScheme, simulate, type SchemePlan } from '../schemes';
import { MIN_FOLD_FACTOR } from '../folded';

/** The network, its activation polynomial and its fixed scale factors; optionally a prefix slice (for short tests). */
export interface InferenceNetwork {
  readonly weights: NetworkWeights;
  /** The activation polynomial on its interval [a, b] (pre-activations are scaled into it). */
  readonly polynomial: Polynomial;
  /** Name of the polynomial (a preset name or its printed form). */
  readonly polynomialLabel: string;
  /** Fixed factors: conv output, dense 1 pre-activation, logits (see scaling.ts). */
  readonly scales: { readonly conv: number; readonly dense1: number; readonly logits: number };
  /** Pooled cells kept (default 116, all): the first `cells` of the 12x12 pooled grid. */
  readonly cells: number;
  /** Hidden units kept (default 116, all). */
  readonly hidden: number;
}

/** The window map of the polynomial: t = (x - m) / h. */
export function windowMap(net: InferenceNetwork): { m: number; h: number } {
  const [a, b] = net.polynomial.domain;
  return { m: (a + b) / 2, h: (b - a) / 2 };
}

/**
 * The weights the server multiplies by, in the activation plan's input units alpha t (alpha = 1
 * but for the folded scheme): conv taps alpha s_conv K / h (25), dense 1 alpha s_d1 G / (4 h) per
 * pooled member (hidden x cells, row-major), dense 2 s_L kappa (10 x hidden).
 */
export interface LayerWeights {
  readonly conv: Float64Array;
  readonly dense1: Float64Array;
  readonly dense2: Float64Array;
  /** The plaintext shift -alpha m / h added after conv and dense 1 (0 for a symmetric interval). */
  readonly shift: number;
  /** alpha: conv and dense 1 output u = alpha t (the plan's inputFactor, 1 when it has none). */
  readonly inputFactor: number;
}

/** The layers' weights for an activation plan (its inputFactor folds into conv and dense 1; none: window units t). */
export function layerWeights(net: InferenceNetwork, plan?: Pick<SchemePlan, 'inputFactor'>): LayerWeights {
  const { m, h } = windowMap(net);
  const alpha = plan?.inputFactor ?? 1;
  const { conv: K, dense1: G, dense2: kappa } = net.weights;
  const conv = Float64Array.from(K, (k) => (alpha * net.scales.conv * k) / h);
  const dense1 = new Float64Array(net.hidden * net.cells);
  for (let i = 0; i < net.hidden; i++) for (let j = 0; j < net.cells; j++) dense1[i * net.cells + j] = (alpha * net.scales.dense1 * G[i * KEPT + j]) / (4 * h);
  const dense2 = new Float64Array(OUTPUTS * net.hidden);
  for (let r = 0; r < OUTPUTS; r++) for (let i = 0; i < net.hidden; i++) dense2[r * net.hidden + i] = net.scales.logits * kappa[r * HIDDEN + i];
  return { conv, dense1, dense2, shift: (-alpha * m) / h, inputFactor: alpha };
}

/** Conv outputs evaluated: the 4 members of each kept pooled cell, index 4k + q -> conv position (24x24 row-major). */
export function convPositions(net: InferenceNetwork): Int32Array {
  const out = new Int32Array(4 * net.cells);
  for (let k = 0; k < net.cells; k++) for (let q = 0; q < 4; q++) out[4 * k + q] = poolMember(k, q);
  return out;
}

/** Kernel tap o = 5u + v reads pixel (i + u, j + v) for conv output (i, j). */
export const TAPS = KERNEL_SIDE * KERNEL_SIDE;

export type LayerName = 'conv' | 'act1' | 'pool' | 'dense1' | 'act2' | 'dense2';
export const LAYERS: readonly LayerName[] = ['conv', 'act1', 'pool', 'dense1', 'act2', 'dense2'];

/**
 * The activation's evaluation plan: the least depth, then the fewest ciphertext products, then a
 * Chebyshev scheme. The candidates: tree and bsgs with either giant step, and `folded` (its input
 * u = alpha t comes out of conv and dense 1 at no level) when its degree is at least 2 and
 * alpha >= MIN_FOLD_FACTOR - it wins at degrees 2, 4, 8, ... (one level less); otherwise a
 * Chebyshev plan is as shallow and is kept.
 */
export function activationPlan(net: InferenceNetwork, scaleBits: number): SchemePlan {
  // Constants below 1/scale encode to zero (PlanOptions.negligible).
  const negligible = 2 ** -scaleBits;
  const plans = (['tree', 'bsgs'] as const).flatMap((scheme) => (['largest', 'smallest'] as const).map((giantStep) => planScheme(net.polynomial, scheme, { negligible, giantStep })));
  const folded = planScheme(net.polynomial, 'folded', { negligible });
  if (folded.degree >= 2 && folded.inputFactor! >= MIN_FOLD_FACTOR) plans.push(folded);
  const products = (p: SchemePlan): number => simulate(p).counts.nonscalar;
  const chebyshevFirst = (p: SchemePlan): number => (p.basis === 'chebyshev' ? 0 : 1);
  plans.sort((p, q) => p.depth - q.depth || products(p) - products(q) || chebyshevFirst(p) - chebyshevFirst(q));
  return plans[0];
}

/** Levels per layer (see the module comment) and their sum. */
export function networkLevels(activationDepth: number): { readonly perLayer: Readonly<Record<LayerName, number>>; readonly depth: number } {
  requireInteger('activationDepth', activationDepth, 1, 20);
  const perLayer = { conv: 1, act1: activationDepth, pool: 0, dense1: 1, act2: activationDepth, dense2: 1 };
  return { perLayer, depth: Object.values(perLayer).reduce((s, v) => s + v, 0) };
}
