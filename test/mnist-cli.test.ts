import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { trainedWeights } from '../lib/mnist/trained';
import { runCli } from './cli-support';

const stored = trainedWeights().file;

describe('polyact accuracy / polyact train', () => {
  it('accuracy --poly relu --json: one object with the stored accuracy', async () => {
    const r = await runCli(['accuracy', '--poly', 'relu', '--json']);
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out);
    for (const key of ['poly', 'interval', 'accuracy', 'testImages', 'maxDeviation', 'outOfRange']) assert.ok(key in out, key);
    assert.equal(out.poly, 'relu');
    assert.equal(out.accuracy, stored.accuracy.test);
    assert.equal(out.testImages, 2000);
    assert.equal(out.outOfRange, 0);
    assert.ok(out.maxDeviation <= 1e-12);
    assert.deepEqual(out.interval, { rule: 'data', conv: [-stored.scaling.data.convBound, stored.scaling.data.convBound], dense: [-stored.scaling.data.denseBound, stored.scaling.data.denseBound] });
  });

  it('accuracy with a polynomial, fixed and given intervals', async () => {
    const fixed = JSON.parse((await runCli(['accuracy', '--poly', 'paper-best-4', '--interval', 'fixed', '--json'])).out);
    assert.equal(fixed.interval.rule, 'fixed');
    assert.equal(fixed.outOfRange, 0); // the fixed scaling is provably safe
    assert.ok(fixed.accuracy < stored.accuracy.test);
    assert.equal(fixed.coefficients.length, 5);
    const given = JSON.parse((await runCli(['accuracy', '--poly', 'coefficients:0,1', '--interval=2,3', '--json'])).out);
    assert.deepEqual(given.interval, { rule: 'given', conv: [-2, 2], dense: [-3, 3] });
    assert.deepEqual(given.scales, { conv: 0.5, dense1: 2 / 3, logits: 3 / 200 });
    const text = await runCli(['accuracy', '--poly', 'minimax-4']);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /accuracy: +\d+\.\d\d% \(\d+\/2000 test digits; exact ReLU/);
  });

  it('bad input: one stderr line naming the option, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['accuracy', '--poly', 'minimax-x'], /^polyact accuracy: --poly: unknown polynomial 'minimax-x'/],
      [['accuracy', '--poly', 'paper-best-6'], /^polyact accuracy: --poly: the paper printed degrees 2\.\.4/],
      [['accuracy', '--poly', 'coefficients:1,x'], /^polyact accuracy: --poly:/],
      [['accuracy', '--interval', '0,1'], /^polyact accuracy: --interval: expected auto, fixed/],
      [['accuracy', '--interval', 'sometimes'], /^polyact accuracy: --interval/],
      [['accuracy', '--bogus'], /^polyact accuracy: --bogus: unknown option/],
      [['train', '--epochs', '0'], /^polyact train: --epochs: expected an integer in 1\.\.100/],
      [['train', '--epochs', 'two'], /^polyact train: --epochs/],
      [['train', '--out', '.'], /^polyact train: --out: expected a file path/],
    ];
    for (const [argv, re] of cases) {
      const r = await runCli(argv);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.err}`);
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.match(r.err, re);
      assert.equal(r.out, '');
    }
  });

  it('--help documents every option', async () => {
    for (const [cmd, opts] of [['train', ['--seed', '--epochs', '--out', '--json']], ['accuracy', ['--poly', '--interval', '--json']]] as const) {
      const r = await runCli([cmd, '--help']);
      assert.equal(r.code, 0);
      for (const o of opts) assert.ok(r.out.includes(o), `${cmd} --help lacks ${o}`);
    }
  });
});
