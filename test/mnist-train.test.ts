import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import seedrandom from 'seedrandom';
import { mnistSplit, selectDigits } from '../lib/mnist/data';
import { boundsScaling, networkInputs } from '../lib/mnist/scaling';
import { patchMatrix, tf, tfLogits, tfReady, tfVariables } from '../lib/mnist/tf';
import { epochOrder, initialWeights, trainNetwork } from '../lib/mnist/train';
import { polynomialKernel } from '../lib/network/activation';
import { forwardLogits } from '../lib/network/logits';
import { networkPolynomial } from '../lib/network/presets';
import { InputError } from '../lib/errors';

const { train, test } = mnistSplit();
const small = selectDigits(train, Array.from({ length: 400 }, (_, i) => i));

describe('training with tfjs (deterministic)', () => {
  it('the same seed gives bit-identical weights; the loss is finite and below chance', async () => {
    const a = await trainNetwork(small, { epochs: 1, seed: 7 });
    const b = await trainNetwork(small, { epochs: 1, seed: 7 });
    assert.deepEqual(a.weights.conv, b.weights.conv);
    assert.deepEqual(a.weights.dense1, b.weights.dense1);
    assert.deepEqual(a.weights.dense2, b.weights.dense2);
    assert.deepEqual(a.history.map((h) => h.loss), b.history.map((h) => h.loss));
    assert.ok(a.history[0].loss > 0 && a.history[0].loss < Math.log(10), `loss ${a.history[0].loss}`);
    // the weights moved away from the initialisation, and every value is a float32
    assert.notDeepEqual(a.weights.dense1, initialWeights(7).dense1);
    for (const v of a.weights.dense1) assert.equal(Math.fround(v), v);
  });

  it('initial weights: Glorot uniform from seedrandom mnist-init:<seed>, float32, in order conv, dense1, dense2', () => {
    const w = initialWeights(3);
    const r = seedrandom('mnist-init:3');
    const limit = Math.sqrt(6 / 50);
    for (let i = 0; i < 25; i++) assert.equal(w.conv[i], Math.fround((2 * r() - 1) * limit));
    assert.equal(w.dense1[0], Math.fround((2 * r() - 1) * Math.sqrt(6 / 232)));
    assert.ok(w.dense2.every((v) => Math.abs(v) <= Math.sqrt(6 / 126)));
    assert.notDeepEqual(initialWeights(4).conv, w.conv);
  });

  it('epoch order: a seeded permutation, different per epoch', () => {
    const o = epochOrder(1000, 1, 0);
    assert.deepEqual([...o].sort((x, y) => x - y), Array.from({ length: 1000 }, (_, i) => i));
    assert.deepEqual(epochOrder(1000, 1, 0), o);
    assert.notDeepEqual(epochOrder(1000, 1, 1), o);
    assert.notDeepEqual(epochOrder(1000, 2, 0), o);
  });

  it('the im2col convolution equals tf.conv2d (valid, the 20 rows that feed the kept cells)', async () => {
    await tfReady();
    const w = initialWeights(1);
    const idx = [0, 1, 2];
    const mine = tf.tidy(() => tf.matMul(patchMatrix(test, idx), tf.tensor2d(Float32Array.from(w.conv), [25, 1]))).dataSync();
    const x = tf.tensor4d(Float32Array.from(test.images.subarray(0, 3 * 784)), [3, 28, 28, 1]);
    const ref = tf.tidy(() => tf.conv2d(x, tf.tensor4d(Float32Array.from(w.conv), [5, 5, 1, 1]), 1, 'valid')).dataSync();
    x.dispose();
    for (let n = 0; n < 3; n++) for (let k = 0; k < 480; k++) {
      assert.ok(Math.abs(mine[n * 480 + k] - ref[n * 576 + k]) <= 1e-5, `image ${n} conv ${k}`);
    }
  });

  it('the tfjs graph with a polynomial equals lib/network with the same polynomial and scaling', async () => {
    const w = initialWeights(2);
    const p = networkPolynomial('chebyshev-4').polynomial;
    const kernel = polynomialKernel(p);
    const s = boundsScaling(1.5, 3);
    const d = selectDigits(test, [0, 1, 2, 3, 4]);
    const tfz = await tfLogits(w, d, { q: kernel.q, conv: 200 / 1.5, dense: 200 / 3 });
    const { logits } = forwardLogits({ weights: w, kernel, scales: s.scales }, networkInputs(d), d.count);
    for (let i = 0; i < logits.length; i++) assert.ok(Math.abs(tfz[i] - logits[i]) <= 1e-4 * Math.max(1, Math.abs(logits[i])), `${i}: ${tfz[i]} vs ${logits[i]}`);
    // and the variables round-trip
    const v = tfVariables(w);
    assert.deepEqual(Float64Array.from(v.dense2.dataSync()), w.dense2);
    v.conv.dispose(); v.dense1.dispose(); v.dense2.dispose();
  });

  it('bad options are InputErrors', async () => {
    await assert.rejects(trainNetwork(small, { epochs: 0 }), (e: unknown) => e instanceof InputError && e.argument === 'epochs');
    await assert.rejects(trainNetwork(small, { learningRate: -1 }), (e: unknown) => e instanceof InputError && e.argument === 'learningRate');
    await assert.rejects(trainNetwork({ images: new Float64Array(0), labels: new Uint8Array(0), count: 0 }), (e: unknown) => e instanceof InputError && e.argument === 'train');
  });
});
