/**
 * Private inference without SEAL: the float64 mirror against the slow reference network and the
 * fused forward pass, the level count, the activation plan, the parameter chooser's choices and
 * refusals, the packed layout's rotation steps and the key sizes. Fast (< 1 s).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../lib/errors';
import { Polynomial } from '../lib/polynomial';
import { INPUT_SIZE, networkWeights } from '../lib/network/architecture';
import { forwardBatch, Workspace } from '../lib/network/forward';
import { networkModel } from '../lib/network/model';
import { experimentInput } from '../lib/network/inputs';
import { stagedForward } from '../lib/he/network';
import { SimulatedBackend } from '../lib/he/backend';
import { evaluatePlan, evaluatePlanParts, planScheme, simulate } from '../lib/he/schemes';
import { chooseParameters } from '../lib/he/parameters';
import { activationPlan, convPositions, layerWeights, networkLevels } from '../lib/he/inference/network';
import { inferenceNetwork } from '../lib/he/inference/model';
import { mirrorForward } from '../lib/he/inference/mirror';
import { chooseNetworkParameters, maxScaleBits, networkErrorBound } from '../lib/he/inference/parameters';
import { packedGaloisSteps, packedBlocks, packedCiphertexts } from '../lib/he/inference/packed';
import { evaluationKeyBytes, keySwitchingKeyBytes } from '../lib/he/inference/keys';
import { experimentImages, randomSource } from '../lib/he/inference/source';
import { argmax, compareLogits } from '../lib/he/inference/report';
import { referenceForward } from './network-reference';
import { combineClocks, splitRange } from '../lib/he/inference/parallel';
import { cellReads, columnOrder, peakLivePixels } from '../lib/he/inference/batch';
import { PhaseClock, phaseSeconds } from '../lib/he/inference/timing';

const net = inferenceNetwork();
const images = experimentImages(1, 5);

test('experimentImages = experimentInput, image by image (across a chunk boundary too)', () => {
  for (let i = 0; i < 5; i++) assert.deepEqual(Array.from(images.subarray(i * INPUT_SIZE, (i + 1) * INPUT_SIZE)), Array.from(experimentInput(1, i)));
  const across = experimentImages(2, 4098);
  assert.deepEqual(Array.from(across.subarray(4097 * INPUT_SIZE)), Array.from(experimentInput(2, 4097)));
});

test('mirror: every layer and all 10 logits equal the slow reference network; f1 equals stagedForward and the fused pass', async () => {
  const m = mirrorForward(net, images, 5);
  const model = networkModel({ poly: 'paper-best-4' });
  const ws = new Workspace(5);
  ws.inputs.set(images);
  const fused = forwardBatch(model, ws.inputs, 5, ws);
  const staged = await stagedForward(model, Array.from({ length: 5 }, (_, i) => images.slice(i * INPUT_SIZE, (i + 1) * INPUT_SIZE)), (pre) => net.polynomial.evaluateMany(pre));
  const positions = convPositions(net);
  const close = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
  for (let n = 0; n < 5; n++) {
    const ref = referenceForward(model, images.subarray(n * INPUT_SIZE, (n + 1) * INPUT_SIZE), true);
    positions.forEach((c, i) => close(200 * m.layers.conv[n * 464 + i], ref.conv[Math.floor(c / 24)][c % 24], `conv ${i}`));
    ref.pooled.forEach((v, k) => close(m.layers.pool[n * 116 + k], v, `pool ${k}`));
    ref.hidden.forEach((v, i) => close(200 * m.layers.dense1[n * 116 + i], v, `dense1 ${i}`));
    ref.logits.forEach((v, r) => close(m.layers.dense2[n * 10 + r], v, `logit ${r}`));
    assert.equal(m.f1[n], staged.f1[n]); // the same arithmetic, bit for bit
    close(m.f1[n], fused.f1Star[n], 'f1 vs the fused pass');
  }
});

test('a prefix slice keeps the full network\'s scale factors and uses the first cells / hidden units', () => {
  const s = inferenceNetwork({ cells: 3, hidden: 2 });
  assert.deepEqual(s.scales, net.scales);
  const w = layerWeights(s), full = layerWeights(net);
  assert.equal(w.dense1.length, 2 * 3);
  assert.equal(w.dense1[1 * 3 + 2], full.dense1[1 * 116 + 2]);
  assert.equal(w.dense2[9 * 2 + 1], full.dense2[9 * 116 + 1]);
  assert.throws(() => inferenceNetwork({ cells: 0 }), InputError);
  assert.throws(() => inferenceNetwork({ hidden: 117 }), InputError);
});

test('window units: conv taps s_conv K / h, dense 1 per pooled member s_d1 G / (4 h), dense 2 s_L kappa, no shift on [-200, 200]', () => {
  const w = layerWeights(net), W = networkWeights(1);
  assert.equal(w.conv[7], (net.scales.conv * W.conv[7]) / 200);
  assert.equal(w.dense1[5 * 116 + 9], (net.scales.dense1 * W.dense1[5 * 116 + 9]) / 800);
  assert.equal(w.dense2[3 * 116 + 4], net.scales.logits * W.dense2[3 * 116 + 4]);
  assert.equal(w.shift, -0);
  // An interval [0, 400]: m = 200, h = 200, shift -1.
  const shifted = inferenceNetwork({ poly: Polynomial.fromMonomial([1, 0.5], [0, 400]), scales: net.scales });
  assert.equal(layerWeights(shifted).shift, -1);
});

test('levels: conv 1 + act d + pool 0 + dense 1 + act d + dense 1 = 2d + 3 (9 for the degree-4 activation)', () => {
  const plan = activationPlan(net, 36);
  assert.equal(plan.depth, 3);
  assert.equal(simulate(plan).counts.nonscalar, 2); // T2 and q T2 (the default tree needs 3)
  assert.equal(simulate(planScheme(net.polynomial, 'tree')).counts.nonscalar, 3);
  const levels = networkLevels(plan.depth);
  assert.deepEqual(levels.perLayer, { conv: 1, act1: 3, pool: 0, dense1: 1, act2: 3, dense2: 1 });
  assert.equal(levels.depth, 9);
});

test('evaluatePlan from a deeper input lands depth levels below it; evaluatePlanParts: factor x factor + rest = p', () => {
  const sim = new SimulatedBackend(2 ** 36);
  const t = [-1, -0.3, 0.2, 0.9];
  const input = { values: Float64Array.from(t), level: 1, scale: 2 ** 36 };
  const plan = activationPlan(net, 36);
  const out = evaluatePlan(sim, input, plan);
  assert.equal(out.level, 4);
  t.forEach((x, i) => assert.ok(Math.abs(out.values[i] - net.polynomial.evaluate(200 * x)) < 1e-12 * 200));
  const parts = evaluatePlanParts(sim, input, plan);
  assert.ok(parts.factors !== null && typeof parts.rest !== 'number');
  const [f, g] = parts.factors!;
  const rest = parts.rest as { values: Float64Array; level: number };
  assert.equal(Math.max(f.level, g.level) + 1, 4);
  assert.equal(rest.level, 4);
  t.forEach((x, i) => assert.ok(Math.abs(f.values[i] * g.values[i] + rest.values[i] - net.polynomial.evaluate(200 * x)) < 1e-12 * 200));
  const outScaled = evaluatePlan(sim, input, plan, 2 ** 29);
  assert.equal(outScaled.scale, 2 ** 29);
  assert.throws(() => evaluatePlan(sim, input, planScheme(net.polynomial, 'horner'), 2 ** 29), InputError);
});

test('parameters: depth 9 at the largest scale that fits the smallest N: N = 16384, scale 2^36, 434 of 438 bits (the prototype\'s), 60-bit special prime', () => {
  const c = chooseNetworkParameters(net);
  assert.equal(c.depth, 9);
  assert.equal(c.parameters.polyModulusDegree, 16384);
  assert.equal(c.parameters.scaleBits, 36);
  assert.deepEqual(c.parameters.coeffModulusBits, [50, 36, 36, 36, 36, 36, 36, 36, 36, 36, 60]);
  assert.equal(c.parameters.totalBits, 434);
  assert.equal(c.parameters.maxBits, 438);
  // The trade-off: N = 8192 holds no scale >= 20 bits at depth 9, N = 32768 up to 46 (q0 <= 60 bits then binds).
  assert.deepEqual(c.tradeoff.map((o) => [o.polyModulusDegree, o.maxScaleBits]), [[4096, null], [8192, null], [16384, 36], [32768, 46]]);
  assert.equal(maxScaleBits(9, 16384), 36);
  // 37 bits would need 50 + 1 + 333 + 60 = 444 > 438.
  assert.equal(chooseParameters(9, { scaleBits: 37, magnitude: 16, specialBits: 60 }).polyModulusDegree, 32768);
  // The old estimate's N = 32768 only follows from a 2^40 scale.
  assert.equal(chooseNetworkParameters(net, { scaleBits: 40 }).parameters.polyModulusDegree, 32768);
  assert.equal(chooseNetworkParameters(net, { scaleBits: 30 }).parameters.polyModulusDegree, 16384);
  assert.match(c.summary, /N = 16384.*434 of 438 bits.*bounds the logit error by/);
  assert.ok(c.precisionBits > 10 && c.precisionBits < 30, String(c.precisionBits));
  // More scale, less error: the bound at 2^36 is 2^10 times the one at 2^46 up to the N factor (16384 vs 32768).
  const b36 = c.tradeoff[2].logitErrorBound!, b46 = c.tradeoff[3].logitErrorBound!;
  assert.ok(b46 < b36 / 256, `${b46} vs ${b36}`);
});

test('parameters refuse clearly when nothing fits', () => {
  const refuses = (f: () => unknown, argument: string, pattern: RegExp): void => {
    try {
      f();
      assert.fail('expected an InputError');
    } catch (e) {
      assert.ok(e instanceof InputError, String(e));
      assert.equal(e.argument, argument);
      assert.match(e.message, pattern);
    }
  };
  refuses(() => chooseNetworkParameters(net, { scaleBits: 58 }), 'scaleBits', /60-bit limit; use at most 46 scale bits/);
  refuses(() => chooseNetworkParameters(net, { minScaleBits: 50 }), 'minScaleBits', /no ring dimension with a scale of at least 50 bits.*N = 16384: 36, N = 32768: 46/);
  refuses(() => chooseNetworkParameters(net, { polyModulusDegree: 8192 }), 'polyModulusDegree', /N = 8192: none/);
  refuses(() => chooseNetworkParameters(net, { scaleBits: 40, polyModulusDegree: 16384 }), 'polyModulusDegree', /allows at most 438/);
  refuses(() => chooseNetworkParameters(net, { polyModulusDegree: 12345 }), 'polyModulusDegree', /expected one of/);
  refuses(() => chooseNetworkParameters(net, { scaleBits: 19 }), 'scaleBits', /20\.\.58/);
});

test('the a priori bound grows with N / Delta and with the layout\'s noise', () => {
  const plan = activationPlan(net, 36);
  const a = networkErrorBound(net, plan, { polyModulusDegree: 16384, scaleBits: 36 });
  const b = networkErrorBound(net, plan, { polyModulusDegree: 16384, scaleBits: 37 });
  assert.ok(Math.abs(a.logits / b.logits - 2) < 0.05, `${a.logits / b.logits}`); // almost every term is N / Delta
  const packed = networkErrorBound(net, plan, { polyModulusDegree: 16384, scaleBits: 36 }, { noise: { fresh: { conv: 5, dense1: 11, dense2: 10 }, rho: 128, weightError: 4 * Math.sqrt(16384 / 12) } });
  assert.ok(packed.logits > a.logits);
  for (const v of Object.values(a.perLayer)) assert.ok(v > 0 && Number.isFinite(v));
});

test('packed layout: 15 Galois keys at N = 16384 (8 blocks: 4 client ciphertexts), the steps it rotates by', () => {
  assert.deepEqual(packedGaloisSteps(8192), [1, 2, 4, 8, 16, 32, 64, 128, 192, 256, 512, 768, 1024, 2048, 4096]);
  assert.deepEqual(packedGaloisSteps(8192, { blocks: 16 }), [1, 2, 4, 8, 16, 32, 64, 128, 192, 256, 512, 768, 1024, 2048, 4096]);
  assert.deepEqual(packedGaloisSteps(8192, { blocks: 2 }), [1, 2, 4, 8, 16, 32, 64, 128, 192, 256, 512, 768, 1024, 2048, 4096]);
  assert.equal(packedGaloisSteps(16384).length, 16); // + 8192 for dense 2's sum at N = 32768
  assert.equal(packedCiphertexts(8), 4);
  assert.equal(packedCiphertexts(16), 2);
  assert.equal(packedCiphertexts(2), 13);
  assert.throws(() => packedBlocks(8192, { blocks: 3 }), InputError);
  assert.throws(() => packedBlocks(4096), InputError);
});

test('key sizes: 2 L (L + 1) N x 8 bytes per key; the packed layout\'s 15 + 1 keys at N = 16384 are 440 MiB', () => {
  assert.equal(keySwitchingKeyBytes(16384, 10), 2 * 10 * 11 * 16384 * 8);
  const p = chooseNetworkParameters(net).parameters;
  assert.equal(evaluationKeyBytes(p, 15), 16 * 28835840);
  assert.equal(Math.round(evaluationKeyBytes(p, 15) / 2 ** 20), 440);
  assert.equal(evaluationKeyBytes(p, 0), 28835840);
});

test('sources: random network and inputs', () => {
  const s = randomSource(3, { weightSeed: 2, inputSeed: 5 });
  assert.equal(s.count, 3);
  assert.deepEqual(Array.from(s.net.weights.conv), Array.from(networkWeights(2).conv));
  assert.deepEqual(Array.from(s.images.subarray(INPUT_SIZE, 2 * INPUT_SIZE)), Array.from(experimentInput(5, 1)));
  assert.match(s.description, /weight seed 2.*3 random inputs \(seed 5\)/);
});

test('logit comparison: max error, f1 error, argmax agreement and precision bits = -log2(max error / logit range)', () => {
  const m = mirrorForward(net, images, 2);
  const exact = compareLogits(Float64Array.from(m.layers.dense2), m);
  assert.equal(exact.maxLogitError, 0);
  assert.equal(exact.argmaxAgreement, 2);
  const off = Float64Array.from(m.layers.dense2);
  off[3] += 1e-6;
  const c = compareLogits(off, m);
  assert.ok(Math.abs(c.maxLogitError - 1e-6) < 1e-15);
  let lo = Infinity, hi = -Infinity;
  for (const z of m.layers.dense2) { lo = Math.min(lo, z); hi = Math.max(hi, z); }
  assert.equal(c.logitRange, hi - lo);
  assert.ok(Math.abs(c.precisionBits - -Math.log2(c.maxLogitError / (hi - lo))) < 1e-12);
  // Swap the top logit of image 0 away: argmax disagrees once.
  const swapped = Float64Array.from(m.layers.dense2);
  swapped[argmax(swapped, 0)] -= 10;
  assert.equal(compareLogits(swapped, m).argmaxAgreement, 1);
});

test('worker split: contiguous balanced ranges; combined clocks take the slowest worker per phase plus the main thread', () => {
  assert.deepEqual(splitRange(116, 2), [[0, 58], [58, 116]]);
  assert.deepEqual(splitRange(7, 3), [[0, 2], [2, 4], [4, 7]]);
  assert.deepEqual(splitRange(5, 1), [[0, 5]]);
  const clock = (conv: number, relin: number) => ({ ms: { ...new PhaseClock().ms, conv, decrypt: 1 }, keySwitches: { relinearize: relin, rotate: 0 } });
  const c = combineClocks([clock(10, 3), clock(12, 4)], clock(0, 1));
  assert.equal(c.ms.conv, 12);
  assert.equal(c.ms.decrypt, 2);
  assert.deepEqual(c.keySwitches, { relinearize: 8, rotate: 0 });
  const s = phaseSeconds(c.ms);
  assert.equal(s.evaluate.conv, 0.012);
  assert.equal(s.evaluateTotal, 0.012);
});

test('batch streaming: column by column keeps 108 pixel ciphertexts alive for all cells (124 row by row), 68 for each worker\'s half', () => {
  const reads = cellReads(net);
  assert.ok(reads.every((r) => r.length === 36)); // a 6 x 6 patch per pooled cell
  const rows = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);
  assert.equal(peakLivePixels(reads, rows(0, 116)), 124);
  assert.equal(peakLivePixels(reads, columnOrder(0, 116)), 108);
  assert.equal(peakLivePixels(reads, columnOrder(0, 58)), 68);
  assert.equal(peakLivePixels(reads, columnOrder(58, 116)), 68);
  assert.deepEqual(columnOrder(10, 14), [12, 13, 10, 11]); // columns 0, 1, 10, 11 of rows 1, 1, 0, 0
});
