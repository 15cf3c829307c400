/** The HE table's summaries (pure functions of the rows, no SEAL run). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heTableSummary, heTimesByDepth, type HeTableRow } from '../lib/he/table';

const row = (depth: number, N: number, heMax: number, tolerance: number, enc: number, plain: number, ms: number, us: number): HeTableRow =>
  ({ depth, N, heMax, tolerance, maxLossEncrypted: enc, maxLossPlaintext: plain, msPerCiphertext: ms, usPerActivation: us } as unknown as HeTableRow);

test('heTableSummary: worst HE error over its bound, largest max_loss change', () => {
  const rows = [row(2, 8192, 1e-6, 1e-4, 0.1, 0.1 + 3e-8, 10, 1), row(3, 16384, 5e-6, 1e-5, 0.2, 0.2 - 7e-8, 20, 2)];
  const s = heTableSummary(rows);
  assert.equal(s.worstErrorToBound, 0.5);
  assert.ok(Math.abs(s.largestMaxLossShift - 7e-8) < 1e-15);
});

test('heTimesByDepth: medians per depth (numpy\'s median: mean of the middle two for even counts)', () => {
  const rows = [row(2, 8192, 0, 1, 0, 0, 10, 1), row(2, 8192, 0, 1, 0, 0, 30, 3), row(3, 16384, 0, 1, 0, 0, 5, 7), row(3, 16384, 0, 1, 0, 0, 9, 8), row(3, 16384, 0, 1, 0, 0, 6, 9)];
  const [d2, d3, d4] = heTimesByDepth(rows);
  assert.deepEqual(d2, { depth: 2, polynomials: 2, 'ring N': '8192', 'median ms / ciphertext': 20, 'median us / activation': 2 });
  assert.deepEqual(d3, { depth: 3, polynomials: 3, 'ring N': '16384', 'median ms / ciphertext': 6, 'median us / activation': 8 });
  assert.equal(d4.polynomials, 0);
  assert.ok(Number.isNaN(d4['median ms / ciphertext'] as number));
});
