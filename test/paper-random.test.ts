/**
 * The random-node rows of Tables 1-3 as distributions over seeds (lib/paper/random).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRandomRow, paperRow, paperRows } from '../lib/paper/data';
import { randomRowDistribution, randomRowDistributions, spread } from '../lib/paper/random';
import { numericalFit, numericalFits } from '../lib/fit/index';
import { activation } from '../lib/activations';
import { quantile } from '../lib/statistics';
import { InputError } from '../lib/errors';

test('spread: mean, sample sd, numpy-style quantiles and the percentile of a value', () => {
  const s = spread([4, 1, 3, 2, 5], 3);
  assert.equal(s.mean, 3);
  assert.equal(s.sd, Math.sqrt(2.5));
  assert.deepEqual([s.min, s.median, s.max], [1, 3, 5]);
  assert.equal(s.p5, 1.2); // numpy.percentile([1..5], 5) = 1.2
  assert.equal(s.percentile, 50); // 2 below, 1 tie counted half: (2 + 0.5)/5
  assert.equal(quantile(Float64Array.from([0, 10]), 0.25), 2.5);
  assert.throws(() => spread([1], 0), InputError);
});

test('200 seeds with m = 1000: every printed rho lies inside the distribution (5th to 81st percentile)', () => {
  const rows = paperRows().filter(isRandomRow);
  assert.equal(rows.length, 18);
  const percentiles = rows.map((r) => {
    const d = randomRowDistribution(r, { seeds: 200, m: 1000 });
    assert.equal(d.seeds, 200);
    assert.ok(d.rho.min <= d.rho.printed && d.rho.printed <= d.rho.max, r.id);
    assert.equal(d.coefficients.length, r.degree + 1);
    return d.rho.percentile;
  });
  assert.equal(Math.min(...percentiles), 5);
  assert.equal(Math.max(...percentiles), 81);
});

test('the same seeds give bit-identical distributions; the paper tanh N = 3 row is at the 5th percentile', () => {
  const row = paperRow('T3-numerical-uniform-3')!;
  const a = randomRowDistribution(row, { seeds: 200 }), b = randomRowDistribution(row, { seeds: 200 });
  assert.deepEqual(a, b);
  assert.equal(a.rho.percentile, 5);
  assert.equal(a.rho.median.toFixed(4), '0.4804');
  assert.throws(() => randomRowDistribution(paperRow('T3-chebyshev-3')!), /random-node row/);
});

test('rows sharing a node rule and degree share nodes and QR: bit for bit the row-by-row numbers', () => {
  const rows = paperRows().filter(isRandomRow);
  assert.deepEqual(randomRowDistributions(rows, { seeds: 12 }), rows.map((r) => randomRowDistribution(r, { seeds: 12 })));
  const fs = ['relu', 'sigmoid', 'tanh'].map((n) => activation(n));
  const together = numericalFits(fs, 4, [-200, 200], { nodes: 'normal', m: 500, seed: 7 });
  fs.forEach((f, j) => assert.deepEqual(together[j], numericalFit(f, 4, [-200, 200], { nodes: 'normal', m: 500, seed: 7 })));
  assert.throws(() => numericalFits([], 2, [-1, 1]), /fs: expected at least one activation/);
  assert.throws(() => randomRowDistributions([paperRow('T3-chebyshev-3')!]), /random-node row/);
});
