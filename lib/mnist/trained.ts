/**
 * The stored trained networks (`data/mnist/trained.json`, `data/mnist/finetuned.json`): written by
 * `npm run train`, read by the notebook, the CLI and the encrypted-inference code, so `npm start`
 * never trains. Each file is self-describing: the architecture and weight layout, the units and
 * scaling, the split and the SHA-256 of the exact training digits (checked on load), the training
 * options and history, and the test accuracy (as lib/network computes it, checked by the tests).
 *
 * Weights are float32 (what tfjs trained) stored exactly as little-endian base64.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../errors';
import { writeFileAtomic } from '../files';
import * as arch from '../network/architecture';
import { digitsHash, mnistSplit, type Digits } from './data';
import { boundsScaling, type MnistScaling } from './scaling';

export const TRAINED_FORMAT = 'polyact-mnist-network/1';
export const FINETUNED_FORMAT = 'polyact-mnist-finetuned/1';

/** The weights as stored: float32 little-endian, base64, lib/network layout. */
export interface StoredWeights {
  readonly encoding: 'float32-le-base64';
  readonly conv: string;
  readonly dense1: string;
  readonly dense2: string;
}

/** The JSON of `data/mnist/trained.json`. */
export interface TrainedFile {
  readonly format: typeof TRAINED_FORMAT;
  readonly about: string;
  readonly architecture: {
    readonly network: string;
    readonly layout: { readonly conv: string; readonly dense1: string; readonly dense2: string };
    readonly units: string;
  };
  readonly data: {
    readonly package: string;
    readonly split: { readonly seed: string | number; readonly train: number; readonly test: number };
    readonly trainSha256: string;
    readonly testSha256: string;
  };
  readonly training: {
    readonly library: string;
    readonly seed: string | number;
    readonly epochs: number;
    readonly batchSize: number;
    readonly learningRate: number;
    /** The last `finalEpochs` epochs ran at `finalLearningRate` (step decay). */
    readonly finalEpochs: number;
    readonly finalLearningRate: number;
    readonly optimizer: string;
    readonly initialiser: string;
    readonly order: string;
    /** Mean training cross-entropy per epoch. */
    readonly loss: readonly number[];
    readonly seconds: number;
  };
  /** Test accuracy of the exact-ReLU network (lib/network's float64 forward pass). */
  readonly accuracy: { readonly test: number; readonly correct: number; readonly images: number };
  /** Bounds (graph units, see scaling.ts) of both scaling rules for the ReLU network. */
  readonly scaling: {
    readonly rules: string;
    readonly data: { readonly convBound: number; readonly denseBound: number };
    readonly fixed: { readonly convBound: number; readonly denseBound: number };
  };
  readonly weights: StoredWeights;
}

/** One fine-tuned network of `data/mnist/finetuned.json`. */
export interface FinetunedEntry {
  readonly degree: number;
  /** The fit method of the polynomial (e.g. `minimax`). */
  readonly method: string;
  /** The polynomial on [-200, 200]: Chebyshev coefficients (ascending) and, for display, monomial ones. */
  readonly chebyshev: readonly number[];
  readonly monomial: readonly number[];
  /** Test accuracy of the polynomial network before and after fine-tuning (lib/network forward pass). */
  readonly accuracyBefore: number;
  readonly accuracyAfter: number;
  readonly loss: readonly number[];
  readonly seconds: number;
  readonly weights: StoredWeights;
}

export interface FinetunedFile {
  readonly format: typeof FINETUNED_FORMAT;
  readonly about: string;
  /** SHA-256 of the base network's stored weights (trained.json's `weights`), so a retrained base invalidates this file. */
  readonly baseWeightsSha256: string;
  /** The scaling every entry was fine-tuned and is evaluated with (the data rule of the base network). */
  readonly scaling: { readonly rule: 'data'; readonly convBound: number; readonly denseBound: number };
  readonly training: { readonly library: string; readonly seed: string | number; readonly epochs: number; readonly batchSize: number; readonly learningRate: number; readonly selection: string };
  /**
   * The control: the ReLU network trained on with the same schedule. Fine-tuning is extra
   * training, so a polynomial network is compared with this as well as with the base network.
   */
  readonly reluControl: { readonly accuracy: number; readonly loss: readonly number[]; readonly seconds: number; readonly weights: StoredWeights };
  readonly entries: readonly FinetunedEntry[];
}

function encode(v: Float64Array): string {
  const f = Float32Array.from(v);
  for (let i = 0; i < v.length; i++) {
    if (f[i] !== v[i]) throw new InputError('weights', `value ${v[i]} at ${i} is not a float32 (the stored weights are float32)`);
  }
  return Buffer.from(f.buffer, f.byteOffset, f.byteLength).toString('base64');
}

function decode(s: string, n: number, name: string): Float64Array {
  const bytes = Buffer.from(s, 'base64');
  if (bytes.length !== 4 * n) throw new InputError(name, `expected ${n} float32 values (${4 * n} bytes), got ${bytes.length} bytes`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = bytes.readFloatLE(4 * i);
  return out;
}

export function encodeWeights(w: arch.NetworkWeights): StoredWeights {
  return { encoding: 'float32-le-base64', conv: encode(w.conv), dense1: encode(w.dense1), dense2: encode(w.dense2) };
}

export function decodeWeights(s: StoredWeights, seed: string): arch.NetworkWeights {
  if (s?.encoding !== 'float32-le-base64') throw new InputError('weights.encoding', `expected 'float32-le-base64', got ${String(s?.encoding)}`);
  return {
    seed,
    conv: decode(s.conv, arch.KERNEL_SIDE * arch.KERNEL_SIDE, 'weights.conv'),
    dense1: decode(s.dense1, arch.HIDDEN * arch.KEPT, 'weights.dense1'),
    dense2: decode(s.dense2, arch.OUTPUTS * arch.HIDDEN, 'weights.dense2'),
  };
}

/** SHA-256 of the stored weight strings (identifies a trained network). */
export function weightsSha256(s: StoredWeights): string {
  return createHash('sha256').update(s.conv).update(s.dense1).update(s.dense2).digest('hex');
}

/** `data/mnist` of the project (found from this file, or from the working directory under tslab). */
export function mnistDataDir(): string {
  for (const dir of [resolve(__dirname, '../../data/mnist'), resolve(process.cwd(), 'data/mnist')]) {
    if (existsSync(dir)) return dir;
  }
  return resolve(__dirname, '../../data/mnist');
}

export const TRAINED_FILE = 'trained.json';
export const FINETUNED_FILE = 'finetuned.json';

function readJson<T>(file: string, format: string): T {
  if (!existsSync(file)) throw new InputError('file', `${file} does not exist; run \`npm run train\``);
  const json = JSON.parse(readFileSync(file, 'utf8')) as { format?: string };
  if (json.format !== format) throw new InputError('file', `${file}: expected format '${format}', got '${String(json.format)}'`);
  return json as T;
}

/** The trained network, ready for lib/network and lib/mnist. */
export interface TrainedNetwork {
  readonly weights: arch.NetworkWeights;
  readonly file: TrainedFile;
  /** The split the network was trained on (the test digits never seen in training). */
  readonly split: { readonly train: Digits; readonly test: Digits };
  /** The data-chosen scaling (bounds = max |pre-activation| over the training digits). */
  readonly dataScaling: MnistScaling;
  readonly path: string;
}

/**
 * Loads `data/mnist/trained.json` (or `path`), decodes the weights and rebuilds the split; checks
 * that the training and test digits hash to the stored SHA-256 (the data it was trained on).
 */
export function trainedWeights(path = join(mnistDataDir(), TRAINED_FILE)): TrainedNetwork {
  const file = readJson<TrainedFile>(path, TRAINED_FORMAT);
  const weights = decodeWeights(file.weights, `trained:${String(file.training.seed)}`);
  const split = mnistSplit(file.data.split);
  const trainHash = digitsHash(split.train), testHash = digitsHash(split.test);
  if (trainHash !== file.data.trainSha256 || testHash !== file.data.testSha256) {
    throw new InputError('file', `${path}: the digits of split ${JSON.stringify(file.data.split)} do not hash to the stored SHA-256 (data changed?)`);
  }
  const dataScaling = boundsScaling(file.scaling.data.convBound, file.scaling.data.denseBound, 'data');
  return { weights, file, split: { train: split.train, test: split.test }, dataScaling, path };
}

/** Loads `data/mnist/finetuned.json` and checks it belongs to `base` (the stored base weights). */
export function finetunedNetworks(base: TrainedNetwork, path = join(mnistDataDir(), FINETUNED_FILE)): { file: FinetunedFile; entries: (FinetunedEntry & { network: arch.NetworkWeights })[]; scaling: MnistScaling; reluControl: arch.NetworkWeights } {
  const file = readJson<FinetunedFile>(path, FINETUNED_FORMAT);
  if (file.baseWeightsSha256 !== weightsSha256(base.file.weights)) {
    throw new InputError('file', `${path} was fine-tuned from other base weights than ${base.path}; run \`npm run train\``);
  }
  const scaling = boundsScaling(file.scaling.convBound, file.scaling.denseBound, 'data');
  return {
    file, scaling,
    entries: file.entries.map((e) => ({ ...e, network: decodeWeights(e.weights, `finetuned:${e.method}-${e.degree}`) })),
    reluControl: decodeWeights(file.reluControl.weights, 'finetuned:relu'),
  };
}

/** Writes a stored file atomically (pretty enough to diff the metadata; weights stay one line each). */
export function writeStored(path: string, value: TrainedFile | FinetunedFile): void {
  writeFileAtomic(path, JSON.stringify(value, null, 1) + '\n');
}
