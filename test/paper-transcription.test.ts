/**
 * Double entry: the deterministic rows of Tables 1-3 were typed in twice, independently - once as
 * the data set in data/paper/ (lib/paper/data.ts) and once as the expectations of the numerics
 * tests (test/paper-tables.ts). A slip in either transcription shows up here as a disagreement.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paperRows } from '../lib/paper/data';
import type { PaperRow as DataRow } from '../lib/paper/data';
import { paperRows as typedRows } from './paper-tables';
import type { PaperRow as TypedRow } from './paper-tables';

function counterpart(t: TypedRow): DataRow {
  const candidates = paperRows(t.table).filter((d) =>
    d.function === t.fn && d.method === t.method && d.degree === t.degree &&
    (t.method !== 'numerical' || d.nodes === 'chebyshev') &&
    (t.method !== 'derivative' || t.fn !== 'relu' || d.inner === (t.label.includes('sigmoid') ? 'sigmoid' : 'heaviside')));
  assert.equal(candidates.length, 1, `one data row for Table ${t.table} ${t.label} ${t.fn} N=${t.degree}, found ${candidates.length}`);
  return candidates[0];
}

test('both transcriptions cover the same 39 deterministic rows of Tables 1-3', () => {
  assert.equal(typedRows.length, 39);
  const ids = new Set(typedRows.map((t) => counterpart(t).id));
  assert.equal(ids.size, 39, 'each typed row maps to a different data row');
});

test('both transcriptions agree on every printed metric and every printed (non-noise) coefficient', () => {
  for (const t of typedRows) {
    const d = counterpart(t);
    const where = `${d.id}`;
    assert.equal(d.mse.text, t.mse, `${where} MSE`);
    assert.equal(d.maxLoss.text, t.maxLoss, `${where} max_loss`);
    assert.equal(d.rho.text, t.rho, `${where} rho`);
    assert.equal(d.coefficients.length, t.coefficients.length, `${where} degree`);
    t.coefficients.forEach((c, k) => {
      if (c === null) return; // a printed floating-point noise term; the data set keeps its printed value
      const want = Number(c), got = d.coefficients[k];
      assert.ok(Math.abs(got - want) <= 1e-12 * Math.abs(want), `${where} c${k}: data ${got}, typed ${c}`);
    });
  }
});
