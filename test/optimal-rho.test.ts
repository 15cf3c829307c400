import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activation } from '../lib/activations';
import { InputError } from '../lib/errors';
import { minimax } from '../lib/fit/minimax';
import { rhoOptimal } from '../lib/fit/rho-optimal';
import type { RhoCertificate } from '../lib/fit/rho-optimal';
import { metrics, linspace } from '../lib/metrics';
import { Polynomial } from '../lib/polynomial';

const cert = (r: { certificate?: unknown }): RhoCertificate => r.certificate as RhoCertificate;
const close = (a: number, b: number, tol: number, msg = ''): void => assert.ok(Math.abs(a - b) <= tol, `${msg}: ${a} vs ${b} (tol ${tol})`);
const relu = activation('relu'), sigmoid = activation('sigmoid'), tanh = activation('tanh');

test('certificate: lower bound <= achieved rho within 1e-7, and the achieved rho is what metrics() measures', () => {
  for (const f of [relu, sigmoid, tanh]) {
    for (const N of [2, 3, 4, 8]) {
      const r = rhoOptimal(f, N, [-200, 200], { grid: 201 });
      const c = cert(r);
      assert.ok(c.lowerBound <= c.rho && c.rho - c.lowerBound <= 1e-7 * c.rho, `${f.name} ${N}: ${c.lowerBound} .. ${c.rho}`);
      const m = metrics(f, r.polynomial, [-200, 200], { grid: 201 });
      close(m.rho, c.rho, 1e-12, `${f.name} ${N}: metrics rho`);
      close(m.maxLoss, c.maxLoss, 1e-12, `${f.name} ${N}: metrics max_loss`);
    }
  }
});

test('ReLU: the rho-optimal polynomial is the minimax one (max_loss 1/16 at N = 2), sigmoid and tanh: it is not', () => {
  const r = rhoOptimal(relu, 2, [-200, 200], { grid: 201 });
  close(cert(r).maxLoss, 1 / 16, 1e-7, 'relu max_loss');
  for (const f of [sigmoid, tanh]) {
    // A dense grid: on the paper's 201 points the grid max can dip below the continuum minimax level.
    const rho = rhoOptimal(f, 3, [-200, 200], { grid: 20001 });
    const mm = minimax(f, 3, [-200, 200], { grid: 20001 });
    const mmMetrics = metrics(f, mm.polynomial, [-200, 200], { grid: 20001 });
    // Lower rho, lower MSE, but a larger max_loss than the minimax polynomial.
    assert.ok(cert(rho).rho < mmMetrics.rho - 1e-5, `${f.name}: rho ${cert(rho).rho} vs minimax ${mmMetrics.rho}`);
    assert.ok(cert(rho).mse < mmMetrics.mse - 1e-3, `${f.name}: mse`);
    assert.ok(cert(rho).maxLoss > (mm.certificate as { maxLossLower: number }).maxLossLower + 1e-4, `${f.name}: max_loss`);
  }
});

test('optimality: every small move of any coefficient increases rho (sigmoid N = 3, tanh N = 4 on 2001 points)', () => {
  for (const [f, N] of [[sigmoid, 3], [tanh, 4]] as const) {
    const r = rhoOptimal(f, N, [-200, 200], { grid: 2001 });
    const best = metrics(f, r.polynomial, [-200, 200], { grid: 2001 }).rho;
    const c = r.polynomial.coefficients;
    for (let k = 0; k < c.length; k++) {
      for (const d of [1e-3, -1e-3, 1e-5, -1e-5]) {
        const moved = new Polynomial(c.map((v, j) => (j === k ? v + d : v)), r.polynomial.domain);
        const rho = metrics(f, moved, [-200, 200], { grid: 2001 }).rho;
        assert.ok(rho >= best * (1 - 1e-9), `${f.name} ${N}: T_${k} ${d}: ${rho} < ${best}`);
      }
    }
  }
});

test('independent check: degree 1 on a small grid against nested exact ternary searches (rho is convex)', () => {
  const xs = linspace(51, -10, 10), ys = Array.from(xs, (x) => sigmoid.value(x));
  const lo = Math.min(...ys), w = Math.max(...ys) - lo;
  const rho = (c0: number, c1: number): number => {
    let sq = 0, mx = 0;
    xs.forEach((x, i) => { const e = Math.abs(ys[i] - (c0 + c1 * x / 10)) / w; sq += e * e; mx = Math.max(mx, e); });
    return Math.hypot(sq / xs.length, mx);
  };
  const ternary = (g: (v: number) => number, a: number, b: number): number => {
    for (let i = 0; i < 200; i++) { const m1 = a + (b - a) / 3, m2 = b - (b - a) / 3; if (g(m1) < g(m2)) b = m2; else a = m1; }
    return (a + b) / 2;
  };
  const inner = (c1: number): number => rho(ternary((c0) => rho(c0, c1), -2, 2), c1);
  const c1 = ternary(inner, -2, 2);
  const brute = inner(c1);
  const r = cert(rhoOptimal(sigmoid, 1, [-10, 10], { grid: 51 }));
  close(r.rho, brute, 1e-9, 'rho');
  assert.ok(r.lowerBound <= brute + 1e-12);
});

test('exact reproduction: a polynomial of degree <= N has rho 0', () => {
  const f = activation('x^2 - 4*x + 7');
  const r = rhoOptimal(f, 3, [-3, 8], { grid: 1001 });
  assert.ok(cert(r).rho < 1e-13);
  assert.equal(cert(r).lowerBound, 0);
  const m = r.polynomial.monomial();
  [7, -4, 1, 0].forEach((v, k) => close(m[k], v, 1e-10, `x^${k}`));
});

test('bad input: InputError naming the argument', () => {
  const bad: [() => unknown, string][] = [
    [() => rhoOptimal(relu, 3, [-1, 1], { grid: 4 }), 'grid'],
    [() => rhoOptimal(relu, 3, [-1, 1], { grid: 1.5 }), 'grid'],
    [() => rhoOptimal(relu, 3, [-1, 1], { range: [1, 0] }), 'range'],
    [() => rhoOptimal(relu, 3, [-1, 1], { tolerance: 0 }), 'tolerance'],
    [() => rhoOptimal(relu, 3, [-1, 0]), 'f'],
    [() => rhoOptimal(relu, 3, [-1, 1], { nodes: 'uniform' } as never), 'nodes'],
  ];
  for (const [fn, arg] of bad) assert.throws(fn, (e: unknown) => e instanceof InputError && e.argument === arg, arg);
});
