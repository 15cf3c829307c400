import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activation } from '../lib/activations';
import { InputError } from '../lib/errors';
import { metrics } from '../lib/metrics';
import { paperRows, paperSummary } from '../lib/paper/data';
import { Polynomial } from '../lib/polynomial';
import { compareMethods, equalPairs, inputDistributionStudy, intervalStudy, table6Optimal } from '../lib/optimal/study';
import { NOTEBOOK_DEGREES, NOTEBOOK_GRID } from '../lib/optimal/notebook';

test("Table 6: the certified optimal rho is below the paper's best in every cell (201-point grid), ReLU N = 2 by 32%", () => {
  const rows = table6Optimal({ denseGrid: 20001 });
  assert.equal(rows.length, paperSummary.table6.length);
  for (const r of rows) {
    assert.ok(r.optimalRho < r.paperRho && r.gainPercent > 0.5, `${r.fn} ${r.degree}: ${r.optimalRho} vs ${r.paperRho}`);
    assert.ok(r.optimalRhoLower <= r.optimalRho && r.optimalRho - r.optimalRhoLower <= 1e-7 * r.optimalRho);
  }
  const relu2 = rows.find((r) => r.fn === 'relu' && r.degree === 2)!;
  assert.ok(Math.abs(relu2.denseMinimaxMaxLoss - 1 / 16) < 1e-12);
  assert.ok(relu2.gainPercent > 32 && relu2.gainPercent < 33, String(relu2.gainPercent));
});

test("the paper's printed polynomials (Tables 1-5) never beat the certified optima", () => {
  const optimal = new Map<string, { rho: number; maxLoss: number }>();
  for (const fn of ['relu', 'sigmoid', 'tanh'] as const) {
    const c = compareMethods(fn, [-200, 200], [2, 3, 4], { grid: 201, variants: [] });
    for (const o of c.optimum) optimal.set(`${fn}-${o.degree}`, { rho: o.rhoLower, maxLoss: o.maxLossLower });
  }
  const rows = paperRows();
  assert.equal(rows.length, 77);
  for (const r of rows) {
    const f = activation(r.function);
    const p = Polynomial.fromMonomial(r.coefficients, [-200, 200]);
    const opt = optimal.get(`${r.function}-${r.degree}`)!;
    assert.ok(metrics(f, p, [-200, 200], { grid: 201 }).rho >= opt.rho, `${r.id}: rho`);
    // max_loss on the continuum (dense grid) against the minimax lower bound.
    assert.ok(metrics(f, p, [-200, 200], { grid: 20001 }).maxLoss >= opt.maxLoss * (1 - 1e-9), `${r.id}: max_loss`);
  }
});

test('every case of notebook 07: rho-optimal has the lowest rho and minimax the lowest max_loss of all methods', () => {
  for (const fn of ['relu', 'sigmoid', 'tanh']) {
    const c = compareMethods(fn, [-200, 200], NOTEBOOK_DEGREES, { grid: NOTEBOOK_GRID });
    assert.equal(c.rows.filter((r) => r.error).length, 0);
    for (const o of c.optimum) {
      for (const r of c.rows.filter((row) => row.degree === o.degree)) {
        assert.ok(r.rho >= o.rhoLower, `${fn} ${r.label} N=${o.degree}: rho ${r.rho} < ${o.rhoLower}`);
        // Grid max <= continuum max, so allow the grid's resolution (1e-6 relative on 20001 points).
        assert.ok(r.maxLoss >= o.maxLossLower * (1 - 1e-6), `${fn} ${r.label} N=${o.degree}: max_loss ${r.maxLoss} < ${o.maxLossLower}`);
      }
    }
  }
});

test('equal pairs and the interval study', () => {
  const pairs = equalPairs('relu', [-200, 200], [2, 3, 4, 5, 6]);
  assert.deepEqual(pairs.map((p) => p.sameAsNext), [true, false, true, false, null], "degree 7 was not computed: no claim about 6");
  const cells = intervalStudy('sigmoid', [4, 200], [2, 4], { grid: 2001 });
  const at = (L: number, N: number) => cells.find((c) => c.halfWidth === L && c.degree === N)!;
  // The interval dominates: on [-4, 4] degree 2 is 4x better than degree 4 on [-200, 200].
  assert.ok(at(4, 2).optimalRho * 4 < at(200, 4).optimalRho);
  for (const c of cells) assert.ok(c.optimalRho <= c.chebyshevRho + 1e-12);
  // tanh(x) = 2 sigmoid(2x) - 1: normalised, tanh on [-4, 4] is the sigmoid on [-8, 8] (same optima).
  const [t4] = intervalStudy('tanh', [4], [3], { grid: 2001 }), [s8] = intervalStudy('sigmoid', [8], [3], { grid: 2001 });
  assert.ok(Math.abs(t4.optimalRho - s8.optimalRho) < 1e-9 && Math.abs(t4.minimaxMaxLoss - s8.minimaxMaxLoss) < 1e-9);
  assert.throws(() => intervalStudy('sigmoid', [-1], [2]), (e: unknown) => e instanceof InputError && e.argument === 'halfWidths');
  assert.throws(() => compareMethods('relu', [-1, 1], []), (e: unknown) => e instanceof InputError && e.argument === 'degrees');
});

test('inputs concentrated near 0 (N(0, 20^2)): weighted has the lowest input-weighted error, minimax the lowest rho', () => {
  for (const fn of ['relu', 'sigmoid']) {
    const rows = inputDistributionStudy(fn, [-200, 200], [2, 4], { sd: 20, grid: 2001 });
    for (const N of [2, 4]) {
      const rs = rows.filter((r) => r.degree === N);
      const w = rs.find((r) => r.label.startsWith('weighted'))!;
      for (const r of rs) if (r !== w) assert.ok(w.inputRmse < r.inputRmse, `${fn} ${N}: ${r.label}`);
      // ...at the price of the worst case: its uniform rho is the largest.
      assert.ok(rs.every((r) => r.rho <= w.rho), `${fn} ${N}: rho`);
    }
  }
  assert.throws(() => inputDistributionStudy('relu', [-1, 1], [2], { sd: 0 }), (e: unknown) => e instanceof InputError && e.argument === 'sd');
});
