import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chebyshevRoots, normalNodes, normalParameters, rng, uniformNodes, nodesByRule } from '../lib/sampling';

test('chebyshevRoots: x_i = (r_i + 1)(b - a)/2 + a, r_i = -cos((2i - 1) pi/(2m)); T_m vanishes there', () => {
  const x = chebyshevRoots(5, -3, 3);
  assert.equal(x.length, 5);
  assert.equal(x[0], ((-Math.cos(Math.PI / 10) + 1) * 6) / 2 - 3);
  assert.ok(Math.abs(x[2]) < 1e-15, 'middle root is 0 for odd m');
  for (let i = 1; i < 5; i++) assert.ok(x[i] > x[i - 1], 'increasing');
  for (const v of x) assert.ok(Math.abs(Math.cos(5 * Math.acos(v / 3))) < 1e-14);
  const y = chebyshevRoots(4, 0, 1);
  for (let i = 0; i < 4; i++) assert.ok(Math.abs(y[i] + y[3 - i] - 1) < 1e-15, 'symmetric about the midpoint');
});

test('same seed -> bit-identical nodes; different seeds differ', () => {
  const a = uniformNodes(1000, -200, 200, rng(1));
  const b = uniformNodes(1000, -200, 200, rng(1));
  assert.deepEqual(a, b);
  assert.deepEqual(uniformNodes(10, -200, 200, rng('1')), a.slice(0, 10), 'seed 1 and "1" are the same seed');
  assert.notDeepEqual(uniformNodes(10, -200, 200, rng(2)), a.slice(0, 10));
  assert.deepEqual(normalNodes(999, -200, 200, rng('x')), normalNodes(999, -200, 200, rng('x')));
  assert.deepEqual(nodesByRule('normal', 7, 0, 1, 5), normalNodes(7, 0, 1, rng(5)));
});

test('uniform nodes lie in [a, b] with mean (a + b)/2', () => {
  const x = uniformNodes(20000, -200, 200, rng(42));
  let s = 0;
  for (const v of x) {
    assert.ok(v >= -200 && v < 200);
    s += v;
  }
  // Standard error of the mean: 400/sqrt(12 * 20000) = 0.82; 4 standard errors.
  assert.ok(Math.abs(s / x.length) < 3.3, `mean ${s / x.length}`);
});

test('normal nodes: N((a+b)/2, ceil((b-a)/6)^2), untruncated', () => {
  assert.deepEqual(normalParameters(-200, 200), { mu: 0, sigma: 67 });
  assert.deepEqual(normalParameters(-3, 3), { mu: 0, sigma: 1 });
  const x = normalNodes(40000, -200, 200, rng(7));
  let s = 0, s2 = 0, outside = 0;
  for (const v of x) {
    s += v;
    s2 += v * v;
    if (v < -200 || v > 200) outside++;
  }
  const mean = s / x.length, sd = Math.sqrt(s2 / x.length - mean * mean);
  assert.ok(Math.abs(mean) < 4 * (67 / 200), `mean ${mean}`);
  assert.ok(Math.abs(sd - 67) < 4 * (67 / Math.sqrt(2 * 40000)), `sd ${sd}`);
  // P(|x| > 200) = 2(1 - Phi(200/67)) = 0.00284: about 114 of 40000, untruncated.
  assert.ok(outside > 60 && outside < 170, `outside ${outside}`);
});

test('bad input', () => {
  assert.throws(() => rng(NaN), /seed: expected/);
  assert.throws(() => rng(''), /seed: expected/);
  assert.throws(() => uniformNodes(0, 0, 1, rng(1)), /m: expected an integer >= 1/);
  assert.throws(() => chebyshevRoots(3, 1, 1), /interval: expected a < b/);
  assert.throws(() => nodesByRule('gauss', 3, 0, 1, 1), /nodes: unknown node rule 'gauss'/);
});
