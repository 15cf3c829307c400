import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chebyshevToPowerBasis, clenshaw, latexNumber, paperNumber, Polynomial } from '../lib/polynomial';
import { InputError } from '../lib/errors';

const close = (a: number, b: number, tol: number, msg = ''): void =>
  assert.ok(Math.abs(a - b) <= tol, `${msg} ${a} vs ${b} (|diff| ${Math.abs(a - b)} > ${tol})`);

/** Naive sum c_k T_k(t) with T_k(t) = cos(k arccos t) on [-1, 1]. */
const naive = (c: number[], t: number): number => c.reduce((s, ck, k) => s + ck * Math.cos(k * Math.acos(t)), 0);

test('Clenshaw equals the naive sum of c_k cos(k arccos t) on [-1, 1]', () => {
  const c = [0.3, -1.2, 0.75, 2.5, -0.125, 0.01, 3];
  for (let i = 0; i <= 40; i++) {
    const t = -1 + i / 20;
    close(clenshaw(c, t), naive(c, t), 1e-14, `t=${t}`);
  }
  // T_k(1) = 1, T_k(-1) = (-1)^k exactly.
  assert.equal(clenshaw([1, 2, 3], 1), 6);
  assert.equal(clenshaw([1, 2, 3], -1), 2);
});

test('T_k in the power basis: T_4 = 8t^4 - 8t^2 + 1, T_5 = 16t^5 - 20t^3 + 5t', () => {
  assert.deepEqual(chebyshevToPowerBasis([0, 0, 0, 0, 1]), [1, 0, -8, 0, 8]);
  assert.deepEqual(chebyshevToPowerBasis([0, 0, 0, 0, 0, 1]), [0, 5, 0, -20, 0, 16]);
});

test('monomial <-> Chebyshev round trip on [-200, 200] and on [0, 3]', () => {
  const mono = [11.49, 0.5021, 0.004124, -2.154e-8, -5.178e-8];
  const back = Polynomial.fromMonomial(mono, [-200, 200]).monomial();
  mono.forEach((v, k) => close(back[k], v, 1e-13 * Math.abs(v) + 1e-30, `x^${k}`));
  const m2 = [1, -2, 0.5, 0.25];
  const p2 = Polynomial.fromMonomial(m2, [0, 3]);
  p2.monomial().forEach((v, k) => close(v, m2[k], 1e-14, `x^${k}`));
  // The Chebyshev coefficients of x^2 on [-1, 1]: (T_0 + T_2)/2.
  assert.deepEqual([...Polynomial.fromMonomial([0, 0, 1], [-1, 1]).coefficients], [0.5, 0, 0.5]);
});

test('evaluate agrees with Horner on the monomial form, inside and outside the domain', () => {
  const mono = [21.22, 0.5, 0.002122];
  const p = Polynomial.fromMonomial(mono, [-200, 200]);
  for (const x of [-200, -137.5, 0, 3.25, 200, 400]) close(p.evaluate(x), mono[0] + x * (mono[1] + x * mono[2]), 1e-12 * 400);
  assert.deepEqual([...p.evaluateMany([0, 200])], [p.evaluate(0), p.evaluate(200)]);
});

test('derivative: d/dx (x^3 - 2x + 5) = 3x^2 - 2 on [-2, 5]; constant -> 0', () => {
  const d = Polynomial.fromMonomial([5, -2, 0, 1], [-2, 5]).derivative();
  assert.equal(d.degree, 2);
  d.monomial().forEach((v, k) => close(v, [-2, 0, 3][k], 1e-13, `x^${k}`));
  assert.deepEqual([...new Polynomial([7], [0, 1]).derivative().coefficients], [0]);
});

test('integral of the derivative returns p (constant from p(a)), and derivative of the integral returns p', () => {
  const p = new Polynomial([0.3, -1.2, 0.75, 2.5, -0.125], [-200, 200]);
  const a = -200;
  const back = p.derivative().integral({ at: a, value: p.evaluate(a) });
  for (const x of [-200, -50, 0, 77, 200]) close(back.evaluate(x), p.evaluate(x), 1e-13, `x=${x}`);
  const again = p.integral().derivative();
  p.coefficients.forEach((c, k) => close(again.coefficients[k], c, 1e-13, `c${k}`));
  // Default condition P(a) = 0; explicit P(0) = 1.
  assert.equal(p.integral().evaluate(-200), 0);
  close(p.integral({ at: 0, value: 1 }).evaluate(0), 1, 1e-13);
  // integral of 1 over [0, 2] from 0 is x: P(2) = 2.
  close(new Polynomial([1], [0, 2]).integral().evaluate(2), 2, 1e-15);
});

test('truncate, add, scale', () => {
  const p = new Polynomial([1, 2, 3], [-1, 1]);
  assert.deepEqual([...p.truncate(1).coefficients], [1, 2]);
  assert.deepEqual([...p.truncate(4).coefficients], [1, 2, 3, 0, 0]);
  assert.deepEqual([...p.add(new Polynomial([1], [-1, 1])).coefficients], [2, 2, 3]);
  assert.deepEqual([...p.scale(-2).coefficients], [-2, -4, -6]);
  assert.throws(() => p.add(new Polynomial([1], [0, 1])), InputError);
});

test('fromPowerSeries: sum d_k ((x - z)/s)^k', () => {
  const p = Polynomial.fromPowerSeries([1, 2, 3], [-200, 200], 10, 400);
  for (const x of [-200, 0, 10, 150]) {
    const w = (x - 10) / 400;
    close(p.evaluate(x), 1 + 2 * w + 3 * w * w, 1e-14);
  }
});

test('toString in the paper style, toLatex', () => {
  const p = Polynomial.fromMonomial([11.49, 0.5021, 0.004124, -2.154e-8, -5.178e-8], [-200, 200]);
  assert.equal(p.toString(), '-5.178·10^-8 x^4 - 2.154·10^-8 x^3 + 0.004124x^2 + 0.5021x + 11.49');
  assert.equal(p.toLatex(), '-5.178 \\cdot 10^{-8}\\,x^{4} - 2.154 \\cdot 10^{-8}\\,x^{3} + 0.004124x^{2} + 0.5021x + 11.49');
  const q = Polynomial.fromMonomial([200 / (3 * Math.PI), 0.5, 800 / (3 * Math.PI) / 40000], [-200, 200]);
  assert.equal(q.toString(), '0.002122x^2 + 0.5x + 21.22');
  assert.equal(q.toString({ digits: 6 }), '0.00212207x^2 + 0.5x + 21.2207');
  assert.equal(new Polynomial([0], [0, 1]).toString(), '0');
  assert.equal(Polynomial.fromMonomial([-1, 0, 1e-30], [-1, 1]).toString({ dropBelow: 1e-12 }), '-1');
  assert.equal(paperNumber(-5.1784e-8), '-5.178·10^-8');
  assert.equal(paperNumber(123456), '1.235·10^5');
  assert.equal(latexNumber(0.00382), '0.00382');
});

test('bad input names the argument', () => {
  assert.throws(() => new Polynomial([1], [1, 1]), /domain: expected a < b/);
  assert.throws(() => new Polynomial([], [0, 1]), /coefficients/);
  assert.throws(() => new Polynomial([NaN], [0, 1]), /coefficients\[0\]: expected a finite number/);
  assert.throws(() => Polynomial.fromMonomial([1, Infinity], [0, 1]), /monomial\[1\]/);
  assert.throws(() => new Polynomial([1], [0, 1]).integral({ at: NaN }), /condition.at/);
});
