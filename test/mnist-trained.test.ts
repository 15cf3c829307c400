import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { evaluateNetwork, mnistContext } from '../lib/mnist/accuracy';
import { boundsScaling, dataScaling, fixedScaling, GRAPH_SCALING, networkInputs, preActivations } from '../lib/mnist/scaling';
import { methodPolynomial, MNIST_METHODS, polynomialFromChebyshev } from '../lib/mnist/polynomials';
import { finetuneStudy } from '../lib/mnist/report';
import { tfLogits } from '../lib/mnist/tf';
import { mnistDataDir, TRAINED_FILE, trainedWeights } from '../lib/mnist/trained';
import { argmaxLogit, forwardLogits } from '../lib/network/logits';
import { networkPolynomial } from '../lib/network/presets';
import { Polynomial } from '../lib/polynomial';
import { InputError } from '../lib/errors';

const net = trainedWeights();
const ctx = mnistContext(net);
const test = net.split.test;

describe('the stored trained network (data/mnist/trained.json)', () => {
  it('loads with the training digits\' hash verified; the stored accuracy is exactly what lib/network computes', () => {
    assert.equal(net.file.data.split.train, 8000);
    assert.equal(net.file.data.split.test, 2000);
    assert.equal(ctx.relu.correct, net.file.accuracy.correct);
    assert.equal(ctx.relu.accuracy, net.file.accuracy.test);
    assert.ok(ctx.relu.accuracy > 0.9, `accuracy ${ctx.relu.accuracy}`);
  });

  it('the stored scaling bounds are the documented rules, recomputed', () => {
    const data = dataScaling(preActivations(net.weights, networkInputs(net.split.train), net.split.train.count));
    assert.equal(data.convBound, net.file.scaling.data.convBound);
    assert.equal(data.denseBound, net.file.scaling.data.denseBound);
    const fixed = fixedScaling(net.weights);
    assert.equal(fixed.convBound, net.file.scaling.fixed.convBound);
    assert.equal(fixed.denseBound, net.file.scaling.fixed.denseBound);
    // fixed conv bound = 200 sum|K| / 200 / MARGIN in graph units: max over every input in [-200, 200]
    const kSum = net.weights.conv.reduce((s, v) => s + Math.abs(v), 0);
    assert.ok(Math.abs(fixed.convBound - kSum) <= 1e-11 * kSum);
    assert.ok(data.convBound <= fixed.convBound && data.denseBound <= fixed.denseBound);
  });

  it('tfjs\'s own predictions of the stored model: same argmax on every test digit, logits equal to float32 precision', async () => {
    const tfz = await tfLogits(net.weights, test);
    const { logits } = forwardLogits({ weights: net.weights, kernel: null, scales: GRAPH_SCALING.scales }, networkInputs(test), test.count);
    let worst = 0;
    for (let n = 0; n < test.count; n++) {
      let scale = 0;
      for (let k = 0; k < 10; k++) scale = Math.max(scale, Math.abs(logits[n * 10 + k]));
      for (let k = 0; k < 10; k++) worst = Math.max(worst, Math.abs(tfz[n * 10 + k] - logits[n * 10 + k]) / scale);
      assert.equal(argmaxLogit(Float64Array.from(tfz.subarray(n * 10, n * 10 + 10)), 0), argmaxLogit(logits, n), `digit ${n}`);
    }
    assert.ok(worst <= 1e-5, `largest relative logit difference ${worst}`);
  });

  it('ReLU under any scaling gives the same predictions (positive homogeneity)', () => {
    for (const rule of ['fixed', 'data', [0.3, 900]] as const) {
      const r = evaluateNetwork(ctx, null, rule);
      assert.deepEqual(r.predictions, ctx.relu.predictions, String(rule));
      assert.ok(r.maxDeviation <= 1e-12);
      assert.equal(r.outOfRange.all, 0);
    }
  });

  it('a polynomial equal to ReLU on every pre-activation reproduces the ReLU network exactly', () => {
    // |K| and |G| with pixels >= 0 make every pre-activation >= 0, where ReLU(x) = x = p(x)
    const w = { ...net.weights, conv: net.weights.conv.map(Math.abs), dense1: net.weights.dense1.map(Math.abs) };
    const identity = Polynomial.fromMonomial([0, 1], [-200, 200]);
    const reluNet = evaluateNetwork(ctx, null, 'data', { weights: w, scaling: boundsScaling(100, 1000) });
    const polyNet = evaluateNetwork(ctx, identity, 'data', { weights: w, scaling: boundsScaling(100, 1000) });
    assert.equal(polyNet.outOfRange.all, 0);
    assert.deepEqual(polyNet.predictions, reluNet.predictions);
    assert.equal(polyNet.accuracy, reluNet.accuracy);
  });

  it('the fixed scaling keeps every pre-activation inside [-200, 200] on real digits (the proof, measured)', () => {
    const hist = { edges: [-200, 0, 200], counts: [1, 3] };
    for (const p of [networkPolynomial('paper-best-4').polynomial, methodPolynomial('minimax', 8)!, methodPolynomial('weighted', 6, hist)!]) {
      const r = evaluateNetwork(ctx, p, 'fixed');
      assert.equal(r.outOfRange.all, 0);
      assert.ok(r.accuracy >= 0 && r.accuracy <= 1 && r.testImages === 2000);
    }
  });

  it('the fine-tuned networks (data/mnist/finetuned.json): stored accuracies are what lib/network computes from the stored weights', () => {
    const ft = finetuneStudy(ctx);
    assert.deepEqual(ft.rows.map((r) => r.degree), [2, 3, 4, 5, 6, 7, 8]);
    for (const r of ft.rows) {
      assert.ok((MNIST_METHODS as readonly string[]).includes(r.method));
      assert.equal(r.accuracyAfter, r.storedAfter, `degree ${r.degree}`);
    }
    assert.equal(ft.control.accuracy, ft.control.storedAccuracy);
    // "before" is the base network with that polynomial under the data scaling
    const e = ft.rows[2];
    const p = polynomialFromChebyshev(JSON.parse(readFileSync(join(mnistDataDir(), 'finetuned.json'), 'utf8')).entries[2].chebyshev);
    assert.equal(evaluateNetwork(ctx, p, 'data').accuracy, e.accuracyBefore);
  });

  it('a file whose digits do not hash to the stored SHA-256, or with a wrong format, is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'polyact-mnist-'));
    try {
      const json = JSON.parse(readFileSync(join(mnistDataDir(), TRAINED_FILE), 'utf8'));
      const f1 = join(dir, 'other-split.json');
      writeFileSync(f1, JSON.stringify({ ...json, data: { ...json.data, split: { ...json.data.split, seed: 2 } } }));
      assert.throws(() => trainedWeights(f1), (e: unknown) => e instanceof InputError && /SHA-256/.test(e.message));
      const f2 = join(dir, 'format.json');
      writeFileSync(f2, JSON.stringify({ ...json, format: 'other/1' }));
      assert.throws(() => trainedWeights(f2), (e: unknown) => e instanceof InputError && /format/.test(e.message));
      const f3 = join(dir, 'short.json');
      writeFileSync(f3, JSON.stringify({ ...json, weights: { ...json.weights, conv: Buffer.alloc(8).toString('base64') } }));
      assert.throws(() => trainedWeights(f3), (e: unknown) => e instanceof InputError && e.argument === 'weights.conv');
      assert.throws(() => trainedWeights(join(dir, 'missing.json')), (e: unknown) => e instanceof InputError && /npm run train/.test(e.message));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
