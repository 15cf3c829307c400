/** `polyact he`: one JSON row per run, method options shared with `polyact fit`, bad input exit 2. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activation } from '../lib/activations';
import { numericalFit } from '../lib/fit/index';
import { runBinary } from './cli-support';

test('he --json: the Chebyshev series of ReLU, N = 2, encrypted; depth = levels consumed; HE error within the scale tolerance', async () => {
  const r = runBinary(['he', '--fn', 'relu', '--method', 'chebyshev', '--degree', '2', '--interval=-200,200', '--json']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.trim().split('\n').length, 1);
  const j = JSON.parse(r.out);
  // Closed form: 200/(3 pi) + x/2 + (800/(3 pi))/200^2 x^2.
  [200 / (3 * Math.PI), 0.5, 800 / (3 * Math.PI) / 40000].forEach((v, k) => assert.ok(Math.abs(j.monomial[k] - v) <= 1e-12 * v, `c${k}`));
  assert.equal(j.depth, 2);
  assert.equal(j.levelsConsumed, j.depth);
  assert.ok(j.heError.max > 0 && j.heError.max <= j.tolerance, `HE error ${j.heError.max} vs tolerance ${j.tolerance}`);
  // Encryption moves the normalised max_loss on the slots by far less than the paper's printed digits;
  // the slots miss x = 0 (4096 even points), so it sits just below the continuum's 1/(3 pi).
  const plain = j.trueError.plaintext.max / 200;
  assert.ok(Math.abs(j.maxLossNormalised - plain) < 1e-7, `${j.maxLossNormalised} vs plaintext ${plain}`);
  assert.ok(plain <= 1 / (3 * Math.PI) && plain > 1 / (3 * Math.PI) - 1e-3, String(plain));
});

test('he takes the fit methods\' own options (numerical on seeded uniform nodes), as polyact fit does', async () => {
  const r = runBinary(['he', '--fn', 'relu', '--method', 'numerical', '--nodes', 'uniform', '--seed', '3', '--degree', '2', '--json']);
  assert.equal(r.code, 0, r.err);
  const want = numericalFit(activation('relu'), 2, [-200, 200], { nodes: 'uniform', seed: 3 }).polynomial.monomial();
  JSON.parse(r.out).monomial.forEach((v: number, k: number) => assert.equal(v, want[k], `c${k}`));
});

test('he bad input: one line naming the option, exit 2', async () => {
  for (const [argv, option] of [
    [['he', '--fn', 'relu', '--method', 'chebyshev', '--degree', '0'], '--degree'],
    [['he', '--fn', 'relu', '--method', 'chebyshev', '--degree', '2', '--nodes', 'uniform'], '--nodes'],
    [['he', '--fn', 'relu', '--degree', '2'], '--method'],
    [['he', '--fn', 'relu', '--method', 'chebyshev', '--degree', '2', '--scheme', 'fast'], '--scheme'],
  ] as const) {
    const r = runBinary([...argv]);
    assert.equal(r.code, 2, argv.join(' '));
    assert.equal(r.out, '');
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.ok(r.err.includes(option), r.err);
  }
});
