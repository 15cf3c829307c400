/**
 * The MNIST-trained network (lib/mnist, data/mnist/trained.json) on its real test digits, as a
 * private-inference source: the report then carries the encrypted accuracy.
 *
 * Units. lib/mnist runs the network on x = 200 p (MNIST_INPUT_GAIN) with the factors of a scaling
 * (bounds C, D): u1 = (1/C) K*x, u2 = (C/D) G d, z = (D/200) kappa e. The client here encrypts the
 * digits' pixels p in [0, 1] (pixelBound 1: the a priori bound and the encoding use them), so the
 * gain is folded into the conv factor once: scales.conv = 200 / C (so u1 = (200/C) K*p, the same
 * pre-activation), dense1 and logits unchanged. The logits are then the polynomial network's
 * logits exactly as `polyact accuracy` computes them (tested to ~1e-12).
 *
 * The polynomial (`poly`, any name `polyact accuracy --poly` takes, or `finetuned-N`):
 * - default `weighted-4` under the `auto` (= data) interval: the most accurate degree-4 polynomial
 *   without retraining (90.9% of the 2,000 test digits, against 85.4% for minimax-4 and 69.6% for
 *   paper-best-4; under the paper's `fixed` interval no degree-4 polynomial passes 48%), and
 *   `polyact accuracy --poly weighted-4 --interval auto` states the same plaintext figure, so the
 *   encrypted accuracy can be checked against it. Degree 4 keeps the depth at 9 (N = 16384);
 * - `finetuned-N`: the network fine-tuned with the degree-N polynomial (data/mnist/finetuned.json;
 *   95.4% at degree 4), its own weights and polynomial, under the data interval it was fine-tuned
 *   with (other intervals are refused: the weights were trained for that one);
 * - `relu` is refused: ReLU is not a polynomial, CKKS cannot evaluate it.
 *
 * The a priori error bound (parameters.ts) holds while every pre-activation stays inside the
 * polynomial's interval; the `fixed` rule guarantees it, the data rule does not for unseen digits,
 * so the source counts the digits' pre-activations outside it (the plaintext pass, forwardLogits;
 * 0 of both layers for weighted-4 on all 2,000 test digits).
 *
 * The trained logits are in the network's own units, |z| up to ~23 under the data interval and ~62
 * under the fixed one on the test digits: above parameters.ts's FINAL_MAGNITUDE (16, sized for the
 * random network's logits in [-1, 1]) but far inside what q0 holds (scale x 2^13 with its 10
 * margin bits); the encrypted runs (test/he-inference-trained.test.ts) check the decrypted logits.
 */
import { InputError, requireInteger } from '../../errors';
import { polynomialKernel } from '../../network/activation';
import { forwardLogits } from '../../network/logits';
import type { Polynomial } from '../../polynomial';
import { mnistContext, namedPolynomial, type MnistContext } from '../../mnist/accuracy';
import { parsePolySpec, polynomialFromChebyshev } from '../../mnist/polynomials';
import { MNIST_INPUT_GAIN, networkInputs, scalingFor, type MnistScaling } from '../../mnist/scaling';
import { finetunedNetworks, trainedWeights, type TrainedNetwork } from '../../mnist/trained';
import { digitsSource, type InferenceSource } from './source';
import type { InferenceNetwork } from './network';

/** The default polynomial of `trainedSource` (see the module comment). */
export const TRAINED_DEFAULT_POLY = 'weighted-4';

/** `auto` = `data` (the bounds over the training digits, as `polyact accuracy --interval auto`), `fixed`, or bounds [C, D]. */
export type TrainedInterval = 'auto' | 'data' | 'fixed' | readonly [number, number];

export interface TrainedSourceOptions {
  /** A `polyact accuracy` polynomial name (not relu) or `finetuned-N` (default weighted-4). */
  poly?: string;
  /** The interval rule (default auto). */
  interval?: TrainedInterval;
  /** A prefix slice of the network (quick checks; the accuracy is then that of the slice). */
  cells?: number;
  hidden?: number;
  /** The trained network or a context built from it (default: data/mnist/trained.json). */
  network?: TrainedNetwork;
  context?: MnistContext;
}

/** The source with what it was built from. */
export interface TrainedSource extends InferenceSource {
  readonly poly: string;
  readonly polynomial: Polynomial;
  readonly scaling: MnistScaling;
  /** The scaling's factors in lib/mnist's units (network input x = 200 p): what forwardLogits takes. */
  readonly networkScales: InferenceNetwork['scales'];
  /** Pre-activations of these digits outside the polynomial's interval (plaintext pass): conv, dense. */
  readonly outOfRange: { readonly conv: number; readonly dense: number };
}

/** lib/mnist's factors (input x = 200 p) -> InferenceNetwork's (input p in [0, 1]): the gain goes into the conv factor, once. */
export function digitScales(scaling: MnistScaling): InferenceNetwork['scales'] {
  return { conv: MNIST_INPUT_GAIN * scaling.scales.conv, dense1: scaling.scales.dense1, logits: scaling.scales.logits };
}

function ruleOf(interval: TrainedInterval): 'fixed' | 'data' | readonly [number, number] {
  if (interval === 'auto' || interval === 'data') return 'data';
  if (interval === 'fixed') return 'fixed';
  if (Array.isArray(interval) && interval.length === 2) return interval;
  throw new InputError('interval', `expected auto, fixed or bounds [C, D], got ${JSON.stringify(interval)}`);
}

/** The first `count` (default all 2,000) of the trained network's test digits (split of data/mnist/trained.json) through the network with `poly`. */
export function trainedSource(images?: number, options: TrainedSourceOptions = {}): TrainedSource {
  if (images !== undefined) requireInteger('images', images, 1);
  const poly = options.poly ?? TRAINED_DEFAULT_POLY;
  const interval = options.interval ?? 'auto';
  const rule = ruleOf(interval);
  const fine = /^finetuned-(\d+)$/.exec(poly);
  if (!fine) {
    const spec = parsePolySpec(poly, 'poly'); // a bad name fails before the data are loaded
    if (spec.kind === 'relu') throw new InputError('poly', 'relu is not a polynomial and cannot run under CKKS; expected a polynomial name such as weighted-4');
  } else if (rule !== 'data') {
    throw new InputError('interval', `${poly} was fine-tuned under the data interval; expected auto, got ${JSON.stringify(interval)}`);
  }
  const ctx = options.context ?? mnistContext(options.network ?? trainedWeights());
  const network = ctx.network, test = network.split.test;
  const count = images === undefined ? test.count : requireInteger('images', images, 1, test.count);
  let weights = network.weights, polynomial: Polynomial, scaling: MnistScaling, what: string;
  if (fine) {
    const ft = finetunedNetworks(network);
    const entry = ft.entries.find((e) => e.degree === Number(fine[1]));
    if (!entry) throw new InputError('poly', `no fine-tuned network of degree ${fine[1]}; expected finetuned-N for N in ${ft.entries.map((e) => e.degree).join(', ')}`);
    weights = entry.network;
    polynomial = polynomialFromChebyshev(entry.chebyshev);
    scaling = ft.scaling;
    what = `network fine-tuned with ${entry.method}-${entry.degree}`;
  } else {
    polynomial = namedPolynomial(ctx, poly, rule, 'poly')!;
    scaling = scalingFor(rule, weights, network.dataScaling, polynomialKernel(polynomial));
    what = 'trained network';
  }
  const digits = { images: test.images, labels: test.labels, count: test.count };
  const source = digitsSource({ weights, scales: digitScales(scaling), polynomial, label: poly }, digits, count, { cells: options.cells, hidden: options.hidden });
  const plain = forwardLogits({ weights, kernel: polynomialKernel(polynomial), scales: scaling.scales }, networkInputs({ ...digits, images: source.images, count }), count);
  const g = (v: number): string => v.toPrecision(4);
  const slice = source.net.cells < 116 || source.net.hidden < 116 ? `, slice: ${source.net.cells} cells x ${source.net.hidden} hidden` : '';
  return {
    ...source, poly, polynomial, scaling, networkScales: scaling.scales,
    outOfRange: { conv: plain.outOfRangeConv, dense: plain.outOfRangeDense },
    description: `${what} (${poly}, ${scaling.rule} interval: conv [${g(-scaling.convBound)}, ${g(scaling.convBound)}], dense [${g(-scaling.denseBound)}, ${g(scaling.denseBound)}] -> [-200, 200]${slice}) ` +
      `on the first ${count} of the ${test.count} MNIST test digits (split seed ${String(network.file.data.split.seed)}), pixels in [0, 1]; ` +
      `pre-activations outside the interval: ${plain.outOfRangeConv} conv, ${plain.outOfRangeDense} dense`,
  };
}
