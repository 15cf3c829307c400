import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activation } from '../lib/activations';
import { InputError } from '../lib/errors';
import { minimax } from '../lib/fit/minimax';
import type { MinimaxCertificate } from '../lib/fit/minimax';
import { metrics } from '../lib/metrics';
import { RemezConvergenceError } from '../lib/optimal/remez';

const cert = (r: { certificate?: unknown }): MinimaxCertificate => r.certificate as MinimaxCertificate;
const close = (a: number, b: number, tol: number, msg = ''): void => assert.ok(Math.abs(a - b) <= tol, `${msg}: ${a} vs ${b} (tol ${tol})`);
const relu = activation('relu'), sigmoid = activation('sigmoid'), tanh = activation('tanh');

test('ReLU on [-200, 200]: degree 1 max_loss 1/4 and degree 2 max_loss 1/16 exactly (|t|: best quadratic error 1/8)', () => {
  const c1 = cert(minimax(relu, 1, [-200, 200]));
  close(c1.maxLossLower, 0.25, 1e-12, 'deg 1 lower');
  close(c1.maxLossUpper, 0.25, 1e-12, 'deg 1 upper');
  const r2 = minimax(relu, 2, [-200, 200]);
  const c2 = cert(r2);
  close(c2.maxLossLower, 1 / 16, 1e-12, 'deg 2 lower');
  close(c2.maxLossUpper, 1 / 16, 1e-12, 'deg 2 upper');
  // On the paper's 201-point grid the extreme errors sit on grid points (0, +-100, +-200).
  close(metrics(relu, r2.polynomial, [-200, 200], { grid: 201 }).maxLoss, 1 / 16, 1e-12, 'deg 2 on the 201 grid');
  // ReLU = x/2 + |x|/2 and the best quadratic for |t| on [-1, 1] is t^2 + 1/8: p = 100 t + 100 t^2 + 12.5.
  const mono = r2.polynomial.monomial();
  close(mono[0], 12.5, 1e-9, 'c0');
  close(mono[1], 0.5, 1e-12, 'c1');
  close(mono[2], 1 / 400, 1e-14, 'c2');
  const abs = minimax(activation('abs(x)'), 2, [-1, 1]);
  close(cert(abs).upperBound, 1 / 8, 1e-12, '|t| error');
  const m = abs.polynomial.monomial();
  close(m[0], 1 / 8, 1e-12, '|t| c0');
  close(m[1], 0, 1e-12, '|t| c1');
  close(m[2], 1, 1e-12, '|t| c2');
});

test('closed form: best linear approximation of exp on [0, 1] has error (2 - e + (e - 1) ln(e - 1)) / 2', () => {
  const e = Math.E;
  const r = minimax(activation('exp(x)'), 1, [0, 1]);
  close(cert(r).upperBound, (2 - e + (e - 1) * Math.log(e - 1)) / 2, 1e-12, 'error');
  close(r.polynomial.monomial()[1], e - 1, 1e-10, 'slope');
});

test('certificate: N + 2 alternating points at the levelled error, lower <= upper within the tolerance', () => {
  const cases: [typeof relu, number][] = [];
  for (const f of [relu, sigmoid, tanh]) for (const N of [1, 2, 3, 4, 5, 8]) cases.push([f, N]);
  cases.push([relu, 16], [sigmoid, 16], [tanh, 16], [activation('gelu'), 6], [activation('elu'), 5]);
  for (const [f, N] of cases) {
    const c = cert(minimax(f, N, [-200, 200], { grid: 2001 }));
    const { x, error } = c.alternation;
    assert.equal(x.length, N + 2, `${f.name} ${N}: reference size`);
    assert.ok(c.equioscillation >= N + 2, `${f.name} ${N}: equioscillation ${c.equioscillation}`);
    for (let i = 1; i < x.length; i++) {
      assert.ok(x[i] > x[i - 1], `${f.name} ${N}: ascending`);
      assert.ok(Math.sign(error[i]) === -Math.sign(error[i - 1]), `${f.name} ${N}: alternating signs`);
    }
    for (const v of error) assert.ok(Math.abs(v) >= c.lowerBound * (1 - 1e-12), `${f.name} ${N}: |error| >= lower`);
    assert.ok(c.lowerBound <= c.upperBound, `${f.name} ${N}: lower <= upper`);
    assert.ok(c.upperBound - c.lowerBound <= 1e-9 * c.upperBound, `${f.name} ${N}: gap`);
    assert.ok(c.gridMaxLoss <= c.maxLossUpper * (1 + 1e-12), `${f.name} ${N}: grid max <= continuum max`);
  }
});

test('equal pairs: ReLU (x/2 + even) and sigmoid/tanh (odd + constant) best approximations coincide for consecutive degrees', () => {
  const same = (f: typeof relu, N: number): void => {
    const p = minimax(f, N, [-200, 200], { grid: 201 }), q = minimax(f, N + 1, [-200, 200], { grid: 201 });
    const scale = Math.max(...q.polynomial.coefficients.map(Math.abs));
    q.polynomial.coefficients.forEach((v, k) => close(v, p.polynomial.coefficients[k] ?? 0, 1e-7 * scale, `${f.name} ${N} vs ${N + 1}, T_${k}`));
    close(cert(p).maxLossUpper, cert(q).maxLossUpper, 1e-9, `${f.name} ${N} vs ${N + 1} max_loss`);
    // The first of the pair equioscillates on N + 3 points (it is also best for degree N + 1).
    assert.equal(cert(p).equioscillation, N + 3, `${f.name} ${N}: equioscillation`);
  };
  same(relu, 2); same(relu, 4); same(relu, 8);
  same(sigmoid, 1); same(sigmoid, 3); same(sigmoid, 7);
  same(tanh, 1); same(tanh, 3);
  // ...and not across pairs: degree 3 -> 4 improves ReLU.
  assert.ok(cert(minimax(relu, 4, [-200, 200], { grid: 201 })).maxLossUpper < 0.0625 * 0.6);
});

test('exact reproduction of a polynomial of degree <= N (max error 0, no alternation)', () => {
  const f = activation('3*x^3 - 2*x + 1');
  for (const N of [3, 5]) {
    const r = minimax(f, N, [-2, 5], { grid: 1001 });
    const m = r.polynomial.monomial();
    [1, -2, 0, 3, 0, 0].slice(0, N + 1).forEach((v, k) => close(m[k], v, 1e-11, `N=${N} x^${k}`));
    assert.equal(cert(r).lowerBound, 0);
    assert.ok(cert(r).maxLossUpper < 1e-13);
  }
});

test('non-convergence ends with a clear error stating what was reached', () => {
  assert.throws(() => minimax(sigmoid, 8, [-200, 200], { maxIterations: 1, grid: 201 }), (e: unknown) => {
    assert.ok(e instanceof RemezConvergenceError);
    assert.match(e.message, /did not converge for degree 8 after 1 iterations: reached lower bound [\d.e-]+, upper bound [\d.e-]+/);
    assert.ok(e.reached.lowerBound < e.reached.upperBound);
    return true;
  });
});

test('bad input: InputError naming the argument', () => {
  const bad: [() => unknown, string][] = [
    [() => minimax(relu, -1, [-1, 1]), 'degree'],
    [() => minimax(relu, 2.5, [-1, 1]), 'degree'],
    [() => minimax(relu, 2, [1, 1]), 'interval'],
    [() => minimax(relu, 2, [-1, 1], { tolerance: 2 }), 'tolerance'],
    [() => minimax(relu, 2, [-1, 1], { searchGrid: 3 }), 'searchGrid'],
    [() => minimax(relu, 2, [-1, 1], { breakpoints: [NaN] }), 'breakpoints[0]'],
    [() => minimax(relu, 2, [-1, 1], { tolerence: 1e-3 } as never), 'tolerence'],
  ];
  for (const [fn, arg] of bad) assert.throws(fn, (e: unknown) => e instanceof InputError && e.argument === arg, arg);
});
