/**
 * The paper's numbers as data (data/paper/): shape, the printed text against the typed
 * coefficients, and spot values read off the paper.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paperRows, paperRow, paperSummary, paperDifferences, isRandomRow } from '../lib/paper/data';
import { parsePrintedPolynomial, printedNumber, matchesPrinted, roundTo } from '../lib/paper/printed';
import { InputError } from '../lib/errors';

test('77 polynomials: Tables 1-5 with 21, 18, 18, 11, 9 rows and unique ids', () => {
  const counts = [1, 2, 3, 4, 5].map((t) => paperRows(t).length);
  assert.deepEqual(counts, [21, 18, 18, 11, 9]);
  assert.equal(new Set(paperRows().map((r) => r.id)).size, 77);
  // 39 deterministic and 18 random-node rows in Tables 1-3 (SPEC.md).
  const t13 = paperRows().filter((r) => r.table <= 3);
  assert.equal(t13.filter(isRandomRow).length, 18);
  assert.equal(t13.filter((r) => !isRandomRow(r)).length, 39);
});

test('every row: N in 2..4, at most N + 1 finite coefficients, metrics in [0, 1], rho >= max_loss to the printed digits', () => {
  for (const r of paperRows()) {
    assert.ok([2, 3, 4].includes(r.degree), r.id);
    assert.ok(r.coefficients.length >= 2 && r.coefficients.length <= r.degree + 1, r.id);
    assert.ok(r.coefficients.every(Number.isFinite), r.id);
    for (const m of [r.mse, r.maxLoss, r.rho]) assert.ok(m.value >= 0 && m.value <= 1, r.id);
    // rho = sqrt(mse^2 + maxLoss^2) from the printed (rounded) values, to one unit of the last printed digit.
    const rho = Math.hypot(r.mse.value, r.maxLoss.value);
    assert.ok(Math.abs(rho - r.rho.value) <= 1.01 * 10 ** -r.rho.decimals + 10 ** -r.maxLoss.decimals, `${r.id}: ${rho} vs ${r.rho.text}`);
  }
});

test('the printed polynomial (slips applied) parses to exactly the typed coefficients', () => {
  for (const r of paperRows()) {
    let text = r.printed;
    for (const s of r.slips) if (s.field === 'printed') text = text.replace(s.printed, s.corrected);
    assert.deepEqual(parsePrintedPolynomial(text), [...r.coefficients], r.id);
  }
});

test('spot values read off the paper', () => {
  const t1 = paperRow('T1-numerical-uniform-4')!;
  assert.deepEqual([...t1.coefficients], [11.49, 0.5021, 0.004124, -2.154e-8, -5.178e-8]);
  assert.equal(t1.rho.text, '0.0575');
  const cheb = paperRow('T1-chebyshev-2')!;
  assert.deepEqual([...cheb.coefficients], [21.22, 0.5, 0.002122]);
  assert.deepEqual([cheb.mse.text, cheb.maxLoss.text, cheb.rho.text], ['0.0015', '0.1061', '0.1061']);
  assert.equal(paperRow('T2-chebyshev-3')!.maxLoss.text, '0.4594');
  assert.equal(paperRow('T1-numerical-normal-3')!.mse.decimals, 3); // printed "0.004"
  assert.equal(paperRow('T1-taylor-2')!.maxLoss.decimals, 1); // printed "0.2"
  assert.deepEqual([...paperRow('T4-chebyshev-2')!.coefficients], [18.75, 0.5, 0.00234]);
  assert.deepEqual([...paperRow('T5-legendre-4')!.coefficients], [0, 0.0127, 0, -2.1219e-7]);
  assert.equal(paperRow('T3-derivative-2')!.rho.text, '0.5083');
});

test('the known slips are marked, with the printed text beside the corrected value', () => {
  const slip = (id: string) => paperRow(id)!.slips[0];
  assert.equal(slip('T2-derivative-2').printed, '10^22');
  assert.equal(paperRow('T2-derivative-2')!.coefficients[2], -5.818e-22);
  assert.equal(slip('T1-chebyshev-4').printed, '9.181e·10^-21');
  assert.equal(slip('T4-legendre-4').printed, '+ -3.517');
  assert.equal(slip('T5-numerical-2').printed, '0, 0696');
  assert.equal(paperRow('T5-numerical-2')!.mse.value, 0.0696);
  const relu23 = paperDifferences.find((d) => d.function === 'relu' && d.pair[1] === 3)!;
  assert.equal(relu23.printed.text, '0.001');
  assert.equal(relu23.slips[0].corrected, '0.0001');
  assert.equal(paperDifferences.filter((d) => d.function === 'tanh' && d.slips.length === 1).length, 3);
  const rowsWithSlips = paperRows().filter((r) => r.slips.length > 0).map((r) => r.id);
  assert.deepEqual(rowsWithSlips, ['T1-chebyshev-4', 'T2-derivative-2', 'T4-legendre-4', 'T5-numerical-2', 'T5-chebyshev-2']);
});

test('Tables 6-7: nine and six cells whose rho is the printed rho of the named row', () => {
  assert.equal(paperSummary.table6.length, 9);
  assert.equal(paperSummary.table7.length, 6);
  for (const c of paperSummary.table6) {
    const id = ['T' + { relu: 1, sigmoid: 2, tanh: 3 }[c.function], c.method, c.nodes, c.degree].filter(Boolean).join('-');
    assert.equal(paperRow(id)!.rho.text, c.rho.text, id);
  }
  for (const c of paperSummary.table7) {
    const id = ['T' + (c.function === 'relu' ? 4 : 5), c.method, c.degree].join('-');
    assert.equal(paperRow(id)!.rho.text, c.rho.text, id);
  }
});

test('printed numbers: decimals, rounding to the printed digits, bad input', () => {
  assert.deepEqual(printedNumber('0.0013'), { text: '0.0013', value: 0.0013, decimals: 4 });
  assert.equal(printedNumber('0').decimals, 0);
  assert.equal(roundTo(0.00125, 4), '0.0013');
  assert.equal(roundTo(0.10605, 4), '0.1061');
  assert.ok(matchesPrinted(0.092549, printedNumber('0.0925')));
  assert.ok(!matchesPrinted(0.09255, printedNumber('0.0925')));
  assert.throws(() => printedNumber('0, 0696'), InputError);
  assert.deepEqual(parsePrintedPolynomial('-1.5·10^-5 x^2 + 0.008944x + 0.2'), [0.2, 0.008944, -1.5e-5]);
  assert.deepEqual(parsePrintedPolynomial('0.00637x'), [0, 0.00637]);
  assert.throws(() => parsePrintedPolynomial('0.5x + 0.5y'), /cannot read the term/);
});
