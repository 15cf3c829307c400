import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activation } from '../lib/activations';
import type { Activation } from '../lib/activations';
import { chebyshevSeries, derivativeFit, fit, newtonCoefficients, newtonToTaylor, numericalFit, taylor, taylorNodes } from '../lib/fit/index';
import { methods } from '../lib/fit/types';
import { InputError } from '../lib/errors';
import { Polynomial } from '../lib/polynomial';

const I: [number, number] = [-200, 200];
const close = (a: number, b: number, tol: number, msg = ''): void =>
  assert.ok(Math.abs(a - b) <= tol, `${msg} ${a} vs ${b} (|diff| ${Math.abs(a - b)})`);

test('the registry holds the four paper methods', () => {
  const names = methods().map((m) => m.name);
  for (const n of ['numerical', 'chebyshev', 'taylor', 'derivative']) assert.ok(names.includes(n), n);
});

test('chebyshevSeries ReLU: closed-form coefficients to 1e-14 relative (200/pi, 100, 400/(3pi), 0, -400/(15pi), 0, 400/(35pi), ...)', () => {
  // relu(200 t) = 100|t| + 100t; |t| = 2/pi + sum_j (-1)^(j+1) 4/(pi(4j^2 - 1)) T_2j.
  const N = 12;
  const c = chebyshevSeries(activation('relu'), N, I).polynomial.coefficients;
  const exact = [200 / Math.PI, 100];
  for (let k = 2; k <= N; k++) exact.push(k % 2 === 1 ? 0 : (100 * (-1) ** (k / 2 + 1) * 4) / (Math.PI * (k * k - 1)));
  c.forEach((v, k) => close(v, exact[k], 200 * 1e-14, `c${k}`));
  // Monomial form, N = 2: (800/(3pi))/200^2 x^2 + x/2 + 200/(3pi).
  const m = chebyshevSeries(activation('relu'), 2, I).polynomial.monomial();
  close(m[2], 800 / (3 * Math.PI) / 40000, 1e-18);
  close(m[1], 0.5, 1e-14);
  close(m[0], 200 / (3 * Math.PI), 1e-12);
});

test('chebyshevSeries without declared breakpoints (formula max(0, x)) still converges, by bisection', () => {
  const a = chebyshevSeries(activation('max(0, x)'), 4, I).polynomial.coefficients;
  const b = chebyshevSeries(activation('relu'), 4, I).polynomial.coefficients;
  a.forEach((v, k) => close(v, b[k], 1e-12, `c${k}`));
});

test('chebyshevSeries at high degree (30..64) terminates and keeps the low coefficients (regression: N >= 30 used to bisect forever)', () => {
  // ReLU's even coefficients have the closed form c_2j = (-1)^(j+1) 400/(pi(4j^2 - 1)); odd ones above 1 vanish.
  for (const d of [30, 32, 48, 64]) {
    const c = chebyshevSeries(activation('relu'), d, I).polynomial.coefficients;
    for (let j = 1; 2 * j <= d; j++) close(c[2 * j], ((-1) ** (j + 1) * 400) / (Math.PI * (4 * j * j - 1)), 1e-12, `relu N=${d} c_${2 * j}`);
    for (let k = 3; k <= d; k += 2) close(c[k], 0, 1e-12, `relu N=${d} c_${k}`);
  }
  for (const name of ['sigmoid', 'tanh']) {
    const low = chebyshevSeries(activation(name), 16, I).polynomial.coefficients;
    const high = chebyshevSeries(activation(name), 64, I).polynomial.coefficients;
    for (let k = 0; k <= 16; k++) close(high[k], low[k], 1e-14, `${name} c_${k}`);
  }
});

test('chebyshevSeries of a smooth function: exp on [0, 1] against the Bessel closed form', () => {
  // e^x on [0, 1]: x = (1 + t)/2, e^x = e^(1/2) e^(t/2) = e^(1/2) (I_0(1/2) + 2 sum I_k(1/2) T_k(t)).
  const besselI = (k: number, z: number): number => {
    let s = 0, term = (z / 2) ** k;
    for (let j = 1; j <= k; j++) term /= j;
    for (let m = 0; m < 30; m++) {
      s += term;
      term *= (z * z) / 4 / ((m + 1) * (m + 1 + k));
    }
    return s;
  };
  const c = chebyshevSeries(activation('exp(x)'), 5, [0, 1]).polynomial.coefficients;
  c.forEach((v, k) => close(v, Math.exp(0.5) * (k === 0 ? 1 : 2) * besselI(k, 0.5), 1e-15, `c${k}`));
});

test('a polynomial of degree <= N is reproduced exactly by every method of degree N', () => {
  const mono = [3, -0.25, 0.0125, 1e-4, -2e-7];
  const q = Polynomial.fromMonomial(mono, I);
  const f: Activation = { name: 'q', value: (x) => q.evaluate(x), derivative: (x) => q.derivative().evaluate(x) };
  const xs = [-200, -123.4, 0, 55.5, 200];
  const cases: [string, Record<string, unknown>][] = [
    ['numerical', { nodes: 'chebyshev', m: 50 }],
    ['numerical', { nodes: 'uniform', m: 20, seed: 3 }],
    ['numerical', { nodes: 'normal', m: 20, seed: 3 }],
    ['chebyshev', {}],
    ['taylor', {}],
    ['taylor', { z: 17, scale: 150, order: 6 }],
    ['derivative', {}],
    ['derivative', { inner: 'numerical', nodes: 'uniform', m: 30 }],
    ['derivative', { inner: 'taylor' }],
  ];
  for (const N of [4, 6]) {
    for (const [method, options] of cases) {
      const p = fit(method, f, N, I, options).polynomial;
      assert.equal(p.degree, N);
      for (const x of xs) close(p.evaluate(x), q.evaluate(x), 1e-10, `${method} ${JSON.stringify(options)} N=${N} x=${x}`);
    }
  }
});

test('numerical fit: params report nodes, m and seed; same seed -> bit-identical; Chebyshev roots reproduce the series', () => {
  const f = activation('relu');
  const r1 = numericalFit(f, 3, I, { nodes: 'uniform' });
  assert.deepEqual(r1.params, { nodes: 'uniform', m: 1000, seed: 1 });
  assert.deepEqual(numericalFit(f, 3, I, { nodes: 'uniform', seed: 1 }).polynomial.coefficients, r1.polynomial.coefficients);
  assert.notDeepEqual(numericalFit(f, 3, I, { nodes: 'uniform', seed: 2 }).polynomial.coefficients, r1.polynomial.coefficients);
  assert.deepEqual(numericalFit(f, 2, I).params, { nodes: 'chebyshev', m: 1000 });
  // On m Chebyshev roots with m > N, least squares is the discrete Chebyshev transform: the
  // series up to aliasing, here ~|c_{2m-k}| ~ 1e-4 for ReLU (c_k ~ 1/k^2), 1e-6 relative.
  const a = numericalFit(f, 4, I, { nodes: 'chebyshev', m: 1000 }).polynomial.coefficients;
  const b = chebyshevSeries(f, 4, I).polynomial.coefficients;
  a.forEach((v, k) => close(v, b[k], 2e-4, `c${k}`));
  // Given nodes: interpolation when m = N + 1.
  const p = numericalFit(activation('x^2'), 2, [0, 3], { nodes: [0, 1, 2] }).polynomial.monomial();
  [0, 0, 1].forEach((v, k) => close(p[k], v, 1e-14));
});

test('Krogh: Newton divided differences, Hermite with repeated nodes, Taylor coefficients', () => {
  // f = x^3 at 0, 1, 2, 3: divided differences 0, 1, 3, 1.
  assert.deepEqual(newtonCoefficients([0, 1, 2, 3], (x) => x ** 3), [0, 1, 3, 1]);
  // Hermite: f = x^3 with f(1), f'(1), f(2), f'(2) -> reproduces x^3 exactly.
  const xs = [1, 1, 2, 2];
  const nc = newtonCoefficients(xs, (x) => x ** 3, (x) => 3 * x * x);
  const tc = newtonToTaylor(nc, xs, 0);
  [0, 0, 0, 1].forEach((v, k) => close(tc[k], v, 1e-13, `x^${k}`));
  // Taylor coefficients of x^3 at z = 2: 8, 12, 6, 1.
  const t2 = newtonToTaylor(newtonCoefficients([0, 1, 2, 3], (x) => x ** 3), [0, 1, 2, 3], 2);
  [8, 12, 6, 1].forEach((v, k) => close(t2[k], v, 1e-13));
  assert.throws(() => newtonCoefficients([1, 1], (x) => x), /expected a derivative/);
  assert.throws(() => newtonCoefficients([1, 1, 1], (x) => x, () => 1), /more than twice/);
});

test('Taylor: nodes cos(k pi/n) as scipy; parameters; smooth f converges to the true Taylor series', () => {
  assert.deepEqual(taylorNodes(4), [1, Math.cos(Math.PI / 4), Math.cos(Math.PI / 2), Math.cos((3 * Math.PI) / 4)]);
  assert.equal(taylorNodes(5)[0], 1);
  assert.deepEqual(taylor(activation('tanh'), 3, I).params, { z: 0, scale: 400, order: 5 });
  // exp around 0 with a small node spread: coefficients -> 1/k!.
  const m = taylor(activation('exp(x)'), 4, [-1, 1], { z: 0, scale: 0.5, order: 12 }).polynomial.monomial();
  [1, 1, 1 / 2, 1 / 6, 1 / 24].forEach((v, k) => close(m[k], v, 1e-9, `x^${k}`));
});

test('derivative approach: constants left (p(a) = f(a)) and zero (p(0) = 0); prime replaces f\'', () => {
  const relu = activation('relu');
  const left = derivativeFit(relu, 4, I).polynomial;
  close(left.evaluate(-200), 0, 1e-12);
  const tanh = activation('tanh');
  const zero = derivativeFit(tanh, 3, I, { constant: 'zero' }).polynomial;
  assert.ok(Math.abs(zero.evaluate(0)) < 1e-15);
  const leftTanh = derivativeFit(tanh, 3, I).polynomial;
  close(leftTanh.evaluate(-200), -1, 1e-12);
  const viaSigmoid = derivativeFit(relu, 2, I, { prime: 'sigmoid' });
  assert.equal(viaSigmoid.params.prime, 'sigmoid');
  assert.equal(viaSigmoid.params.inner, 'chebyshev');
  // The derivative of the result is the inner fit of f'.
  const d = left.derivative().coefficients;
  const inner = chebyshevSeries({ name: 'H', value: relu.derivative, derivative: () => 0, breakpoints: [0] }, 3, I).polynomial.coefficients;
  inner.forEach((v, k) => close(d[k], v, 1e-14));
});

test('bad input: InputError naming the argument', () => {
  const relu = activation('relu');
  const is = (arg: string) => (e: unknown) => e instanceof InputError && e.argument === arg;
  assert.throws(() => fit('chebyshev', relu, 2, [200, -200]), is('interval'));
  assert.throws(() => fit('chebyshev', relu, 2, [-Infinity, 0]), is('interval'));
  assert.throws(() => fit('chebyshev', relu, 2.5, I), is('degree'));
  assert.throws(() => fit('chebyshev', relu, -1, I), is('degree'));
  assert.throws(() => fit('chebyshev', relu, 65, I), is('degree'));
  assert.throws(() => fit('numerical', relu, 4, I, { m: 4 }), (e: unknown) => e instanceof InputError && e.argument === 'm' && /m > 4/.test(e.message));
  assert.throws(() => fit('numerical', relu, 4, I, { nodes: 'gauss' }), is('nodes'));
  assert.throws(() => fit('numerical', relu, 2, I, { nodes: [1, 1, 1, 1] }), is('nodes'));
  assert.throws(() => fit('numerical', relu, 2, I, { node: 'uniform' }), is('node'));
  assert.throws(() => fit('numerical', relu, 2, I, { nodes: 'uniform', seed: NaN }), is('seed'));
  assert.throws(() => fit('minimaxx', relu, 2, I), is('method'));
  assert.throws(() => fit('taylor', relu, 2, I, { z: 500 }), is('z'));
  assert.throws(() => fit('taylor', relu, 2, I, { scale: 0 }), is('scale'));
  assert.throws(() => fit('taylor', relu, 4, I, { order: 3 }), is('order'));
  assert.throws(() => fit('derivative', relu, 0, I), is('degree'));
  assert.throws(() => fit('derivative', relu, 2, I, { inner: 'derivative' }), is('inner'));
  assert.throws(() => fit('derivative', relu, 2, I, { constant: 'right' }), is('constant'));
  assert.throws(() => fit('derivative', relu, 2, I, { nodes: 'uniform' }), is('nodes'));
  assert.throws(() => fit('chebyshev', activation('log(x)'), 2, I), (e: unknown) => e instanceof InputError && /not finite at x = -200/.test(e.message));
  assert.throws(() => fit('chebyshev', activation('sqrt(x)'), 2, [-1, 1]), /not finite/);
});
