import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activation } from '../lib/activations';
import { InputError } from '../lib/errors';
import { legendre } from '../lib/fit/legendre';
import { numericalFit } from '../lib/fit/numerical';
import { weightedFit } from '../lib/fit/weighted';
import { paperRows } from '../lib/paper/data';
import type { Polynomial } from '../lib/polynomial';

const close = (a: number, b: number, tol: number, msg = ''): void => assert.ok(Math.abs(a - b) <= tol, `${msg}: ${a} vs ${b} (tol ${tol})`);
const relu = activation('relu'), sigmoid = activation('sigmoid'), tanh = activation('tanh');
/** max |p - q| on 401 points of p's domain. */
const distance = (p: Polynomial, q: Polynomial): number => {
  const [a, b] = p.domain;
  let d = 0;
  for (let i = 0; i <= 400; i++) { const x = a + ((b - a) * i) / 400; d = Math.max(d, Math.abs(p.evaluate(x) - q.evaluate(x))); }
  return d;
};

test("legendre: CryptoDL's ReLU 'Chebyshev' N = 2 row 0.00234x^2 + 0.5x + 18.75 exactly (100 (t + 3/16 + 15/16 t^2))", () => {
  const m = legendre(relu, 2, [-200, 200]).polynomial.monomial();
  close(m[0], 18.75, 1e-12, 'c0');
  close(m[1], 0.5, 1e-14, 'c1');
  close(m[2], 15 / 16 * 100 / 200 ** 2, 1e-17, 'c2 = 0.00234375');
  // N = 4: l0 = 1/2, l2 = 5/8, l4 = -3/16 for |t|, so p(0) = 100 * 15/128 = 11.71875.
  const m4 = legendre(relu, 4, [-200, 200]).polynomial.monomial();
  close(m4[0], 11.71875, 1e-11, 'N=4 c0');
  close(m4[4], (100 * (-3 / 16) * 35 / 8) / 200 ** 4, 1e-20, 'N=4 c4');
});

test("legendre reproduces every CryptoDL 'Chebyshev' row of Table 4 to the printed digits (the labels are swapped)", () => {
  const rows = paperRows(4).filter((r) => r.method === 'chebyshev');
  assert.equal(rows.length, 3);
  for (const r of rows) {
    const m = legendre(relu, r.degree, [-200, 200]).polynomial.monomial();
    r.coefficients.forEach((printed, k) => {
      // Terms below 1e-12 of the scale are rounding residue of odd powers (exactly 0 here).
      const scale = 200 ** k;
      if (Math.abs(printed * scale) < 1e-9) close(m[k] * scale, 0, 1e-9, `${r.id} x^${k}`);
      else close(m[k], printed, 5e-3 * Math.abs(printed), `${r.id} x^${k}`);
    });
  }
});

test('legendre: exact for a polynomial of degree <= N; tanh is odd (even coefficients vanish)', () => {
  const m = legendre(activation('2*x^3 - x + 5'), 4, [-1, 3]).polynomial.monomial();
  [5, -1, 0, 2, 0].forEach((v, k) => close(m[k], v, 1e-12, `x^${k}`));
  const t = legendre(tanh, 5, [-200, 200]).polynomial.monomial();
  for (const k of [0, 2, 4]) close(t[k] * 200 ** k, 0, 1e-13, `tanh x^${k}`);
});

test('weighted: a uniform density (function, histogram) is the legendre projection, computed another way', () => {
  for (const f of [relu, sigmoid]) {
    const l = legendre(f, 5, [-200, 200]).polynomial;
    const scale = f === relu ? 200 : 1;
    assert.ok(distance(weightedFit(f, 5, [-200, 200], { density: () => 1 }).polynomial, l) < 1e-10 * scale, `${f.name} density 1`);
    const h = weightedFit(f, 5, [-200, 200], { histogram: { edges: [-200, -50, 100, 200], counts: [150, 150, 100] } }).polynomial;
    assert.ok(distance(h, l) < 1e-10 * scale, `${f.name} uniform histogram`);
  }
});

test('weighted: a histogram on [0, 50] only gives the continuous least squares on [0, 50]', () => {
  const w = weightedFit(sigmoid, 3, [-200, 200], { histogram: { edges: [-200, 0, 50, 200], counts: [0, 7, 0] } }).polynomial;
  const l = legendre(sigmoid, 3, [0, 50]).polynomial;
  for (let x = 0; x <= 50; x += 2.5) close(w.evaluate(x), l.evaluate(x), 1e-9, `x = ${x}`);
});

test('weighted: a very wide normal tends to legendre; a sample gives least squares on the sample points', () => {
  const l = legendre(tanh, 3, [-10, 10]).polynomial;
  const wide = weightedFit(tanh, 3, [-10, 10], { density: 'normal', sd: 1e5 }).polynomial;
  assert.ok(distance(wide, l) < 1e-8);
  const sample = [-9, -7.5, -3, -1, 0, 0.5, 2, 4, 8, 9.5, 42];
  const s = weightedFit(tanh, 3, [-10, 10], { sample });
  assert.equal(s.params.outside, 1);
  const n = numericalFit(tanh, 3, [-10, 10], { nodes: sample.slice(0, 10) }).polynomial;
  assert.ok(distance(s.polynomial, n) < 1e-12);
  // The default normal weight (paper's sigma = ceil((b - a)/6)) fits the middle better than the ends.
  const normal = weightedFit(sigmoid, 3, [-200, 200]);
  assert.deepEqual(normal.params, { weight: 'normal', mean: 0, sd: 67 });
  const err = (x: number, p: Polynomial): number => Math.abs(sigmoid.value(x) - p.evaluate(x));
  const lp = legendre(sigmoid, 3, [-200, 200]).polynomial;
  assert.ok(err(30, normal.polynomial) < err(30, lp) && err(199, normal.polynomial) > err(199, lp));
});

test('bad input: InputError naming the argument', () => {
  const bad: [() => unknown, string][] = [
    [() => weightedFit(relu, 2, [-1, 1], { sample: [0.5], density: 'normal' }), 'sample'],
    [() => weightedFit(relu, 2, [-1, 1], { sd: -1 }), 'sd'],
    [() => weightedFit(relu, 2, [-1, 1], { histogram: { edges: [0, 1], counts: [1, 2] } }), 'histogram'],
    [() => weightedFit(relu, 2, [-1, 1], { histogram: { edges: [0, 1, 1], counts: [1, 2] } }), 'histogram.edges'],
    [() => weightedFit(relu, 2, [-1, 1], { histogram: { edges: [0, 1, 2], counts: [1, -2] } }), 'histogram.counts[1]'],
    [() => weightedFit(relu, 2, [-1, 1], { sample: [0, 0.5, 7] }), 'sample'],
    [() => weightedFit(relu, 2, [-1, 1], { density: 'cauchy' as never }), 'density'],
    [() => weightedFit(relu, 2, [-1, 1], { density: () => -1 }), 'density'],
    [() => legendre(relu, 70, [-1, 1]), 'degree'],
  ];
  for (const [fn, arg] of bad) assert.throws(fn, (e: unknown) => e instanceof InputError && e.argument === arg, arg);
});
