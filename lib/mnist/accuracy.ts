/**
 * What a polynomial in place of ReLU does to the trained network on the test digits: accuracy,
 * the paper's |f1 - f1*| on real inputs, and the fraction of pre-activations outside the
 * polynomial's interval.
 *
 * f1 is the first output of the softmax (the probability of digit 0) of the exact-ReLU trained
 * network, f1* the same output of the polynomial network; both use the trained logits' own scale
 * (scaling.ts: the ReLU network reproduces tfjs's logits exactly). The paper's "normalise the
 * logits into [-1, 1]" is a choice for random weights; on a trained classifier it would flatten
 * the probabilities, so it is not applied here.
 */
import { InputError } from '../errors';
import { polynomialKernel, type PolynomialKernel } from '../network/activation';
import * as arch from '../network/architecture';
import { argmaxLogit, CONV_USED, forwardLogits, softmaxOutput } from '../network/logits';
import type { Polynomial } from '../polynomial';
import { MNIST_CLASSES, selectDigits } from './data';

/** Training digits that `mnistContext(..., { on: 'train' })` evaluates on. */
const TRAIN_SAMPLE = 2000;
import { GRAPH_SCALING, networkInputs, preActivations, scaledHistogram, scalingFor, type MnistScaling, type PreActivations } from './scaling';
import { methodPolynomial, parsePolySpec, type MnistMethod } from './polynomials';
import { trainedWeights, type TrainedNetwork } from './trained';

/** Everything the evaluations of one trained network share, computed once. */
export interface MnistContext {
  readonly network: TrainedNetwork;
  /** x = 200 p of the test digits. */
  readonly testInputs: Float64Array;
  /** Their unscaled conv outputs K * x (count x 464): the same for every activation, computed once. */
  readonly testConv: Float64Array;
  /** The ReLU network's pre-activations on the training digits (graph units); computed on first use. */
  readonly trainPre: PreActivations;
  /** The exact-ReLU network on the test digits. */
  readonly relu: { readonly logits: Float64Array; readonly predictions: Uint8Array; readonly accuracy: number; readonly correct: number; readonly f1: Float64Array };
}

/**
 * Loads (or takes) the trained network and runs the ReLU network once on the training and test
 * digits. `on: 'train'` evaluates on the first 2,000 training digits instead (for choices that
 * must not look at the test digits, such as which polynomial to fine-tune).
 */
export function mnistContext(network: TrainedNetwork = trainedWeights(), options: { on?: 'test' | 'train' } = {}): MnistContext {
  const { train } = network.split;
  const weights = network.weights;
  if (options.on === 'train') network = { ...network, split: { train, test: selectDigits(train, Array.from({ length: Math.min(TRAIN_SAMPLE, train.count) }, (_, i) => i)) } };
  else if (options.on !== undefined && options.on !== 'test') throw new InputError('on', `expected 'test' or 'train', got ${String(options.on)}`);
  const test = network.split.test;
  const testInputs = networkInputs(test);
  const convRaw = new Float64Array(test.count * CONV_USED);
  const { logits } = forwardLogits({ weights: network.weights, kernel: null, scales: GRAPH_SCALING.scales }, testInputs, test.count, { record: { convRaw } });
  const predictions = predictionsOf(logits, test.count);
  const correct = countCorrect(predictions, test.labels);
  const f1 = new Float64Array(test.count);
  for (let n = 0; n < test.count; n++) f1[n] = softmaxOutput(logits, n, 0);
  let pre: PreActivations | null = null;
  return {
    network, testInputs, testConv: convRaw, relu: { logits, predictions, accuracy: correct / test.count, correct, f1 },
    // only the weighted fit and the histograms need the 8,000 training digits' pre-activations
    get trainPre(): PreActivations { return (pre ??= preActivations(weights, networkInputs(train), train.count)); },
  };
}

function predictionsOf(logits: Float64Array, count: number): Uint8Array {
  const p = new Uint8Array(count);
  for (let n = 0; n < count; n++) p[n] = argmaxLogit(logits, n);
  return p;
}

function countCorrect(predictions: Uint8Array, labels: Uint8Array): number {
  let c = 0;
  for (let n = 0; n < predictions.length; n++) if (predictions[n] === labels[n]) c++;
  return c;
}

/** The result of one network on the test digits. */
export interface AccuracyResult {
  /** The polynomial's name (`relu`, `minimax-4`, ...). */
  readonly poly: string;
  readonly scaling: MnistScaling;
  /** The pre-activation intervals (graph units) mapped onto the polynomial's [-200, 200]. */
  readonly interval: { readonly conv: readonly [number, number]; readonly dense: readonly [number, number] };
  readonly accuracy: number;
  readonly correct: number;
  readonly testImages: number;
  /** max and mean over the test digits of |f1 - f1*| (f1 of the exact-ReLU trained network). */
  readonly maxDeviation: number;
  readonly meanDeviation: number;
  /** Fractions of pre-activations outside [-200, 200] after scaling: conv layer, dense layer, both. */
  readonly outOfRange: { readonly conv: number; readonly dense: number; readonly all: number };
  readonly predictions: Uint8Array;
}

/**
 * The network with `polynomial` (null: ReLU) in both activation layers under the scaling `rule`
 * (`fixed`, `data`, or bounds [C, D] in graph units), on the test digits. `weights` replaces the
 * trained weights (a fine-tuned network); the reference f1 stays the trained ReLU network's.
 */
export function evaluateNetwork(ctx: MnistContext, polynomial: Polynomial | null, rule: 'fixed' | 'data' | readonly [number, number], options: { name?: string; weights?: arch.NetworkWeights; scaling?: MnistScaling } = {}): AccuracyResult {
  const weights = options.weights ?? ctx.network.weights;
  const kernel: PolynomialKernel | null = polynomial ? polynomialKernel(polynomial) : null;
  const scaling = options.scaling ?? scalingFor(rule, weights, ctx.network.dataScaling, kernel);
  const test = ctx.network.split.test;
  // the trained conv layer is shared by every polynomial network; fine-tuned weights need their own pass
  const convRaw = weights.conv === ctx.network.weights.conv ? ctx.testConv : undefined;
  const r = forwardLogits({ weights, kernel, scales: scaling.scales }, ctx.testInputs, test.count, { convRaw });
  const predictions = predictionsOf(r.logits, test.count);
  const correct = countCorrect(predictions, test.labels);
  let max = 0, sum = 0;
  for (let n = 0; n < test.count; n++) {
    const d = Math.abs(ctx.relu.f1[n] - softmaxOutput(r.logits, n, 0));
    // a non-finite output (a polynomial blown up far outside its interval) counts as the largest deviation
    const v = Number.isFinite(d) ? d : 1;
    if (v > max) max = v;
    sum += v;
  }
  const nConv = test.count * CONV_USED, nDense = test.count * arch.HIDDEN;
  return {
    poly: options.name ?? (polynomial ? polynomial.toString() : 'relu'),
    scaling,
    interval: { conv: [-scaling.convBound, scaling.convBound], dense: [-scaling.denseBound, scaling.denseBound] },
    accuracy: correct / test.count, correct, testImages: test.count,
    maxDeviation: max, meanDeviation: sum / test.count,
    outOfRange: { conv: r.outOfRangeConv / nConv, dense: r.outOfRangeDense / nDense, all: (r.outOfRangeConv + r.outOfRangeDense) / (nConv + nDense) },
    predictions,
  };
}

/** The measured histogram the `weighted` method takes under a rule (fixed: the ReLU network's fixed scaling). */
export function measuredHistogram(ctx: MnistContext, rule: 'fixed' | 'data' | readonly [number, number]): { edges: number[]; counts: number[]; outside: number } {
  return scaledHistogram(ctx.trainPre, scalingFor(rule, ctx.network.weights, ctx.network.dataScaling, null));
}

/** The polynomial named `spec` (see polynomials.ts) for a rule; null for `relu`. */
export function namedPolynomial(ctx: MnistContext, spec: string, rule: 'fixed' | 'data' | readonly [number, number], argument = 'poly'): Polynomial | null {
  const parsed = parsePolySpec(spec, argument);
  if (parsed.kind === 'relu') return null;
  if (parsed.kind === 'coefficients') return parsed.polynomial;
  const hist = parsed.method === 'weighted' ? measuredHistogram(ctx, rule) : undefined;
  return methodPolynomial(parsed.method as MnistMethod, parsed.degree, hist);
}

/** Accuracy of the polynomial named `spec` (CLI `polyact accuracy`). */
export function polynomialAccuracy(ctx: MnistContext, spec: string, rule: 'fixed' | 'data' | readonly [number, number] = 'data'): AccuracyResult {
  return evaluateNetwork(ctx, namedPolynomial(ctx, spec, rule), rule, { name: spec });
}

/** counts[true][predicted] over the test digits. */
export function confusionMatrix(labels: Uint8Array, predictions: Uint8Array): number[][] {
  if (labels.length !== predictions.length) throw new InputError('predictions', `expected ${labels.length} predictions, got ${predictions.length}`);
  const m = Array.from({ length: MNIST_CLASSES }, () => new Array<number>(MNIST_CLASSES).fill(0));
  for (let n = 0; n < labels.length; n++) m[labels[n]][predictions[n]]++;
  return m;
}
