/**
 * Private inference of the MNIST-trained network on its real test digits (`trainedSource`,
 * `polyact infer --weights trained`): the float64 mirror the encrypted run is measured against is
 * the network `polyact accuracy` evaluates (same logits to ~1e-12, same accuracy on the 2,000 test
 * digits), the input gain 200 is applied exactly once, and under CKKS the reported encrypted
 * accuracy is the share of labels the decrypted logits get right. About 30 s on an idle machine
 * (two key generations at N = 16384).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../lib/errors';
import { polynomialKernel } from '../lib/network/activation';
import { forwardLogits } from '../lib/network/logits';
import { mnistContext, evaluateNetwork, polynomialAccuracy } from '../lib/mnist/accuracy';
import { MNIST_INPUT_GAIN, networkInputs } from '../lib/mnist/scaling';
import { finetunedNetworks } from '../lib/mnist/trained';
import { mirrorForward } from '../lib/he/inference/mirror';
import { argmax } from '../lib/he/inference/report';
import { privateInference } from '../lib/he/inference/run';
import { digitsSource } from '../lib/he/inference/source';
import { digitScales, trainedSource } from '../lib/he/inference/trained';
import { runCli } from './cli-support';

const ctx = mnistContext();
const TEST = ctx.network.split.test.count; // 2000

/** max over logits of |a - b| / (max |b| of that image): the logits' own scale (a logit near 0 has no relative precision). */
function maxScaledDifference(a: ArrayLike<number>, b: ArrayLike<number>, count: number): number {
  let worst = 0;
  for (let n = 0; n < count; n++) {
    let scale = 0, diff = 0;
    for (let r = 0; r < 10; r++) { scale = Math.max(scale, Math.abs(b[10 * n + r])); diff = Math.max(diff, Math.abs(a[10 * n + r] - b[10 * n + r])); }
    worst = Math.max(worst, diff / scale);
  }
  return worst;
}

function correct(logits: ArrayLike<number>, labels: ArrayLike<number>): number {
  let c = 0;
  for (let n = 0; n < labels.length; n++) {
    let best = 0;
    for (let r = 1; r < 10; r++) if (logits[10 * n + r] > logits[10 * n + best]) best = r;
    if (best === labels[n]) c++;
  }
  return c;
}

for (const [poly, interval, rule] of [['weighted-4', 'auto', 'data'], ['paper-best-4', 'fixed', 'fixed'], ['minimax-4', [6, 30], [6, 30]]] as const) {
  test(`${poly}, interval ${JSON.stringify(interval)}: the mirror's logits = forwardLogits's (x = 200 p) to 1e-9, and its accuracy on the ${TEST} test digits = polyact accuracy's`, () => {
    const s = trainedSource(TEST, { poly, interval, context: ctx });
    // lib/mnist's factors for x = 200 p; the mirror's for p: the gain in the conv factor, once.
    assert.equal(s.net.scales.conv, MNIST_INPUT_GAIN * s.networkScales.conv);
    assert.equal(s.net.scales.conv, 200 * (1 / s.scaling.convBound));
    assert.equal(s.net.scales.dense1, s.scaling.convBound / s.scaling.denseBound);
    assert.equal(s.net.scales.logits, s.scaling.denseBound / 200);
    assert.equal(s.pixelBound, 1);
    assert.equal(s.net.polynomialLabel, poly);
    const m = mirrorForward(s.net, s.images, s.count);
    const f = forwardLogits({ weights: s.net.weights, kernel: polynomialKernel(s.polynomial), scales: s.networkScales }, networkInputs(ctx.network.split.test), TEST).logits;
    const d = maxScaledDifference(m.layers.dense2, f, TEST);
    assert.ok(d < 1e-9, `max scaled logit difference ${d}`);
    // The same polynomial and scaling as polyact accuracy, image by image.
    const acc = polynomialAccuracy(ctx, poly, rule);
    assert.deepEqual(s.scaling.scales, acc.scaling.scales);
    const predictions = Uint8Array.from({ length: TEST }, (_, n) => argmax(m.layers.dense2, 10 * n));
    assert.deepEqual(predictions, acc.predictions);
    assert.equal(correct(m.layers.dense2, s.labels!), acc.correct);
    assert.equal(s.outOfRange.conv + s.outOfRange.dense, Math.round(acc.outOfRange.all * TEST * (464 + 116)));
  });
}

test('polyact accuracy --poly weighted-4 --interval auto prints the accuracy the default trained source\'s mirror has', async () => {
  const r = await runCli(['accuracy', '--poly', 'weighted-4', '--interval', 'auto', '--json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  const s = trainedSource(undefined, { context: ctx }); // default: all the test digits
  assert.equal(s.count, TEST);
  assert.equal(s.poly, 'weighted-4');
  const m = mirrorForward(s.net, s.images, s.count);
  assert.equal(correct(m.layers.dense2, s.labels!), j.correct);
  assert.equal(j.testImages, TEST);
});

test('the input gain is applied exactly once: under the data interval the largest |conv pre-activation| over the training digits is the window\'s edge, t = 1', () => {
  const train = ctx.network.split.train;
  const s = trainedSource(1, { context: ctx });
  const net = digitsSource({ weights: ctx.network.weights, scales: digitScales(ctx.network.dataScaling), polynomial: s.polynomial }, train).net;
  const m = mirrorForward(net, train.images, train.count);
  let max = 0;
  for (const t of m.layers.conv) max = Math.max(max, Math.abs(t));
  assert.ok(Math.abs(max - 1) < 1e-12, String(max)); // 200 (twice) or 1/200 (never) otherwise
});

test('finetuned-4: the fine-tuned weights and polynomial under the data interval; the mirror\'s accuracy = the stored accuracyAfter', () => {
  const s = trainedSource(TEST, { poly: 'finetuned-4', context: ctx });
  const ft = finetunedNetworks(ctx.network);
  const entry = ft.entries.find((e) => e.degree === 4)!;
  assert.deepEqual(Array.from(s.net.weights.dense1), Array.from(entry.network.dense1));
  assert.deepEqual(s.scaling.scales, ft.scaling.scales);
  const m = mirrorForward(s.net, s.images, s.count);
  const c = correct(m.layers.dense2, s.labels!);
  assert.equal(c / TEST, entry.accuracyAfter);
  assert.equal(c, evaluateNetwork(ctx, s.polynomial, 'data', { weights: entry.network, scaling: ft.scaling }).correct);
  assert.match(s.description, /network fine-tuned with weighted-4 \(finetuned-4, data interval/);
});

test('trainedSource bad input: relu, unknown names, a fine-tuned network outside its interval, more images than test digits', () => {
  const is = (argument: string, pattern: RegExp) => (e: unknown) => e instanceof InputError && e.argument === argument && pattern.test(e.message);
  assert.throws(() => trainedSource(1, { poly: 'relu', context: ctx }), is('poly', /relu is not a polynomial/));
  assert.throws(() => trainedSource(1, { poly: 'cubic', context: ctx }), is('poly', /unknown polynomial 'cubic'/));
  assert.throws(() => trainedSource(1, { poly: 'finetuned-4', interval: 'fixed', context: ctx }), is('interval', /fine-tuned under the data interval/));
  assert.throws(() => trainedSource(1, { poly: 'finetuned-9', context: ctx }), is('poly', /no fine-tuned network of degree 9/));
  assert.throws(() => trainedSource(TEST + 1, { context: ctx }), is('images', /2000/));
  assert.throws(() => trainedSource(0, { context: ctx }), is('images', /./));
});

test('packed layout, whole trained network, the first 2 test digits at N = 16384: argmax as the mirror, encrypted accuracy = the decrypted logits\' share of correct labels', async () => {
  const source = trainedSource(2, { context: ctx });
  const r = await privateInference(source, { layout: 'packed', logits: true });
  assert.equal(r.polyModulusDegree, 16384);
  assert.equal(r.levelsConsumed, 7);
  assert.equal(r.activation.scheme, 'folded'); // weighted-4: |t^4 coefficient| 153.8, alpha 3.52
  assert.equal(r.argmaxAgreement, 2);
  const z = r.logits!;
  const m = mirrorForward(source.net, source.images, 2);
  let e = 0;
  for (let i = 0; i < 20; i++) e = Math.max(e, Math.abs(z[i] - m.layers.dense2[i]));
  assert.equal(r.maxLogitError, e);
  assert.ok(e > 0 && e <= r.bound.logits, `${e} vs bound ${r.bound.logits}`);
  const c = correct(z, source.labels!);
  assert.deepEqual(r.accuracy, { encrypted: c / 2, plaintext: correct(m.layers.dense2, source.labels!) / 2, correct: { encrypted: c, plaintext: correct(m.layers.dense2, source.labels!) }, labelled: 2 });
  assert.match(r.source, /^trained network \(weighted-4, data interval: .* on the first 2 of the 2000 MNIST test digits/);
});

test('batch layout on a 4-cell x 4-hidden slice, 64 test digits: the counts of correct labels from the decrypted logits', async () => {
  const source = trainedSource(64, { context: ctx, cells: 4, hidden: 4 });
  const r = await privateInference(source, { layout: 'batch', logits: true });
  assert.equal(r.argmaxAgreement, 64);
  const c = correct(r.logits!, source.labels!);
  const plain = correct(mirrorForward(source.net, source.images, 64).layers.dense2, source.labels!);
  assert.ok(c > 0 && c < 64, String(c)); // a slice: a count that can be wrong either way
  assert.equal(c, plain);
  assert.deepEqual(r.accuracy, { encrypted: c / 64, plaintext: plain / 64, correct: { encrypted: c, plaintext: plain }, labelled: 64 });
  assert.ok(r.maxLogitError <= r.bound.logits, `${r.maxLogitError} vs ${r.bound.logits}`);
  assert.match(r.source, /slice: 4 cells x 4 hidden/);
});
