/**
 * Tables 4-5 (CryptoDL): the Legendre projection's closed form, and the swapped labels shown by
 * computing both projections.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activation } from '../lib/activations';
import { paperRow, paperRows } from '../lib/paper/data';
import { identifyCryptoDL, projectionComparison } from '../lib/paper/cryptodl';
import { legendre } from '../lib/fit/legendre';
import { compareRow, statusCounts } from '../lib/paper/rows';

test('Legendre projection of ReLU on [-200, 200], N = 2: 18.75 + 0.5x + 0.00234375x^2 (= 200(3/32 + t/2 + 15/32 t^2))', () => {
  const mono = legendre(activation('relu'), 2, [-200, 200]).polynomial.monomial();
  [18.75, 0.5, 0.00234375].forEach((v, k) => assert.ok(Math.abs(mono[k] - v) <= 1e-12 * v, `c${k}: ${mono[k]}`));
});

test('Legendre projection is the continuous least-squares fit: the error is orthogonal to 1, x, x^2 (tanh, N = 3)', () => {
  const f = activation('tanh');
  const p = legendre(f, 3, [-1, 1]).polynomial;
  // Composite Simpson on a fine grid: integral (f - p) x^k dx = 0 for k <= 3.
  const n = 20000, h = 2 / n;
  for (let k = 0; k <= 3; k++) {
    let s = 0;
    for (let i = 0; i <= n; i++) {
      const x = -1 + i * h, w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
      s += w * (f.value(x) - p.evaluate(x)) * x ** k;
    }
    assert.ok(Math.abs((s * h) / 3) < 1e-10, `k = ${k}: ${(s * h) / 3}`);
  }
});

test('the labels are swapped: "Legendre" rows are the Chebyshev series, "Chebyshev" rows the Legendre projection', () => {
  for (const r of paperRows().filter((x) => x.table >= 4 && (x.method === 'legendre' || x.method === 'chebyshev'))) {
    const names = identifyCryptoDL(r).matches.map((m) => m.candidate.method);
    if (r.id === 'T5-chebyshev-2') assert.deepEqual(names, [], 'tanh "Chebyshev" N = 2 matches neither');
    else assert.deepEqual(names, [r.method === 'legendre' ? 'chebyshev' : 'legendre'], r.id);
  }
  const relu2 = projectionComparison(paperRows()).find((l) => l.function === 'relu' && l.degree === 2)!;
  assert.equal(relu2.chebyshevSeries, '0.002122x^2 + 0.5x + 21.22');
  assert.equal(relu2.legendreProjection, '0.002344x^2 + 0.5x + 18.75');
  assert.equal(relu2.printedChebyshev, '0.00234x^2 + 0.5x + 18.75');
});

test('Tables 4-5: 12 slips in the paper, 8 not reproduced, each with its reason', () => {
  const rows = paperRows().filter((r) => r.table >= 4).map((r) => compareRow(r));
  assert.deepEqual(statusCounts(rows), { reproduced: 0, rounding: 0, 'slip in the paper': 12, 'random row': 0, 'not reproduced': 8 });
  const notReproduced = rows.filter((c) => c.status === 'not reproduced').map((c) => c.row.id);
  assert.deepEqual(notReproduced, ['T4-numerical-2', 'T4-numerical-3', 'T4-numerical-4', 'T4-derivative-sigmoid-2', 'T5-numerical-2', 'T5-numerical-3', 'T5-numerical-4', 'T5-chebyshev-2']);
  // The ReLU "derivative (sigmoid)" metrics do not belong to the printed polynomials.
  const d2 = rows.find((c) => c.row.id === 'T4-derivative-sigmoid-2')!;
  assert.equal(d2.printedMetrics.paperGrid.rho.toFixed(4), '0.2425');
  assert.match(d2.reason, /do not belong/);
  assert.equal(compareRow(paperRow('T4-derivative-sigmoid-3')!).printedMetrics.paperGrid.rho.toFixed(4), '0.1570');
});
