import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activation } from '../lib/activations';
import { CompensatedSum, linspace, metrics } from '../lib/metrics';
import { Polynomial } from '../lib/polynomial';

const I: [number, number] = [-200, 200];
const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;

test('linspace is bit-identical to numpy.linspace (values printed by numpy 2.4)', () => {
  assert.deepEqual([...linspace(9, 0.1, 0.7)], [0.1, 0.175, 0.25, 0.32499999999999996, 0.4, 0.475, 0.5499999999999999, 0.625, 0.7]);
  assert.deepEqual([...linspace(13, -1.3, 2.9)], [-1.3, -0.95, -0.6, -0.25, 0.10000000000000009, 0.4500000000000002, 0.8,
    1.1500000000000001, 1.5000000000000002, 1.8500000000000003, 2.2, 2.5500000000000007, 2.9]);
  // i*step, not i/(n-1)*(b-a): numpy's 5 * (1/6) = 0.8333333333333333, not 5/6 = 0.8333333333333334.
  assert.deepEqual([...linspace(7, 0, 1)], [0, 0.16666666666666666, 0.3333333333333333, 0.5, 0.6666666666666666, 0.8333333333333333, 1]);
  const g = linspace(100001, -200, 200);
  assert.equal(g[12345], -150.62);
  assert.equal(g[77777], 111.108);
  assert.equal(g[100000], 200);
  const paper = linspace(201, -200, 200);
  for (let i = 0; i < 201; i++) assert.equal(paper[i], -200 + 2 * i);
  assert.deepEqual([...linspace(1, 3, 5)], [3]);
  assert.equal(linspace(0, 0, 1).length, 0);
});

test('Chebyshev series ReLU N = 2 closed form: max_loss = 1/(3 pi) at x = 0', () => {
  const p = Polynomial.fromMonomial([200 / (3 * Math.PI), 0.5, 800 / (3 * Math.PI) / 200 ** 2], I);
  const m = metrics(activation('relu'), p, I, { grid: 201 });
  assert.ok(Math.abs(m.maxLoss - 1 / (3 * Math.PI)) < 1e-15, `${m.maxLoss}`);
  assert.deepEqual(m.range, [0, 200]);
  assert.equal(m.grid, 201);
  assert.ok(Math.abs(m.rho - Math.sqrt(m.mse ** 2 + m.maxLoss ** 2)) < 1e-16);
});

test('metrics of polynomials printed in Table 1 and Table 3 (random-node rows) on the paper grid', () => {
  const cases: [string, number[], [number, number, number]][] = [
    // Table 1, uniform nodes, N = 2: 0.00236x^2 + 0.5006x + 18.5 -> 0.0013, 0.0925, 0.0925
    ['relu', [18.5, 0.5006, 0.00236], [0.0013, 0.0925, 0.0925]],
    // Table 1, uniform nodes, N = 4
    ['relu', [11.49, 0.5021, 0.004124, -2.154e-8, -5.178e-8], [0.0003, 0.0575, 0.0575]],
    // Table 3, uniform nodes, N = 2 and N = 3
    ['tanh', [-0.01842, 0.007516, 7.093e-8], [0.0612, 0.4938, 0.4976]],
    ['tanh', [0.002386, 0.01418, -1.734e-7, -2.775e-7], [0.0338, 0.4725, 0.4737]],
  ];
  for (const [fn, mono, [mse, maxLoss, rho]] of cases) {
    const m = metrics(activation(fn), Polynomial.fromMonomial(mono, I), I, { grid: 201 });
    assert.deepEqual([round4(m.mse), round4(m.maxLoss), round4(m.rho)], [mse, maxLoss, rho], `${fn} ${mono}`);
  }
});

test('range: the paper normalisation [0, 200], [0, 1], [-1, 1] on [-200, 200]; explicit range and points', () => {
  const zero = (): number => 0;
  const r = metrics(activation('relu'), zero, I, { grid: 201 });
  assert.deepEqual(r.range, [0, 200]);
  // |relu - 0| / 200 = x/200 on x >= 0: max 1, mean of (i/100)^2 over i = 0..100 divided by 201.
  assert.equal(r.maxLoss, 1);
  let s = 0;
  for (let i = 0; i <= 100; i++) s += (i / 100) ** 2;
  assert.ok(Math.abs(r.mse - s / 201) < 1e-16);
  const s2 = metrics(activation('sigmoid'), zero, I, { grid: 201 });
  assert.ok(Math.abs(s2.range[0]) < 1e-80 && s2.range[1] === 1);
  const t = metrics(activation('tanh'), zero, I, { grid: 11 });
  assert.deepEqual(t.range, [-1, 1]);
  const pts = metrics(activation('relu'), (x) => x, I, { points: [-2, 0, 2, 4], range: [0, 200] });
  assert.deepEqual(pts, { grid: 4, mse: 0.0001 / 4, mae: 0.01 / 4, maxLoss: 0.01, rho: Math.hypot(0.0001 / 4, 0.01), range: [0, 200] });
});

test('compensated sum: 1 + 1e-16 * 10^6 is exact where naive summation loses it', () => {
  const c = new CompensatedSum();
  let naive = 1;
  c.add(1);
  for (let i = 0; i < 1e6; i++) {
    c.add(1e-16);
    naive += 1e-16;
  }
  assert.equal(naive, 1);
  assert.ok(Math.abs(c.value() - (1 + 1e-10)) < 1e-16);
});

test('bad input', () => {
  const p = new Polynomial([1], I);
  assert.throws(() => metrics(activation('relu'), p, [200, -200]), /interval: expected a < b/);
  assert.throws(() => metrics(activation('relu'), p, I, { grid: 1 }), /grid: expected an integer/);
  assert.throws(() => metrics(activation('x^0'), p, I, { grid: 11 }), /^InputError: f: 'x\^0' is constant \(1\) on the 11 points of \[-200, 200\]; the metrics normalise by its range, which is 0; pass options.range$/);
  assert.throws(() => metrics(activation('1/x'), p, [-1, 1], { grid: 11 }), /^InputError: f: '1\/x' is not finite at x = 0 \(got Infinity\)$/);
  assert.throws(() => metrics(activation('relu'), () => NaN, I, { grid: 11 }), /p: the approximation is not finite/);
  assert.throws(() => linspace(2.5, 0, 1), /n: expected an integer/);
});
