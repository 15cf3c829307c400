/**
 * How the trained network's pre-activations are scaled into the polynomial's interval [-200, 200].
 *
 * Units. The network is trained (tfjs, tf.ts) on pixels p in [0, 1]; call its conv pre-activations
 * z1 = K * p and its dense pre-activations z2 = G d ("graph units"). lib/network runs on
 * x = 200 p (MNIST_INPUT_GAIN), inside the paper's pixel range [-200, 200]. A scaling is two
 * positive bounds in graph units, C for the conv layer and D for the dense layer: the layer's
 * pre-activations are multiplied so that [-C, C] and [-D, D] land on [-200, 200]:
 *
 *   u1 = 200 z1 / C            lib: scales.conv   = 1 / C    (applied to K * x = 200 z1)
 *   u2 = 200 z2 / D            lib: scales.dense1 = C / D    (applied to G d, d pooled from act(u1))
 *   z  = (D / 200) kappa e     lib: scales.logits = D / 200  (e = act(u2))
 *
 * ReLU is positively homogeneous, so with ReLU these factors cancel exactly: the logits are the
 * trained network's logits for every C, D > 0. With a polynomial they decide how much of
 * [-200, 200] the real pre-activations use - the comparison of this module's two rules:
 * - `fixed` (the paper's [-200, 200] scaling, lib/network/scaling.ts): factors from the weights
 *   alone, such that EVERY input with pixels in [-200, 200] keeps every pre-activation of both
 *   networks inside [-200, 200] (box bounds; nothing is ever out of range, at the price of a
 *   bound far above what real digits reach);
 * - `data`: C and D are the largest |z1| and |z2| of the ReLU network over the training digits
 *   (the interval chosen from the measured pre-activations; test digits may exceed it, which is
 *   counted as out of range).
 */
import { InputError } from '../errors';
import type { PolynomialKernel } from '../network/activation';
import * as arch from '../network/architecture';
import { CONV_USED, forwardLogits } from '../network/logits';
import { computeScales } from '../network/scaling';
import type { Digits } from './data';

/** lib/network's input for pixel p: x = 200 p (the paper's pixel scale; p in [0, 1]). */
export const MNIST_INPUT_GAIN = arch.PIXEL_RANGE[1];

/** x = 200 p for every pixel of `d`, the input lib/network's forward passes take. */
export function networkInputs(d: Digits): Float64Array {
  const x = new Float64Array(d.count * arch.INPUT_SIZE);
  for (let i = 0; i < x.length; i++) x[i] = MNIST_INPUT_GAIN * d.images[i];
  return x;
}

export type ScalingRule = 'fixed' | 'data' | 'given';

/** A scaling of the trained network: the bounds (graph units) and the lib/network factors they give. */
export interface MnistScaling {
  readonly rule: ScalingRule;
  /** Conv-layer bound C: z1 in [-C, C] maps onto [-200, 200]. */
  readonly convBound: number;
  /** Dense-layer bound D: z2 in [-D, D] maps onto [-200, 200]. */
  readonly denseBound: number;
  /** lib/network factors: conv = 1 / C, dense1 = C / D, logits = D / 200. */
  readonly scales: { readonly conv: number; readonly dense1: number; readonly logits: number };
}

/** The scaling with bounds C, D (graph units). */
export function boundsScaling(convBound: number, denseBound: number, rule: ScalingRule = 'given'): MnistScaling {
  if (!(Number.isFinite(convBound) && convBound > 0)) throw new InputError('convBound', `expected a positive bound, got ${String(convBound)}`);
  if (!(Number.isFinite(denseBound) && denseBound > 0)) throw new InputError('denseBound', `expected a positive bound, got ${String(denseBound)}`);
  return { rule, convBound, denseBound, scales: { conv: 1 / convBound, dense1: convBound / denseBound, logits: denseBound / MNIST_INPUT_GAIN } };
}

/** The network in graph units (C = D = 200): u1 = z1, u2 = z2, logits = the trained logits. */
export const GRAPH_SCALING = boundsScaling(MNIST_INPUT_GAIN, MNIST_INPUT_GAIN, 'given');

/**
 * The paper's fixed scaling for `weights` and a polynomial with certified range `polyRange`
 * (ReLU's [0, 200] when omitted): lib/network's `computeScales(..., 'fixed')` factors, with the
 * logit factor replaced so that the ReLU network outputs the trained logits.
 */
export function fixedScaling(weights: arch.NetworkWeights, polyRange: readonly [number, number] = [0, arch.PIXEL_RANGE[1]]): MnistScaling {
  const s = computeScales(weights, polyRange, 'fixed');
  return boundsScaling(1 / s.conv, 1 / (s.conv * s.dense1), 'fixed');
}

/** Pre-activations of the ReLU network in graph units: conv (count x 464), dense (count x 116). */
export interface PreActivations {
  readonly conv: Float64Array;
  readonly dense: Float64Array;
  readonly count: number;
}

/** Runs the ReLU network on `inputs` (x = 200 p) and records every pre-activation that matters. */
export function preActivations(weights: arch.NetworkWeights, inputs: Float64Array, count: number): PreActivations {
  const conv = new Float64Array(count * CONV_USED), dense = new Float64Array(count * arch.HIDDEN);
  forwardLogits({ weights, kernel: null, scales: GRAPH_SCALING.scales }, inputs, count, { record: { conv, dense } });
  return { conv, dense, count };
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) { const a = v[i] < 0 ? -v[i] : v[i]; if (a > m) m = a; }
  return m;
}

/** The data rule: C = max |z1|, D = max |z2| over the recorded (training) pre-activations. */
export function dataScaling(pre: PreActivations): MnistScaling {
  return boundsScaling(maxAbs(pre.conv), maxAbs(pre.dense), 'data');
}

/**
 * The scaling for the polynomial `kernel` (null: ReLU) under a rule: `fixed`, `data` (the given
 * data scaling, e.g. the trained network's stored one), or bounds [C, D].
 */
export function scalingFor(rule: 'fixed' | 'data' | readonly [number, number], weights: arch.NetworkWeights, data: MnistScaling, kernel: PolynomialKernel | null = null): MnistScaling {
  if (rule === 'fixed') return fixedScaling(weights, kernel ? kernel.range : undefined);
  if (rule === 'data') return data;
  if (Array.isArray(rule) && rule.length === 2) return boundsScaling(rule[0], rule[1]);
  throw new InputError('interval', `expected 'fixed', 'data' or [convBound, denseBound], got ${JSON.stringify(rule)}`);
}

/**
 * Histogram on [-200, 200] (`bins` equal bins) of the pre-activations scaled by `scaling`, both
 * layers pooled with equal weight (each layer's counts normalised to total 1/2), values outside
 * [-200, 200] left out. The measured density that the `weighted` fit takes.
 */
export function scaledHistogram(pre: PreActivations, scaling: MnistScaling, bins = 400): { edges: number[]; counts: number[]; outside: number } {
  const R = arch.PIXEL_RANGE[1];
  const edges = Array.from({ length: bins + 1 }, (_, i) => -R + (2 * R * i) / bins);
  const counts = new Array<number>(bins).fill(0);
  let outside = 0;
  const add = (values: Float64Array, bound: number): void => {
    const layer = new Array<number>(bins).fill(0);
    for (let i = 0; i < values.length; i++) {
      const u = (R * values[i]) / bound;
      if (u < -R || u > R) { outside++; continue; }
      layer[Math.min(bins - 1, Math.floor(((u + R) * bins) / (2 * R)))]++;
    }
    const total = layer.reduce((s, c) => s + c, 0);
    if (total > 0) for (let k = 0; k < bins; k++) counts[k] += layer[k] / (2 * total);
  };
  add(pre.conv, scaling.convBound);
  add(pre.dense, scaling.denseBound);
  return { edges, counts, outside };
}
