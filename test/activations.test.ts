import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activation, builtinActivations, formulaActivation, requireFiniteOn } from '../lib/activations';
import { InputError } from '../lib/errors';

const close = (a: number, b: number, tol: number, msg = ''): void =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${msg} ${a} vs ${b}`);

test('paper activations: values and derivatives at known points', () => {
  const relu = activation('relu'), sigmoid = activation('sigmoid'), tanh = activation('tanh');
  assert.equal(relu.value(-3), 0);
  assert.equal(relu.value(2.5), 2.5);
  // ReLU's derivative is the Heaviside step with value 1 at 0, as the paper.
  assert.equal(relu.derivative(0), 1);
  assert.equal(relu.derivative(-1e-300), 0);
  assert.equal(sigmoid.value(0), 0.5);
  assert.equal(sigmoid.derivative(0), 0.25);
  close(sigmoid.value(Math.log(3)), 0.75, 1e-15);
  assert.equal(tanh.value(0), 0);
  assert.equal(tanh.derivative(0), 1);
  close(tanh.derivative(1), 1 - Math.tanh(1) ** 2, 1e-15);
});

test('sigmoid and softplus are stable for |x| up to 1e3 (no overflow, no NaN)', () => {
  const s = activation('sigmoid'), sp = activation('softplus'), silu = activation('silu');
  for (const x of [-1000, -745, -200, 200, 745, 1000]) {
    for (const f of [s, sp, silu]) {
      assert.ok(Number.isFinite(f.value(x)) && Number.isFinite(f.derivative(x)), `${f.name}(${x})`);
    }
  }
  assert.equal(s.value(1000), 1);
  assert.equal(s.value(-1000), 0);
  // sigmoid(-200) = e^-200 / (1 + e^-200), to full relative precision.
  close(s.value(-200), Math.exp(-200), 1e-15);
  assert.equal(sp.value(1000), 1000);
  close(sp.value(0), Math.LN2, 1e-16);
  close(sp.value(-40), Math.exp(-40), 1e-15);
});

test('gelu, silu, elu, leaky_relu: closed forms', () => {
  // GELU(1) = Phi(1) = 0.8413447460685429 (standard normal CDF at 1).
  close(activation('gelu').value(1), 0.8413447460685429, 1e-14);
  close(activation('gelu').value(-1), -0.15865525393145707, 1e-14);
  close(activation('gelu').derivative(0), 0.5, 1e-15);
  close(activation('silu').value(2), 2 / (1 + Math.exp(-2)), 1e-15);
  close(activation('elu').value(-1), Math.exp(-1) - 1, 1e-15);
  assert.equal(activation('elu').derivative(0), 1);
  assert.equal(activation('leaky_relu').value(-100), -1);
  assert.equal(activation('leaky_relu').derivative(-3), 0.01);
});

test('every built-in derivative agrees with a central difference', () => {
  for (const f of Object.values(builtinActivations)) {
    for (const x of [-7.3, -1.1, 0.4, 2.9]) {
      const h = 1e-5;
      close(f.derivative(x), (f.value(x + h) - f.value(x - h)) / (2 * h), 1e-8, `${f.name}'(${x})`);
    }
  }
});

test('formula activations: value and mathjs symbolic derivative, compiled once', () => {
  const f = activation('x / (1 + exp(-x))');
  assert.equal(f.derivativeKind, 'symbolic');
  assert.equal(f.formula, 'x / (1 + exp(-x))');
  close(f.value(2), activation('silu').value(2), 1e-15);
  close(f.derivative(1.3), activation('silu').derivative(1.3), 1e-14);
  const g = activation('x^3 - 2*x');
  assert.equal(g.derivative(2), 10);
  // mathjs cannot differentiate erf/max: central differences, marked as such.
  const h = activation('max(0, x)');
  assert.equal(h.derivativeKind, 'numerical');
  close(h.derivative(3), 1, 1e-9);
  close(activation('x / 2 * (1 + erf(x / sqrt(2)))').value(1), 0.8413447460685429, 1e-14);
  assert.equal(activation('pi * x').value(1), Math.PI);
});

test('bad names and formulas: InputError naming fn', () => {
  assert.throws(() => activation('relux'), (e: unknown) => e instanceof InputError && e.argument === 'fn' && /unknown activation 'relux'/.test(e.message));
  assert.throws(() => activation('x +'), /formula syntax error/);
  assert.throws(() => activation('sin(y)'), /only the variable x.*unknown: y/);
  assert.throws(() => activation('foo(x)'), /unknown: foo\(\)/);
  assert.throws(() => activation('x = 3'), /not an assignment/);
  assert.throws(() => formulaActivation(''), InputError);
});

test('requireFiniteOn: non-finite values on the interval', () => {
  assert.throws(() => requireFiniteOn(activation('log(x)'), [-1, 1]), /'log\(x\)' is not finite at x = -1/);
  assert.throws(() => requireFiniteOn(activation('1 / x'), [-1, 1]), /not finite at x = 0/);
  assert.equal(requireFiniteOn(activation('sigmoid'), [-1000, 1000]).name, 'sigmoid');
});

test('a short name for titles: activation(formula, { name }) keeps the formula and its values', () => {
  const mish = activation('x * tanh(log(1 + exp(x)))', { name: 'Mish' });
  assert.equal(mish.name, 'Mish');
  assert.equal(mish.formula, 'x * tanh(log(1 + exp(x)))');
  assert.equal(mish.value(1), Math.tanh(Math.log(1 + Math.E)));
  assert.equal(activation('x * tanh(log(1 + exp(x)))').name, 'x * tanh(log(1 + exp(x)))');
  const r = activation('relu', { name: 'ReLU' });
  assert.equal(r.name, 'ReLU');
  assert.equal(r.value(-2), 0);
  assert.equal(activation('relu').name, 'relu', 'the built-in itself is not renamed');
  assert.throws(() => activation('relu', { name: ' ' }), (e: unknown) => e instanceof InputError && e.argument === 'name');
});

test('formulaActivation: deep nesting takes the central difference (the unsimplified symbolic derivative grows as n^2)', () => {
  const nested = (n: number): string => 'sin('.repeat(n) + 'x' + ')'.repeat(n);
  // d/dx sin^n(x) = prod_k cos(sin^k(x)), k = 0..n-1: the closed form both kinds must match.
  const exact = (n: number, x: number): number => {
    let p = 1, u = x;
    for (let k = 0; k < n; k++) { p *= Math.cos(u); u = Math.sin(u); }
    return p;
  };
  const shallow = formulaActivation(nested(5)), deep = formulaActivation(nested(30));
  assert.equal(shallow.derivativeKind, 'symbolic'); // 41 nodes vs 11: within 8x
  assert.equal(deep.derivativeKind, 'numerical'); // 991 nodes vs 61
  for (const x of [-3, -0.5, 0, 0.7, 2.5]) {
    assert.ok(Math.abs(shallow.derivative(x) - exact(5, x)) <= 1e-14, `n 5 at ${x}`);
    assert.ok(Math.abs(deep.derivative(x) - exact(30, x)) <= 1e-9, `n 30 at ${x}`);
  }
  for (const f of ['x / (1 + exp(-x))', 'x * tanh(log(1 + exp(x)))', 'x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3)))']) {
    assert.equal(formulaActivation(f).derivativeKind, 'symbolic', f);
  }
});
