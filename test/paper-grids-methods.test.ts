/** The tables notebooks 03 and 04 show, computed in lib/paper: four methods side by side, paper grid vs dense grid. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fourMethodsRhoTable } from '../lib/paper/methods';
import { gridComparison, gridShifts, gridShiftSummary } from '../lib/paper/grids';
import { reproducePaper } from '../lib/paper/reproduction';

const I: [number, number] = [-200, 200];

test('four methods, dense grid: the paper\'s conclusions (numerical best for ReLU, Chebyshev for sigmoid and tanh) and the closed forms', () => {
  const rows = fourMethodsRhoTable(I, { nodes: 'uniform', m: 1000, seed: 1 });
  assert.equal(rows.length, 9);
  for (const r of rows) assert.equal(r.best, r.function === 'relu' ? 'numerical (uniform nodes)' : 'Chebyshev', `${r.function} N=${r.N}`);
  const relu2 = rows.find((r) => r.function === 'relu' && r.N === 2)!;
  // Chebyshev series of ReLU, N = 2: max_loss 1/(3 pi) at x = 0 (a dense-grid point), so rho is just above it.
  const cheb = relu2.Chebyshev as number;
  assert.ok(cheb > 1 / (3 * Math.PI) && cheb < 1 / (3 * Math.PI) + 1e-4, String(cheb));
  // Taylor N = 2 (0.001472x^2 + 0.5x + 40): max_loss 40/200 = 0.2 at x = 0.
  assert.ok(Math.abs((relu2.Taylor as number) - 0.2) < 2e-4, String(relu2.Taylor));
  // Equal pairs: the Chebyshev series of ReLU has no odd terms above 1, so N = 2 and N = 3 coincide.
  assert.equal(rows.find((r) => r.function === 'relu' && r.N === 3)!.Chebyshev, cheb);
});

test('paper grid vs dense grid: sigmoid Chebyshev N = 3 max_loss 0.4594 on 201 points, 0.4615 on 100001 (SPEC); ReLU unchanged', () => {
  const rows = gridComparison(I);
  const s3 = rows.find((r) => r.function === 'sigmoid' && r.N === 3)!;
  assert.equal(s3['max_loss 201'].toFixed(4), '0.4594');
  assert.equal(s3['max_loss 100001'].toFixed(4), '0.4615');
  for (const r of rows.filter((x) => x.function === 'relu')) assert.equal(r['max_loss 201'], r['max_loss 100001'], `relu N=${r.N}`);
});

test('grid shifts over the 39 deterministic rows: max_loss never falls on the dense grid', () => {
  const shifts = gridShifts(reproducePaper().rows);
  const summary = gridShiftSummary(shifts);
  assert.equal(summary.rows, 39);
  assert.ok(shifts.every((s) => s.increase >= 0));
  assert.ok(summary.changed > 0 && summary.changed < 39, String(summary.changed));
  assert.equal(summary.largestIncrease, Math.max(...shifts.map((s) => s.increase)));
});
