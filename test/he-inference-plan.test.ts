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
import { evaluatePlan, evaluatePlanParts, planInputScale, planScheme, simulate } from '../lib/he/schemes';
import { chooseParameters } from '../lib/he/parameters';
import { activationPlan, convPositions, layerWeights, networkLevels } from '../lib/he/inference/network';
import { inferenceNetwork } from '../lib/he/inference/model';
import { mirrorForward } from '../lib/he/inference/mirror';
import { chooseNetworkParameters, MAX_NETWORK_SCALE_BITS, maxScaleBits, networkErrorBound } from '../lib/he/inference/parameters';
import { packedGaloisSteps, packedBlocks, packedCiphertexts } from '../lib/he/inference/packed';
import { evaluationKeyBytes, keySwitchingKeyBytes } from '../lib/he/inference/keys';
import { experimentImages, randomSource } from '../lib/he/inference/source';
import { argmax, compareLogits } from '../lib/he/inference/report';
import { referenceForward } from './network-reference';
import { combineClocks, splitRange } from '../lib/he/inference/parallel';
import { cellReads, columnOrder, peakLivePixels } from '../lib/he/inference/batch';
import { PhaseClock, phaseSeconds } from '../lib/he/inference/timing';
import { depressedQuartic, isFoldedQuartic } from '../lib/he/inference/quartic';

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

test('window units: conv taps s_conv K / h, dense 1 per pooled member s_d1 G / (4 h), dense 2 s_L kappa, no shift on [-200, 200]; a folded plan\'s alpha folds into conv and dense 1', () => {
  const w = layerWeights(net), W = networkWeights(1);
  assert.equal(w.conv[7], (net.scales.conv * W.conv[7]) / 200);
  assert.equal(w.dense1[5 * 116 + 9], (net.scales.dense1 * W.dense1[5 * 116 + 9]) / 800);
  assert.equal(w.dense2[3 * 116 + 4], net.scales.logits * W.dense2[3 * 116 + 4]);
  assert.equal(w.shift, -0);
  assert.equal(w.inputFactor, 1);
  // An interval [0, 400]: m = 200, h = 200, shift -1.
  const shifted = inferenceNetwork({ poly: Polynomial.fromMonomial([1, 0.5, 0.001], [0, 400]), scales: net.scales });
  assert.equal(layerWeights(shifted).shift, -1);
  // The folded plan: u = alpha t out of conv and dense 1 (shift too), dense 2 unchanged.
  const plan = planScheme(net.polynomial, 'folded'), alpha = plan.inputFactor!;
  const f = layerWeights(net, plan);
  assert.equal(f.inputFactor, alpha);
  assert.equal(f.conv[7], (alpha * net.scales.conv * W.conv[7]) / 200);
  assert.equal(f.dense1[5 * 116 + 9], (alpha * net.scales.dense1 * W.dense1[5 * 116 + 9]) / 800);
  assert.equal(f.dense2[3 * 116 + 4], w.dense2[3 * 116 + 4]);
  const fs = layerWeights(shifted, planScheme(shifted.polynomial, 'folded'));
  assert.ok(Math.abs(fs.shift + fs.inputFactor) < 1e-15);
});

test('levels: conv 1 + act d + pool 0 + dense 1 + act d + dense 1 = 2d + 3 (7 for the degree-4 activation folded, 9 with the tree)', () => {
  const plan = activationPlan(net, 45);
  assert.equal(plan.scheme, 'folded');
  assert.equal(plan.depth, 2);
  assert.ok(Math.abs(plan.inputFactor! - 82.848 ** 0.25) < 1e-3); // |t^4 coefficient| = 8 |c_4| = 82.848
  assert.equal(simulate(plan).counts.nonscalar, 2); // u^2 and (-u^2 + a3 u + a2) u^2
  const levels = networkLevels(plan.depth);
  assert.deepEqual(levels.perLayer, { conv: 1, act1: 2, pool: 0, dense1: 1, act2: 2, dense2: 1 });
  assert.equal(levels.depth, 7);
  // The best Chebyshev plan: depth 3, 2 products (T2 and q T2; the default tree needs 3): network depth 9.
  const tree = planScheme(net.polynomial, 'tree', { giantStep: 'smallest' });
  assert.deepEqual([tree.depth, simulate(tree).counts.nonscalar, simulate(planScheme(net.polynomial, 'tree')).counts.nonscalar], [3, 2, 3]);
  assert.equal(networkLevels(tree.depth).depth, 9);
});

test('activationPlan keeps a Chebyshev plan where folding gains nothing or alpha < 1', () => {
  // Degree 3 and 5: the tree is as shallow (ceil(log2(N + 1)) = ceil(log2 N)).
  for (const c of [[0.5, 1, 0.4, 0.2], [0.5, 1, 0.4, 0.2, 0.1, 0.05]]) {
    const p = inferenceNetwork({ poly: new Polynomial(c, [-200, 200]), scales: net.scales });
    assert.equal(activationPlan(p, 45).basis, 'chebyshev', `degree ${c.length - 1}`);
  }
  // Degree 4 with |t^4 coefficient| 8 x 0.05 = 0.4 < 1: alpha = 0.4^(1/4) < 1 would grow the lower coefficients.
  const small = inferenceNetwork({ poly: new Polynomial([0.5, 1, 0.4, 0.2, 0.05], [-200, 200]), scales: net.scales });
  assert.ok(planScheme(small.polynomial, 'folded').inputFactor! < 1);
  assert.equal(activationPlan(small, 45).scheme, 'tree');
  assert.equal(activationPlan(small, 45).depth, 3);
  // Degree 8 with a large top coefficient: folded, depth 3 instead of 4.
  const eight = inferenceNetwork({ poly: new Polynomial([0.5, 1, 0.4, 0.2, 0.1, 0.05, 0.02, 0.01, 0.5], [-200, 200]), scales: net.scales });
  assert.deepEqual([activationPlan(eight, 45).scheme, activationPlan(eight, 45).depth], ['folded', 3]);
});

test('evaluatePlan from a deeper input lands depth levels below it; evaluatePlanParts: factor x factor + rest = p', () => {
  const sim = new SimulatedBackend(2 ** 36);
  const t = [-1, -0.3, 0.2, 0.9];
  const folded = activationPlan(net, 36);
  for (const plan of [planScheme(net.polynomial, 'tree', { giantStep: 'smallest' }), folded]) {
    const alpha = plan.inputFactor ?? 1;
    const input = { values: Float64Array.from(t, (x) => alpha * x), level: 1, scale: 2 ** 36 };
    const out = evaluatePlan(sim, input, plan);
    assert.equal(out.level, 1 + plan.depth);
    t.forEach((x, i) => assert.ok(Math.abs(out.values[i] - net.polynomial.evaluate(200 * x)) < 1e-12 * 200));
    const parts = evaluatePlanParts(sim, input, plan);
    assert.ok(parts.factors !== null && typeof parts.rest !== 'number');
    const [f, g] = parts.factors!;
    const rest = parts.rest as { values: Float64Array; level: number };
    assert.equal(Math.max(f.level, g.level) + 1, 1 + plan.depth);
    assert.equal(rest.level, 1 + plan.depth);
    t.forEach((x, i) => assert.ok(Math.abs(f.values[i] * g.values[i] + rest.values[i] - net.polynomial.evaluate(200 * x)) < 1e-12 * 200));
    // An output scale: any input for the tree, the one planInputScale gives for the folded plan.
    const scaled = { ...input, scale: planInputScale(sim, plan, 1, 2 ** 29, 2 ** 36) };
    const outScaled = evaluatePlan(sim, scaled, plan, 2 ** 29);
    assert.ok(Math.abs(outScaled.scale / 2 ** 29 - 1) < 1e-15);
  }
  assert.equal(planInputScale(sim, folded, 1, 2 ** 29, 2 ** 36), (2 ** 29 * 2 ** 108) ** 0.25); // S^4 / (2^36)^3 = 2^29
  assert.throws(() => evaluatePlan(sim, { values: Float64Array.of(1), level: 1, scale: 2 ** 36 }, folded, 2 ** 29), InputError);
  assert.throws(() => evaluatePlan(sim, { values: Float64Array.of(1), level: 1, scale: 2 ** 36 }, planScheme(net.polynomial, 'horner'), 2 ** 29), InputError);
});

test('depressed quartic: s u^4 + a3 u^3 + ... = s [(v^2 + e)^2 + b1 v + d0] with v = u + s a3 / 4 (T_4 folded: (u^2 - sqrt 2)^2 - 1)', () => {
  // 8t^4 - 8t^2 + 1 = u^4 - 2 sqrt(2) u^2 + 1 (u = 8^(1/4) t): no shift, no linear term, e = -sqrt 2, d0 = 1 - 2.
  const t4 = depressedQuartic(planScheme(new Polynomial([0, 0, 0, 0, 1], [-1, 1]), 'folded').coefficients);
  assert.equal(t4.sign, 1);
  assert.equal(t4.shift, 0);
  assert.equal(t4.b1, 0);
  assert.ok(Math.abs(t4.e + Math.SQRT2) < 1e-15 && Math.abs(t4.d0 + 1) < 1e-14, JSON.stringify(t4));
  // -u^4 + 2u^3: s = -1, m3 = -2, shift -1/2; every quartic: the same values as Horner's.
  assert.equal(depressedQuartic([0, 0, 0, 2, -1]).shift, -0.5);
  for (const a of [[0, 0, 0, 2, -1], [11.49, 33.285, 18.123, -0.00628, -1], [-3, 0.5, 7, 4.25, 1], activationPlan(net, 46).coefficients]) {
    const q = depressedQuartic(a);
    for (const u of [-3.1, -1, -0.25, 0, 0.4, 2, 3.05]) {
      const horner = a.reduceRight((acc, c) => acc * u + c, 0), v = u + q.shift;
      const depressed = q.sign * ((v * v + q.e) ** 2 + q.b1 * v + q.d0);
      assert.ok(Math.abs(depressed - horner) < 1e-12 * (1 + Math.abs(horner)) * 64, `[${a}] at ${u}: ${depressed} vs ${horner}`);
    }
  }
  assert.ok(isFoldedQuartic(activationPlan(net, 46)));
  assert.ok(!isFoldedQuartic(planScheme(net.polynomial, 'tree')) && !isFoldedQuartic(planScheme(new Polynomial([0, 1, 0, 1], [-1, 1]), 'folded')));
  assert.throws(() => depressedQuartic([1, 2, 3, 4, 2]), /a4 = \+-1/);
});

test('parameters: depth 7 at the largest scale that fits the smallest N: N = 16384, scale 2^46, q0 55 bits (5 below the 60-bit special prime), 437 of 438 bits', () => {
  const c = chooseNetworkParameters(net);
  assert.equal(c.depth, 7);
  assert.equal(c.plan.scheme, 'folded');
  assert.equal(c.parameters.polyModulusDegree, 16384);
  assert.equal(c.parameters.scaleBits, 46);
  assert.deepEqual(c.parameters.coeffModulusBits, [55, 46, 46, 46, 46, 46, 46, 46, 60]);
  assert.equal(c.parameters.totalBits, 437);
  assert.equal(c.parameters.maxBits, 438);
  // q0 = scale + 4 (values up to 16) + a margin shrunk from 10 to 5 bits: 5 bits below the special prime.
  assert.equal(MAX_NETWORK_SCALE_BITS, 47);
  // The trade-off: N = 8192 holds no scale >= 20 bits at depth 7; N = 32768 up to 47 (the key-switching gap binds).
  assert.deepEqual(c.tradeoff.map((o) => [o.polyModulusDegree, o.maxScaleBits]), [[4096, null], [8192, null], [16384, 46], [32768, 47]]);
  assert.equal(maxScaleBits(7, 16384), 46);
  // 47 bits: 55 + 7 x 47 + 60 = 444 > 438. Depth 9 (the tree) held 36 bits at most: 50 + 324 + 60 = 434.
  assert.equal(chooseNetworkParameters(net, { scaleBits: 47 }).parameters.polyModulusDegree, 32768);
  assert.equal(maxScaleBits(9, 16384), 36);
  assert.equal(chooseParameters(9, { scaleBits: 36, magnitude: 16, specialBits: 60 }).totalBits, 434);
  // The old estimate's N = 32768 followed from depth 9 at a 2^40 scale; depth 7 holds 2^40 at N = 16384.
  assert.equal(chooseParameters(9, { scaleBits: 40, magnitude: 16, specialBits: 60 }).polyModulusDegree, 32768);
  assert.equal(chooseNetworkParameters(net, { scaleBits: 40 }).parameters.polyModulusDegree, 16384);
  assert.deepEqual(chooseNetworkParameters(net, { scaleBits: 40 }).parameters.coeffModulusBits[0], 54); // the full 10-bit margin when it fits under 55
  assert.equal(chooseNetworkParameters(net, { scaleBits: 30 }).parameters.polyModulusDegree, 16384);
  assert.match(c.summary, /depth 7 .*folded scheme.*N = 16384.*437 of 438 bits.*bounds the logit error by/);
  assert.ok(c.precisionBits > 15 && c.precisionBits < 35, String(c.precisionBits));
  // More scale, less error: the bound at 2^36 is about 2^10 times the one at 2^46.
  const b36 = chooseNetworkParameters(net, { scaleBits: 36 }).logitErrorBound;
  assert.ok(b36 / c.logitErrorBound > 512 && b36 / c.logitErrorBound < 2048, `${b36} vs ${c.logitErrorBound}`);
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
  refuses(() => chooseNetworkParameters(net, { scaleBits: 58 }), 'scaleBits', /at most 47 scale bits, got 58.*5 bits below the 60-bit special prime/);
  refuses(() => chooseNetworkParameters(net, { minScaleBits: 50 }), 'minScaleBits', /depth 7 leaves no ring dimension with a scale of at least 50 bits.*N = 16384: 46, N = 32768: 47/);
  refuses(() => chooseNetworkParameters(net, { polyModulusDegree: 8192 }), 'polyModulusDegree', /N = 8192: none/);
  refuses(() => chooseNetworkParameters(net, { scaleBits: 47, polyModulusDegree: 16384 }), 'polyModulusDegree', /allows at most 438/);
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

test('key sizes: 2 L (L + 1) N x 8 bytes per key; the packed layout\'s 15 + 1 keys at N = 16384 are 288 MiB (8 data primes; 440 MiB with depth 9\'s 10)', () => {
  assert.equal(keySwitchingKeyBytes(16384, 10), 2 * 10 * 11 * 16384 * 8);
  const p = chooseNetworkParameters(net).parameters;
  assert.equal(evaluationKeyBytes(p, 15), 16 * 2 * 8 * 9 * 16384 * 8);
  assert.equal(Math.round(evaluationKeyBytes(p, 15) / 2 ** 20), 288);
  assert.equal(evaluationKeyBytes(p, 0), 18874368);
  assert.equal(Math.round(16 * keySwitchingKeyBytes(16384, 10) / 2 ** 20), 440);
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
