/**
 * Tables 6-8 recomputed from the row comparisons.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareRows } from '../lib/paper/rows';
import { table6, table7, table8 } from '../lib/paper/summary';

// 20 seeds keep this test fast; the medians it uses move by less than the margins asserted.
const rows = compareRows([1, 2, 3, 4, 5], { seeds: 20 });
const t6 = table6(rows);

test("Table 6: the paper's selection is the best of its own printed rows in all nine cells", () => {
  assert.equal(t6.length, 9);
  for (const c of t6) assert.ok(c.selectionAgrees, `${c.function} ${c.degree}`);
  assert.deepEqual(t6.map((c) => c.printed!.rho.text), ['0.0925', '0.0924', '0.0575', '0.4827', '0.4606', '0.4606', '0.4912', '0.4737', '0.4755']);
});

test('Table 6 recomputed: numerical (uniform) best for ReLU, the Chebyshev series (or its equal, Chebyshev roots) otherwise', () => {
  for (const c of t6) {
    if (c.function === 'relu') assert.match(c.best201.label, /uniform/);
    else assert.match(c.best201.label, /Chebyshev/, `${c.function} ${c.degree}: ${c.best201.label}`);
  }
  const tanh3 = t6.find((c) => c.function === 'tanh' && c.degree === 3)!;
  assert.equal(tanh3.best201.rho.toFixed(4), '0.4755');
});

test('Table 7: the best CryptoDL rows are the ones labelled "Chebyshev"', () => {
  const t7 = table7(rows);
  assert.deepEqual(t7.map((c) => c.bestPrinted.label), Array(6).fill('"Chebyshev"'));
  assert.deepEqual(t7.map((c) => c.printed!.rho.text), ['0.0938', '0.0938', '0.0586', '0.4885', '0.4728', '0.4728']);
});

test('Table 8: differences of the printed Table 6, and which printed cells are slips', () => {
  const t8 = table8(t6);
  assert.deepEqual(t8.map((d) => d.fromPrintedTable6), [0.0001, 0.035, 0.0349, 0.0221, 0.0221, 0, 0.0175, 0.0157, 0.0018]);
  assert.deepEqual(t8.map((d) => d.consistent), [false, true, false, true, true, true, false, false, false]);
  for (const d of t8.filter((x) => !x.consistent)) assert.ok(d.note && d.note.length > 10);
});
