/**
 * Where a private-inference run gets its network and its images: the paper's random network on
 * the experiment's seeded random inputs, or a network for labelled digits in [0, 1]
 * (`digitsSource`; the MNIST-trained network on its test digits is `trainedSource`, trained.ts).
 */
import { InputError, requireInteger } from '../../errors';
import { INPUT_SIZE, type NetworkWeights } from '../../network/architecture';
import type { Polynomial } from '../../polynomial';
import { CHUNK, InputStream } from '../../network/inputs';
import type { InferenceNetwork } from './network';
import { inferenceNetwork, type InferenceNetworkOptions } from './model';

export type WeightsKind = 'random' | 'trained';
export const WEIGHTS_KINDS: readonly WeightsKind[] = ['random', 'trained'];

export interface InferenceSource {
  readonly weights: WeightsKind;
  readonly net: InferenceNetwork;
  /** count x 784 pixels, image-major. */
  readonly images: Float64Array;
  readonly count: number;
  /** The true digit of each image (trained weights on real digits), for the encrypted accuracy. */
  readonly labels?: Uint8Array;
  /** Bound on |pixel| (200 for the random inputs, 1 for digits in [0, 1]): the a priori error bound uses it. */
  readonly pixelBound: number;
  /** One line: which network, which images. */
  readonly description: string;
}

/** Images 0..count-1 of the network experiment with `seed` (= experimentInput(seed, i)), generated chunk by chunk. */
export function experimentImages(seed: string | number, count: number): Float64Array {
  requireInteger('images', count, 1);
  const out = new Float64Array(count * INPUT_SIZE);
  for (let chunk = 0; chunk * CHUNK < count; chunk++) {
    const n = Math.min(CHUNK, count - chunk * CHUNK);
    new InputStream(seed, chunk).fill(out, chunk * CHUNK * INPUT_SIZE, n * INPUT_SIZE);
  }
  return out;
}

/** The paper's random network (weights from `weightSeed`) on `count` random inputs from `inputSeed` (both default 1). */
export function randomSource(count: number, options: InferenceNetworkOptions & { inputSeed?: string | number } = {}): InferenceSource {
  const net = inferenceNetwork(options);
  const inputSeed = options.inputSeed ?? 1;
  const images = experimentImages(inputSeed, count);
  const slice = net.cells < 116 || net.hidden < 116 ? `, slice: ${net.cells} cells x ${net.hidden} hidden` : '';
  return {
    weights: 'random', net, images, count, pixelBound: 200,
    description: `random network (weight seed ${net.weights.seed}, fixed scaling, ${net.polynomialLabel}${slice}) on ${count} random inputs (seed ${inputSeed}) in [-200, 200]`,
  };
}

/** A network for labelled digits (e.g. the MNIST-trained one): weights in NetworkWeights' layout, its fixed scale factors, its activation polynomial. */
export interface DigitsNetwork {
  readonly weights: NetworkWeights;
  readonly scales: InferenceNetwork['scales'];
  /** A preset name or the polynomial itself (default paper-best-4). */
  readonly polynomial?: string | Polynomial;
  /** The polynomial's name in the report (default: the preset name or the printed polynomial). */
  readonly label?: string;
}

/** Labelled images: count x 784 pixels in [0, 1], image-major. */
export interface DigitSet {
  readonly images: Float64Array;
  readonly labels: Uint8Array;
  readonly count: number;
}

/** The first `count` digits of `digits` through the trained network (the report then carries the encrypted accuracy). */
export function digitsSource(trained: DigitsNetwork, digits: DigitSet, count = digits.count, slice: { cells?: number; hidden?: number } = {}): InferenceSource {
  requireInteger('images', count, 1, digits.count);
  if (digits.images.length < count * INPUT_SIZE || digits.labels.length < count) throw new InputError('digits', `expected ${count} images of ${INPUT_SIZE} pixels with labels`);
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < count * INPUT_SIZE; i++) { lo = Math.min(lo, digits.images[i]); hi = Math.max(hi, digits.images[i]); }
  if (!(lo >= 0 && hi <= 1)) throw new InputError('digits', `expected pixels in [0, 1], got [${lo}, ${hi}]`);
  const built = inferenceNetwork({ weights: trained.weights, scales: trained.scales, poly: trained.polynomial, ...slice });
  const net = trained.label ? { ...built, polynomialLabel: trained.label } : built;
  return {
    weights: 'trained', net, images: digits.images.subarray(0, count * INPUT_SIZE), count, labels: digits.labels.subarray(0, count), pixelBound: 1,
    description: `trained network (${net.polynomialLabel}) on ${count} digits with labels`,
  };
}

export function requireWeightsKind(value: unknown): WeightsKind {
  if (value !== 'random' && value !== 'trained') throw new InputError('weights', `expected random or trained, got '${String(value)}'`);
  return value;
}
