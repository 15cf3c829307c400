/**
 * Training runs as stored records: `trainRecord` trains the ReLU network on the seeded split and
 * describes it as `data/mnist/trained.json`; `finetuneRecord` fine-tunes one network per degree
 * with the best polynomial of that degree in place of ReLU and describes them as
 * `data/mnist/finetuned.json`. `npm run train` and `polyact train` call these.
 */
import { polynomialKernel } from '../network/activation';
import * as arch from '../network/architecture';
import { argmaxLogit, forwardLogits } from '../network/logits';
import { evaluateNetwork, mnistContext, type MnistContext } from './accuracy';
import { digitsHash, mnistSplit, type SplitOptions } from './data';
import { MNIST_DEGREES } from './polynomials';
import { dataScaling, fixedScaling, GRAPH_SCALING, networkInputs, preActivations } from './scaling';
import { accuracyStudy, bestRow } from './study';
import { encodeWeights, FINETUNED_FORMAT, TRAINED_FORMAT, weightsSha256, type FinetunedEntry, type FinetunedFile, type TrainedFile, type TrainedNetwork } from './trained';
import { TRAIN_DEFAULTS, trainNetwork, type EpochRecord, type TrainOptions } from './train';

const LIBRARY = '@tensorflow/tfjs-core 4.22 + @tensorflow/tfjs-backend-cpu (float32)';

export interface RecordOptions extends Omit<TrainOptions, 'initial' | 'activation'> {
  split?: SplitOptions;
}

/** Trains the ReLU network and returns its stored form and the loaded network (as `trainedWeights` would give). */
export async function trainRecord(options: RecordOptions = {}): Promise<{ file: TrainedFile; network: TrainedNetwork }> {
  const split = mnistSplit(options.split);
  const result = await trainNetwork(split.train, options);
  const w = result.weights;
  const test = split.test;
  const { logits } = forwardLogits({ weights: w, kernel: null, scales: GRAPH_SCALING.scales }, networkInputs(test), test.count);
  let correct = 0;
  for (let n = 0; n < test.count; n++) if (argmaxLogit(logits, n) === test.labels[n]) correct++;
  const data = dataScaling(preActivations(w, networkInputs(split.train), split.train.count));
  const fixed = fixedScaling(w);
  const o = result.options;
  const file: TrainedFile = {
    format: TRAINED_FORMAT,
    about: 'The Section 5 network of the paper trained on real MNIST digits (polyact, issue #12). Written by `npm run train`; read with trainedWeights() from lib/mnist.',
    architecture: {
      network: 'input 28x28 -> conv 5x5 valid, one channel, no bias -> activation -> 2x2 mean pool (12x12, row-major) -> keep the first 116 -> dense 116x116, no bias -> activation -> dense 10x116, no bias -> softmax',
      layout: { conv: 'K[u*5 + v], 25 values', dense1: 'G[i*116 + j], output i, input j (13456 values)', dense2: 'kappa[k*116 + i], output k, input i (1160 values)' },
      units: 'Trained on pixels p in [0, 1] (the mnist package\'s values). lib/network runs on x = 200 p; with bounds C, D (graph units) the factors are scales.conv = 1/C on K*x, scales.dense1 = C/D on G d, scales.logits = D/200 on kappa e, which maps conv pre-activations [-C, C] and dense pre-activations [-D, D] onto [-200, 200] and gives the trained logits with ReLU (see lib/mnist/scaling.ts).',
    },
    data: {
      package: 'mnist 1.1.0 (npm, MIT): 10,000 MNIST digits',
      split: { seed: split.seed, train: split.train.count, test: test.count },
      trainSha256: digitsHash(split.train),
      testSha256: digitsHash(test),
    },
    training: {
      library: LIBRARY,
      seed: o.seed, epochs: o.epochs, batchSize: o.batchSize, learningRate: o.learningRate, finalEpochs: o.finalEpochs, finalLearningRate: o.finalLearningRate,
      optimizer: 'Adam (tfjs defaults beta1 0.9, beta2 0.999, epsilon 1e-7), softmax cross-entropy',
      initialiser: 'Glorot uniform from seedrandom `mnist-init:<seed>` (conv, dense1, dense2 in order)',
      order: 'each epoch a Fisher-Yates permutation from seedrandom `mnist-epoch:<seed>:<epoch>`',
      loss: result.history.map((h: EpochRecord) => h.loss),
      seconds: result.seconds,
    },
    accuracy: { test: correct / test.count, correct, images: test.count },
    scaling: {
      rules: 'data: C = max |z1|, D = max |z2| of the ReLU network over the training digits (graph units). fixed: lib/network computeScales(weights, [0, 200], "fixed"), every input with pixels x in [-200, 200] stays inside [-200, 200] (for a polynomial with a range beyond [0, 200] the dense bound grows, see fixedScaling).',
      data: { convBound: data.convBound, denseBound: data.denseBound },
      fixed: { convBound: fixed.convBound, denseBound: fixed.denseBound },
    },
    weights: encodeWeights(w),
  };
  const network: TrainedNetwork = { weights: w, file, split: { train: split.train, test }, dataScaling: data, path: '(in memory)' };
  return { file, network };
}

export interface FinetuneOptions {
  degrees?: readonly number[];
  /** Default 2 epochs at learning rate 0.001, batch 64, seed 1. */
  epochs?: number;
  learningRate?: number;
  batchSize?: number;
  seed?: string | number;
  onProgress?: (message: string) => void;
}

export const FINETUNE_DEFAULTS = { epochs: 2, learningRate: 0.001, batchSize: TRAIN_DEFAULTS.batchSize, seed: 1 } as const;

/**
 * Polynomial-aware fine-tuning: for each degree, the method with the best accuracy on the training
 * digits under the data scaling (before fine-tuning) is put in place of ReLU in the tfjs graph, with the data
 * scaling's factors held fixed, and the trained weights are trained on for a few epochs.
 */
export async function finetuneRecord(ctx: MnistContext = mnistContext(), options: FinetuneOptions = {}): Promise<FinetunedFile> {
  const degrees = options.degrees ?? MNIST_DEGREES;
  const epochs = options.epochs ?? FINETUNE_DEFAULTS.epochs;
  const learningRate = options.learningRate ?? FINETUNE_DEFAULTS.learningRate;
  const batchSize = options.batchSize ?? FINETUNE_DEFAULTS.batchSize;
  const seed = options.seed ?? FINETUNE_DEFAULTS.seed;
  // the polynomial is chosen on (the first 2,000 of) the training digits, so the test digits stay unseen
  const study = accuracyStudy(mnistContext(ctx.network, { on: 'train' }), { rules: ['data'], degrees });
  const scaling = ctx.network.dataScaling;
  const control = await trainNetwork(ctx.network.split.train, { initial: ctx.network.weights, epochs, learningRate, finalEpochs: 0, batchSize, seed: `finetune:${seed}:relu` });
  const controlAccuracy = evaluateNetwork(ctx, null, 'data', { weights: control.weights, scaling }).accuracy;
  options.onProgress?.(`ReLU control: test ${(100 * ctx.relu.accuracy).toFixed(2)}% -> ${(100 * controlAccuracy).toFixed(2)}% in ${control.seconds.toFixed(1)} s`);
  const entries: FinetunedEntry[] = [];
  for (const degree of degrees) {
    const best = bestRow(study.filter((r) => r.degree === degree));
    if (!best) continue;
    const kernel = polynomialKernel(best.polynomial);
    const activation = { q: kernel.q, conv: arch.PIXEL_RANGE[1] / scaling.convBound, dense: arch.PIXEL_RANGE[1] / scaling.denseBound };
    const tuned = await trainNetwork(ctx.network.split.train, { initial: ctx.network.weights, activation, epochs, learningRate, finalEpochs: 0, batchSize, seed: `finetune:${seed}:${degree}` });
    const after = evaluateNetwork(ctx, best.polynomial, 'data', { weights: tuned.weights, scaling });
    const before = evaluateNetwork(ctx, best.polynomial, 'data', { scaling });
    options.onProgress?.(`degree ${degree} (${best.method}): test ${(100 * before.accuracy).toFixed(2)}% -> ${(100 * after.accuracy).toFixed(2)}% in ${tuned.seconds.toFixed(1)} s`);
    entries.push({
      degree, method: best.method,
      chebyshev: Array.from(best.polynomial.coefficients), monomial: best.polynomial.monomial(),
      accuracyBefore: before.accuracy, accuracyAfter: after.accuracy,
      loss: tuned.history.map((h) => h.loss), seconds: tuned.seconds,
      weights: encodeWeights(tuned.weights),
    });
  }
  return {
    format: FINETUNED_FORMAT,
    about: 'Polynomial-aware fine-tuning of data/mnist/trained.json (polyact, issue #12): per degree, the best polynomial under the data scaling replaces ReLU in both layers and training continues. Written by `npm run train`; read with finetunedNetworks() from lib/mnist.',
    baseWeightsSha256: weightsSha256(ctx.network.file.weights),
    scaling: { rule: 'data', convBound: scaling.convBound, denseBound: scaling.denseBound },
    training: { library: LIBRARY, seed, epochs, batchSize, learningRate, selection: 'per degree the method with the best accuracy on the first 2,000 TRAINING digits under the data scaling before fine-tuning (ties: lower mean |f1 - f1*|); scaling factors held fixed; Adam from the trained weights; batch order seedrandom `mnist-epoch:finetune:<seed>:<degree>:<epoch>`' },
    reluControl: { accuracy: controlAccuracy, loss: control.history.map((h) => h.loss), seconds: control.seconds, weights: encodeWeights(control.weights) },
    entries,
  };
}
