/**
 * The template notebook's generated text says only what was computed and shown: degree sets without
 * consecutive pairs, a single degree, and degenerate functions (a polynomial of degree <= N, odd
 * and even functions whose consecutive degrees tie exactly, a constant).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activation } from '../lib/activations';
import { InputError } from '../lib/errors';
import { comparisonFindings, comparisonTableRows, equalPairsTable, optimumTable } from '../lib/optimal/report';
import { compareMethods, equalPairs, pairSymmetry, type Comparison, type EqualPair } from '../lib/optimal/study';
import { Table } from '../lib/display/table';

const GRID = 2001;

/** Every cell text the notebook shows for these results (the three tables). */
function shownCells(c: Comparison, pairs?: readonly EqualPair[]): Set<string> {
  const tables = [optimumTable(c), new Table(comparisonTableRows(c)), ...(pairs ? [equalPairsTable(pairs)] : [])];
  const cells = new Set<string>();
  for (const t of tables) for (let r = 0; r < t.rows.length; r++) for (let k = 0; k < t.columns.length; k++) cells.add(t.cell(r, k));
  return cells;
}

/**
 * Each number the findings quote is a cell of a shown table, a degree, a count of degrees or an end
 * of the interval of the study, or one of the fixed thresholds the sentences name (rounding 1e-13,
 * symmetry 1e-12, 0.01%).
 */
function assertQuotesShown(findings: string, c: Comparison, pairs?: readonly EqualPair[]): void {
  const cells = shownCells(c, pairs);
  // degrees (and N + 1), counts of degrees ("at 3 of the 4 degrees"), the interval's ends
  const degrees = new Set([...c.optimum.flatMap((o) => [o.degree, o.degree + 1]), ...c.optimum.map((_, i) => i + 1), ...c.interval].map(String));
  const fixed = new Set(['1e-13', '1e-12', '0.01%', '2k', '1']);
  const body = findings.replace(/^\d+\. /gm, '');
  for (const m of body.matchAll(/(?<![\w.^-])-?\d+(?:\.\d+)?(?:e-?\d+)?%?k?/g)) {
    const q = m[0];
    assert.ok(cells.has(q) || degrees.has(q) || fixed.has(q) || cells.has(`< ${q}`), `"${q}" in the findings is not a shown number:\n${findings}`);
  }
}

test('no consecutive degrees computed: the findings say so and what would be needed, never "every extra degree helps"', () => {
  const f = activation('x * tanh(log(1 + exp(x)))', { name: 'Mish' });
  const c = compareMethods(f, [-6, 6], [2, 4], { grid: GRID });
  const pairs = equalPairs(f, [-6, 6], [2, 4]);
  assert.deepEqual(pairs.map((p) => [p.degree, p.nextMaxLoss, p.sameAsNext]), [[2, null, null], [4, null, null]]);
  assert.match(equalPairsTable(pairs).text(), /^2 .* not computed {2}not computed$/m);
  for (const findings of [comparisonFindings(c), comparisonFindings(c, { pairs })]) {
    assert.match(findings, /No degree N was computed together with N \+ 1, so these numbers cannot say whether one more degree helps; to see it, add N \+ 1 to the degrees/);
    assert.doesNotMatch(findings, /every extra degree helps|share the same/);
    assert.match(findings, /^2\. From N = 2 to N = 4 the best achievable rho falls from /m);
    assertQuotesShown(findings, c, pairs);
  }
  assert.equal(c.fn, 'Mish', 'the short name labels the study');
  assert.match(optimumTable(c).options.caption!, /^Certified optimum for Mish on \[-6, 6\]/);
});

test('with next: true every degree is compared with N + 1 (fitted for the purpose), and the findings report those pairs', () => {
  const f = activation('x * tanh(log(1 + exp(x)))');
  const c = compareMethods(f, [-6, 6], [2, 4], { grid: GRID });
  const pairs = equalPairs(f, [-6, 6], [2, 4], { next: true });
  const direct = equalPairs(f, [-6, 6], [2, 3, 4, 5]);
  assert.deepEqual(pairs.map((p) => p.nextMaxLoss), [direct[1].maxLoss, direct[3].maxLoss]);
  assert.deepEqual(pairs.map((p) => p.sameAsNext), [false, false]);
  assert.ok(pairs.every((p) => p.nextMaxLoss! < p.maxLoss));
  const findings = comparisonFindings(c, { pairs, symmetry: pairSymmetry(f, [-6, 6]) });
  assert.match(findings, /At every computed pair \(N = 2 and 4\) one more degree lowers the minimax max_loss: /);
  assertQuotesShown(findings, c, pairs);
});

test('a single degree: the values at that degree, no trend, no pair', () => {
  const c = compareMethods('gelu', [-8, 8], [4], { grid: GRID });
  const findings = comparisonFindings(c);
  assert.match(findings, /At N = 4, the only degree computed here, the best achievable rho is 0\.0\d+ and the best max_loss 0\.0\d+/);
  assert.doesNotMatch(findings, /falls|rises/);
  assert.match(findings, /No degree N was computed together with N \+ 1/);
  assert.match(findings, /At N = 4 the minimax polynomial's rho is within 0\.01% of the optimal rho/);
  assertQuotesShown(findings, c);
});

test('|x| on [-1, 1] (even): degrees 2 and 3 tie at max_loss exactly 1/8 (best quadratic x^2 + 1/8), and the findings say why', () => {
  const f = activation('abs(x)');
  const c = compareMethods(f, [-1, 1], [2, 3, 4], { grid: GRID });
  const pairs = equalPairs(f, [-1, 1], [2, 3, 4], { next: true });
  assert.ok(Math.abs(pairs[0].maxLoss - 0.125) < 1e-12 && Math.abs(pairs[1].maxLoss - 0.125) < 1e-12);
  assert.deepEqual(pairs.map((p) => p.sameAsNext), [true, false, true]);
  assert.equal(pairSymmetry(f, [-1, 1]), 'even + linear');
  const findings = comparisonFindings(c, { pairs, symmetry: pairSymmetry(f, [-1, 1]) });
  assert.match(findings, /The degree pairs \(2, 3\) and \(4, 5\) have the same minimax polynomial \(max_loss 0\.125 and 0\.06\d+\): one more degree buys nothing there; f is even \+ linear on this interval/);
  assert.match(findings, /At N = 3 one more degree lowers the minimax max_loss: 0\.125 to 0\.06\d+\./);
  assert.match(findings, /From N = 2 to N = 4 the best achievable rho falls from 0\.1252 to /);
  assertQuotesShown(findings, c, pairs);
  // the lower bounds agree with the values to the digits shown
  assert.deepEqual([0, 1, 2].map((r) => optimumTable(c).cell(r, 2)), ['equal', 'equal', 'equal']);
});

test('x^3 on [-1, 1] (odd, a polynomial of degree 3): degrees 1 and 2 tie at 1/8, degree 3 is exact to rounding', () => {
  const f = activation('x^3');
  const c = compareMethods(f, [-1, 1], [1, 2, 3], { grid: GRID });
  const pairs = equalPairs(f, [-1, 1], [1, 2, 3], { next: true });
  // best linear approximation of x^3 on [-1, 1]: (3/4) x, error 1/4; normalised by the range 2: 1/8
  assert.ok(Math.abs(pairs[0].maxLoss - 0.125) < 1e-12);
  assert.equal(pairSymmetry(f, [-1, 1]), 'odd + constant');
  const findings = comparisonFindings(c, { pairs, symmetry: 'odd + constant' });
  assert.match(findings, /^1\. At N = 3 the optimal max_loss is below 1e-13 of the range \(rounding\): on \[-1, 1\] f is a polynomial of degree 3 or less/);
  assert.match(findings, /The degree pair \(1, 2\) has the same minimax polynomial \(max_loss 0\.125\)/);
  assert.match(findings, /At N = 2 one more degree lowers the minimax max_loss: 0\.125 to < 1e-13\./);
  assert.doesNotMatch(findings, /Infinity|NaN|-0\.0/);
  assertQuotesShown(findings, c, pairs);
  const exactRow = comparisonTableRows(c, 3);
  assert.ok(exactRow.every((r) => r['rho above optimum (%)'] === undefined), 'no percentage of an optimum that is 0');
  assert.equal(optimumTable(c).cell(2, 1), '< 1e-13');
});

test('a polynomial of degree <= every N: one finding, the exact reproduction; no percentages, no trends', () => {
  const c = compareMethods('x^2 - x', [-2, 2], [2, 3], { grid: GRID });
  const findings = comparisonFindings(c, { pairs: equalPairs('x^2 - x', [-2, 2], [2, 3], { next: true }) });
  assert.equal(findings, '1. At N = 2 and 3 the optimal max_loss is below 1e-13 of the range (rounding): on [-2, 2] f is a polynomial of degree 2 or less, reproduced exactly there, and percentages above the optimum are not defined.');
  assert.equal(optimumTable(c).text().split('\n').filter((l) => /^[23] /.test(l)).every((l) => !/%/.test(l)), true);
});

test('tanh on [-3, 3]: the tie (3, 4) is detected from the comparison alone as an equal max_loss, not claimed as the same polynomial', () => {
  const c = compareMethods('tanh', [-3, 3], [3, 4], { grid: GRID });
  const findings = comparisonFindings(c);
  assert.match(findings, /The degree pair \(3, 4\) has the same minimax max_loss \(max_loss 0\.0564\): one more degree buys nothing there\./);
  assert.match(findings, /the best max_loss stays at 0\.0564/);
  assertQuotesShown(findings, c);
});

test('a constant: a clear InputError, not a table of NaN', () => {
  assert.throws(() => compareMethods('3 + 0*x', [-1, 1], [2]), (e: unknown) => e instanceof InputError && e.argument === 'f' && /constant/.test(e.message));
  assert.throws(() => equalPairs('3 + 0*x', [-1, 1], [2]), (e: unknown) => e instanceof InputError && e.argument === 'f' && /constant/.test(e.message));
  assert.equal(pairSymmetry('3 + 0*x', [-1, 1]), null);
});
