/**
 * Where a private-inference run gets its network and its images: the paper's random network on
 * the experiment's seeded random inputs, or (once the real-digits work is merged) the trained
 * network on MNIST test digits with their labels.
 */
import { InputError, requireInteger } from '../../errors';
import { INPUT_SIZE } from '../../network/architecture';
import { CHUNK, InputStream } from '../../network/inputs';
import { inferenceNetwork, type InferenceNetwork, type InferenceNetworkOptions } from './network';

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
    weights: 'random', net, images, count,
    description: `random network (weight seed ${net.weights.seed}, fixed scaling, ${net.polynomialLabel}${slice}) on ${count} random inputs (seed ${inputSeed}) in [-200, 200]`,
  };
}

/**
 * The trained network on MNIST test digits. Not available until the real-digits work (lib/mnist:
 * `trainedWeights()`, `mnistSplit()`) is merged; the layouts already take any InferenceSource.
 */
export function trainedSource(count: number): InferenceSource {
  requireInteger('images', count, 1);
  throw new InputError('weights', 'trained weights not available in this build: the real-digits work (lib/mnist: trainedWeights, mnistSplit) is not merged yet; use random');
}

export function requireWeightsKind(value: unknown): WeightsKind {
  if (value !== 'random' && value !== 'trained') throw new InputError('weights', `expected random or trained, got '${String(value)}'`);
  return value;
}
