/**
 * Training the Section 5 network on real digits with TensorFlow.js (automatic differentiation,
 * Adam), deterministically:
 * - initial weights Glorot-uniform, U(-l, l) with l = sqrt(6 / (fan_in + fan_out)), drawn from
 *   seedrandom seeded `mnist-init:<seed>` in the order conv, dense1, dense2 (row-major);
 * - each epoch visits the training digits in a Fisher-Yates permutation seeded
 *   `mnist-epoch:<seed>:<epoch>` (never an unseeded generator), in mini-batches of `batchSize`;
 * - the cpu backend computes in float32 in a fixed order, so the same seed, data and options give
 *   bit-identical weights (checked by the tests and by `npm run train` against the stored file).
 * The same loop fine-tunes a trained network with a polynomial in place of ReLU (`activation`).
 */
import { InputError, requireInteger } from '../errors';
import * as arch from '../network/architecture';
import { rng } from '../sampling';
import { seededPermutation, type Digits } from './data';
import { disposeWeights, patchMatrix, tf, tfForward, tfReady, tfVariables, tfWeightsValues, type TfActivation } from './tf';

export interface TrainOptions {
  /** Seed of the initial weights and of the batch order (default 1). */
  seed?: string | number;
  /** Passes over the training digits (default 6). */
  epochs?: number;
  /** Mini-batch size (default 64). */
  batchSize?: number;
  /** Adam's step size (default 0.003). */
  learningRate?: number;
  /** The last `finalEpochs` epochs (default 2; 0 for none) run at `finalLearningRate` (default 0.001): a step decay. */
  finalEpochs?: number;
  finalLearningRate?: number;
  /** Start from these weights instead of the seeded initialisation (fine-tuning). */
  initial?: arch.NetworkWeights;
  /** The activation during training (default ReLU), see TfActivation. */
  activation?: TfActivation;
  /** Called after every epoch. */
  onEpoch?: (record: EpochRecord) => void;
}

export interface EpochRecord {
  readonly epoch: number;
  /** Mean cross-entropy over the epoch's mini-batches. */
  readonly loss: number;
  /** Seconds since the start of training. */
  readonly seconds: number;
}

export interface TrainResult {
  /** The trained weights in lib/network's layout (float64 copies of tfjs's float32 values). */
  readonly weights: arch.NetworkWeights;
  readonly history: readonly EpochRecord[];
  readonly seconds: number;
  readonly options: { seed: string | number; epochs: number; batchSize: number; learningRate: number; finalEpochs: number; finalLearningRate: number };
}

export const TRAIN_DEFAULTS = { seed: 1, epochs: 8, batchSize: 64, learningRate: 0.003, finalEpochs: 2, finalLearningRate: 0.001 } as const;

/** Glorot-uniform weights from seedrandom (`mnist-init:<seed>`), lib layout. */
export function initialWeights(seed: string | number): arch.NetworkWeights {
  const random = rng(`mnist-init:${seed}`);
  const draw = (n: number, fanIn: number, fanOut: number): Float64Array => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const w = new Float64Array(n);
    // rounded to float32 here, so the variables hold exactly these values
    for (let i = 0; i < n; i++) w[i] = Math.fround((2 * random() - 1) * limit);
    return w;
  };
  const taps = arch.KERNEL_SIDE * arch.KERNEL_SIDE;
  return {
    seed: `mnist-init:${seed}`,
    conv: draw(taps, taps, taps),
    dense1: draw(arch.HIDDEN * arch.KEPT, arch.KEPT, arch.HIDDEN),
    dense2: draw(arch.OUTPUTS * arch.HIDDEN, arch.HIDDEN, arch.OUTPUTS),
  };
}

/** The visiting order of epoch `epoch`: `seededPermutation(n, 'mnist-epoch:<seed>:<epoch>')`. */
export function epochOrder(n: number, seed: string | number, epoch: number): Int32Array {
  return seededPermutation(n, `mnist-epoch:${seed}:${epoch}`);
}

/** Trains (or fine-tunes) the network on `train`; deterministic for given options. */
export async function trainNetwork(train: Digits, options: TrainOptions = {}): Promise<TrainResult> {
  const seed = options.seed ?? TRAIN_DEFAULTS.seed;
  const epochs = requireInteger('epochs', options.epochs ?? TRAIN_DEFAULTS.epochs, 1, 1000);
  const batchSize = requireInteger('batchSize', options.batchSize ?? TRAIN_DEFAULTS.batchSize, 1, 100000);
  const learningRate = options.learningRate ?? TRAIN_DEFAULTS.learningRate;
  if (!(Number.isFinite(learningRate) && learningRate > 0)) throw new InputError('learningRate', `expected a positive number, got ${String(learningRate)}`);
  const finalEpochs = requireInteger('finalEpochs', options.finalEpochs ?? Math.min(TRAIN_DEFAULTS.finalEpochs, epochs - 1), 0, epochs);
  const finalLearningRate = options.finalLearningRate ?? TRAIN_DEFAULTS.finalLearningRate;
  if (!(Number.isFinite(finalLearningRate) && finalLearningRate > 0)) throw new InputError('finalLearningRate', `expected a positive number, got ${String(finalLearningRate)}`);
  if (!train || !(train.count > 0)) throw new InputError('train', 'expected a non-empty set of digits');
  await tfReady();
  const started = Date.now();
  const w = tfVariables(options.initial ?? initialWeights(seed));
  const optimizer = tf.train.adam(learningRate);
  const act = options.activation ?? null;
  const history: EpochRecord[] = [];
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      // Adam reads its step size at every update, so the decay is a plain assignment
      (optimizer as unknown as { learningRate: number }).learningRate = epoch >= epochs - finalEpochs ? finalLearningRate : learningRate;
      const order = epochOrder(train.count, seed, epoch);
      let lossSum = 0, batches = 0;
      for (let s = 0; s < train.count; s += batchSize) {
        const idx = order.subarray(s, Math.min(s + batchSize, train.count));
        const labels = Int32Array.from(idx, (k) => train.labels[k]);
        const loss = tf.tidy(() => {
          const x = patchMatrix(train, idx);
          const y = tf.oneHot(tf.tensor1d(labels, 'int32'), arch.OUTPUTS);
          return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, tfForward(w, x, idx.length, act)) as tf.Scalar, true, [w.conv, w.dense1, w.dense2])!;
        });
        lossSum += (await loss.data())[0];
        loss.dispose();
        batches++;
      }
      const record = { epoch: epoch + 1, loss: lossSum / batches, seconds: (Date.now() - started) / 1000 };
      history.push(record);
      options.onEpoch?.(record);
    }
    return {
      weights: tfWeightsValues(w, `mnist-train:${seed}`),
      history,
      seconds: (Date.now() - started) / 1000,
      options: { seed, epochs, batchSize, learningRate, finalEpochs, finalLearningRate },
    };
  } finally {
    disposeWeights(w);
    optimizer.dispose();
  }
}
