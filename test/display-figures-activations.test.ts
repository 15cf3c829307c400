import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activation } from '../lib/activations';
import { activationSummary, activationsFigure } from '../lib/figures/activations';
import { InputError } from '../lib/errors';

test('activationSummary on [-200, 200]: f(0), exact ranges and the Section 3.2 spans', () => {
  const [relu, sigmoid, tanh] = activationSummary(['relu', 'sigmoid', 'tanh'], [-200, 200]);
  assert.deepEqual([relu.name, relu.f0, relu.min, relu.max, relu.span], ['relu', 0, 0, 200, 200]);
  assert.equal(sigmoid.f0, 0.5);
  // Monotone: the extremes sit at the endpoints; sigmoid(-200) = 1/(1 + e^200) = 1.3839e-87.
  assert.equal(sigmoid.min, 1 / (1 + Math.exp(200)));
  assert.ok(Math.abs(sigmoid.min - 1.3838965267367376e-87) < 1e-100);
  assert.equal(sigmoid.max, 1);
  assert.equal(sigmoid.span, 1);
  assert.deepEqual([tanh.f0, tanh.min, tanh.max, tanh.span], [0, -1, 1, 2]);
});

test('activationSummary: flat fractions match the closed-form thresholds of |f\'| = 1e-3', () => {
  const [relu, sigmoid, tanh] = activationSummary(['relu', 'sigmoid', 'tanh'], [-200, 200]);
  // sigmoid' = s(1 - s) = 1e-3  <=>  s = (1 - sqrt(1 - 4e-3))/2, x* = -ln(s/(1 - s)).
  const s = (1 - Math.sqrt(1 - 4e-3)) / 2;
  const xs = -Math.log(s / (1 - s));
  // tanh' = 1 - t^2 = 1e-3  <=>  x* = atanh(sqrt(0.999)).
  const xt = Math.atanh(Math.sqrt(0.999));
  assert.ok(Math.abs(xs - 6.9058) < 1e-4 && Math.abs(xt - 4.1468) < 1e-4);
  const step = 400 / 100000; // grid spacing: the count can differ from the exact measure by two points
  assert.ok(Math.abs(sigmoid.flat - (400 - 2 * xs) / 400) <= (2 * step) / 400 + 1e-5, String(sigmoid.flat));
  assert.ok(Math.abs(tanh.flat - (400 - 2 * xt) / 400) <= (2 * step) / 400 + 1e-5, String(tanh.flat));
  assert.equal(relu.flat, 50000 / 100001); // relu' = 0 exactly on the 50000 negative grid points
});

test('activationsFigure: one line per activation on the requested grid', () => {
  const fig = activationsFigure(['relu', 'tanh'], [-6, 6], { points: 13, title: 'zoom' });
  assert.equal(fig.data.length, 2);
  const t0 = fig.data[0] as { name: string; x: number[]; y: number[] };
  assert.equal(t0.name, 'relu');
  assert.deepEqual(t0.x, [-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6]);
  assert.deepEqual(t0.y, [0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6]);
  assert.equal((fig.data[1] as { y: number[] }).y[7], Math.tanh(1));
  assert.deepEqual(fig.layout?.title, { text: 'zoom' });
  assert.deepEqual(fig.layout?.xaxis?.range, [-6, 6]);
});

test('bad input: InputErrors naming the argument', () => {
  assert.throws(() => activationsFigure([], [-1, 1]), (e: unknown) => e instanceof InputError && e.argument === 'names');
  assert.throws(() => activationsFigure(['relu'], [1, -1]), (e: unknown) => e instanceof InputError && e.argument === 'interval');
  assert.throws(() => activationsFigure(['relu'], [-1, 1], { points: 1 }), (e: unknown) => e instanceof InputError && e.argument === 'options.points');
  assert.throws(() => activationSummary(['nope('], [-1, 1]), InputError);
  assert.throws(() => activationSummary(['relu'], [-1, 1], { flatBelow: 0 }), (e: unknown) => e instanceof InputError && e.argument === 'options.flatBelow');
});

test('figures and summaries label a named formula activation by its short name', () => {
  const mish = activation('x * tanh(log(1 + exp(x)))', { name: 'Mish' });
  assert.equal(activationsFigure([mish, 'relu'], [-6, 6]).data.map((d) => d.name).join(', '), 'Mish, relu');
  const [s] = activationSummary([mish], [-6, 6], { points: 1201 });
  assert.equal(s.name, 'Mish');
  assert.equal(s.f0, 0);
});
