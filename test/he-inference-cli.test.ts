/** `polyact infer`: the report's fields in --json, and bad input as one line naming the option, exit 2. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBinary, runCli } from './cli-support';
import { InputError } from '../lib/errors';
import { layerRows, layoutRows } from '../lib/he/inference/tables';
import { inferArguments, privateInferenceProcess } from '../lib/he/inference/process';
import { inferenceErrorFigure } from '../lib/figures/inference';
import { formatReport } from '../lib/he/inference/report';

test('infer --json on a 1-cell x 2-hidden slice, batch of 16: one object with every field of the report', async () => {
  const r = runBinary(['infer', '--layout', 'batch', '--images', '16', '--cells', '1', '--hidden', '2', '--workers', '1', '--trace', '--json']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.trim().split('\n').length, 1);
  const j = JSON.parse(r.out);
  for (const key of ['layout', 'images', 'polyModulusDegree', 'coeffModulusBits', 'scaleBits', 'depth', 'levelsConsumed', 'galoisKeys', 'keyBytes', 'peakRssMB', 'seconds', 'msPerImage', 'latencySeconds', 'maxLogitError', 'maxF1Error', 'argmaxAgreement', 'precisionBits']) {
    assert.ok(key in j, key);
  }
  assert.equal(j.layout, 'batch');
  assert.equal(j.images, 16);
  assert.equal(j.polyModulusDegree, 16384);
  assert.equal(j.depth, 7);
  assert.equal(j.levelsConsumed, 7);
  assert.deepEqual(j.activation, { scheme: 'folded', giantStep: 'none', degree: 4, products: 2, inputFactor: j.activation.inputFactor });
  assert.ok(Math.abs(j.activation.inputFactor - 82.848 ** 0.25) < 1e-3);
  assert.equal(j.galoisKeys, 0);
  assert.deepEqual(Object.keys(j.seconds.evaluate), ['conv', 'act1', 'pool', 'dense1', 'act2', 'dense2']);
  for (const k of ['keygen', 'encrypt', 'decrypt']) assert.ok(j.seconds[k] > 0, k);
  // One thread: the latency is the sum of the phases; amortised over the 16 images.
  assert.ok(Math.abs(j.latencySeconds - (j.seconds.encrypt + j.seconds.evaluateTotal + j.seconds.decrypt)) < 1e-9);
  assert.ok(Math.abs(j.msPerImage - (1000 * j.latencySeconds) / 16) < 1e-9);
  assert.ok(j.cpuSeconds > 0);
  assert.equal(j.argmaxAgreement, 16);
  assert.ok(j.maxLogitError > 0 && j.maxLogitError <= j.bound.logits, `${j.maxLogitError} vs ${j.bound.logits}`);
  assert.ok(Math.abs(j.precisionBits + Math.log2(j.maxLogitError / j.logitRange)) < 1e-9);
  assert.match(j.source, /random network \(weight seed 1, .*slice: 1 cells x 2 hidden\) on 16 random inputs \(seed 1\)/);
  // The notebook's tables and figure from the same report.
  const [row] = layoutRows([j]);
  assert.equal(row['ms / image'], j.msPerImage);
  assert.equal(row['argmax agrees'], '16 / 16');
  assert.equal(row.images, '16');
  assert.ok(Number.isInteger(j.cores) && j.cores >= 1);
  assert.equal(j.load.length, 3);
  const layers = layerRows(j);
  assert.deepEqual(layers.map((l) => l.layer), ['conv', 'act1', 'pool', 'dense1', 'act2', 'dense2']);
  assert.equal(layers[1]['max |error|'], 'not a ciphertext of its own');
  assert.equal(layers[5]['max |error|'], j.layerErrors.dense2);
  assert.equal(layers[5]['bound / error'], j.bound.perLayer.dense2 / j.layerErrors.dense2);
  const fig = inferenceErrorFigure([j]);
  assert.equal(fig.data.length, 2); // measured bars + bound markers
  assert.deepEqual((fig.data[0] as { x: string[] }).x, ['conv', 'pool', 'dense1', 'act2', 'dense2']);
  assert.throws(() => inferenceErrorFigure([{ ...j, layerErrors: undefined }]), InputError);
});

test('infer bad input: one line naming the option as typed, exit 2', async () => {
  for (const [argv, option] of [
    [['--layout', 'diagonal'], '--layout'],
    [['--images', '0'], '--images'],
    [['--images', '2.5'], '--images'],
    [['--layout', 'packed', '--images', '1000000000'], '--images'], // fuzz: was a RangeError allocating 6 TB of pixels
    [['--weights', 'pretrained'], '--weights'],
    [['--weights', 'trained', '--seed', '3'], '--seed'],
    [['--weights', 'trained', '--weight-seed', '2'], '--weight-seed'],
    [['--interval', 'fixed'], '--interval'],
    [['--weights', 'trained', '--interval', '0,1'], '--interval'],
    [['--weights', 'trained', '--poly', 'relu'], '--poly'],
    [['--weights', 'trained', '--poly', 'finetuned-4', '--interval', 'fixed'], '--interval'],
    [['--weights', 'trained', '--images', '2001'], '--images'],
    [['--layout', 'batch', '--images', '8193', '--cells', '1', '--hidden', '1'], '--images'],
    [['--layout', 'packed', '--blocks', '3'], '--blocks'],
    [['--scale-bits', '58'], '--scale-bits'],
    [['--scale-bits', 'x'], '--scale-bits'],
    [['--poly-modulus-degree', '8192'], '--poly-modulus-degree'],
    [['--cells', '117'], '--cells'],
    [['--poly', 'relu-9'], '--poly'],
    [['--frobnicate'], '--frobnicate'],
    [['--workers', '0'], '--workers'],
  ] as const) {
    const r = await runCli(['infer', ...argv]);
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.err}`);
    assert.equal(r.out, '');
    const lines = r.err.trim().split('\n');
    assert.equal(lines.length, 1, r.err);
    assert.ok(lines[0].startsWith(`polyact infer: ${option}: `), lines[0]);
  }
  const seed = await runCli(['infer', '--weights', 'trained', '--seed', '3']);
  assert.equal(seed.err, 'polyact infer: --seed: applies to --weights random only, not --weights trained\n');
});

test('infer --weights trained --json on a 1-cell x 2-hidden slice, 16 test digits: the accuracy with its counts, and the text report\'s accuracy line', async () => {
  const r = runBinary(['infer', '--layout', 'batch', '--weights', 'trained', '--images', '16', '--cells', '1', '--hidden', '2', '--workers', '1', '--json']);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.match(j.source, /^trained network \(weighted-4, data interval: .*slice: 1 cells x 2 hidden\) on the first 16 of the 2000 MNIST test digits/);
  const a = j.accuracy;
  assert.equal(a.labelled, 16);
  assert.equal(a.encrypted, a.correct.encrypted / 16);
  assert.equal(a.plaintext, a.correct.plaintext / 16);
  // argmax agrees on every digit, so both count the same digits right.
  assert.equal(j.argmaxAgreement, 16);
  assert.equal(a.correct.encrypted, a.correct.plaintext);
  assert.equal(j.logits, undefined);
  const line = formatReport(j).split('\n').find((l) => l.startsWith('accuracy'));
  assert.equal(line, `accuracy on the 16 labelled images: encrypted ${(100 * a.encrypted).toFixed(2)}% (${a.correct.encrypted}/16), float64 polynomial network ${(100 * a.plaintext).toFixed(2)}% (${a.correct.plaintext}/16)`);
});

test('privateInferenceProcess: the options as polyact infer arguments; bad input comes back as the child\'s InputError', async () => {
  assert.deepEqual(inferArguments({ layout: 'batch', images: 64, cells: 2, hidden: 3, workers: 1, trace: true, weightSeed: 'a', inputSeed: 4 }),
    ['infer', '--layout', 'batch', '--images', '64', '--json', '--weight-seed', 'a', '--seed', '4', '--cells', '2', '--hidden', '3', '--workers', '1', '--trace']);
  assert.deepEqual(inferArguments({ layout: 'packed', images: 4, weights: 'trained', poly: 'finetuned-4', interval: 'auto' }),
    ['infer', '--layout', 'packed', '--images', '4', '--json', '--weights', 'trained', '--interval', 'auto', '--poly', 'finetuned-4']);
  await assert.rejects(privateInferenceProcess({ layout: 'batch', images: 0 }), (e: unknown) => e instanceof InputError && e.argument === '--images' && /expected an integer in 1\.\.16384, got 0/.test(e.message));
});

test('infer --help documents every option with its default', async () => {
  const r = await runCli(['infer', '--help']);
  assert.equal(r.code, 0);
  for (const o of ['--layout', '--images', '--weights', '--weight-seed', '--seed', '--poly', '--interval', '--scale-bits', '--poly-modulus-degree', '--blocks', '--cells', '--hidden', '--workers', '--trace', '--json']) assert.ok(r.out.includes(o), o);
  assert.match(r.out, /--layout <value> +batch \| packed.*\(default: batch\)/);
});
