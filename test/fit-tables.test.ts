/**
 * Every deterministic row of Tables 1-3 of the paper (39 rows: numerical with Chebyshev roots and
 * m = 1000, Taylor, Chebyshev series, derivative approach; ReLU, sigmoid, tanh; N = 2, 3, 4),
 * recomputed and compared with the printed values (test/paper-tables.ts, typed from
 * paper.ru.txt): coefficients to the printed 4 significant digits, MSE and max_loss on the
 * 201-point grid numpy.linspace(-200, 200, 201) rounded to the printed 4 decimals.
 *
 * rho: 34 rows match rounded to 4 decimals. In 5 rows the printed rho is one unit lower in the
 * 4th decimal than ours, although MSE and max_loss of the same rows match: our rho = hypot of the
 * two printed-to-match components, so the paper truncated (rather than rounded) these five:
 *   Table 1 Taylor N = 2   0.200099 printed 0.2      Table 1 Taylor N = 3   0.150452 printed 0.1504
 *   Table 2 derivative N=2 0.687288 printed 0.6872   Table 3 Taylor N = 4   0.546770 printed 0.5467
 *   Table 3 Chebyshev N=2  0.491269 printed 0.4912
 * The last is the one row that contradicts the paper itself: Table 3 prints the same polynomial
 * (numerical on Chebyshev roots, N = 2) with identical MSE and max_loss and rho 0.4913, which is
 * the correctly rounded value. We assert our value there, and |ours - printed| < 1e-4 with
 * ours >= printed for the five.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activation } from '../lib/activations';
import { fit } from '../lib/fit/index';
import { metrics } from '../lib/metrics';
import { paperRows } from './paper-tables';

const I: [number, number] = [-200, 200];
const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;

/** Rows whose printed rho is truncated (see the header), keyed table/label/degree, with our rho to 6 decimals. */
const truncatedRho: Record<string, number> = {
  '1/Taylor/2': 0.200099,
  '1/Taylor/3': 0.150452,
  '2/derivative/2': 0.687288,
  '3/Taylor/4': 0.54677,
  '3/Chebyshev/2': 0.491269,
};

test('Tables 1-3: 39 deterministic rows', () => {
  assert.equal(paperRows.length, 39);
});

for (const row of paperRows) {
  const key = `${row.table}/${row.label}/${row.degree}`;
  test(`Table ${row.table}, ${row.fn}, ${row.label}, N = ${row.degree}`, () => {
    const f = activation(row.fn);
    const p = fit(row.method, f, row.degree, I, row.options).polynomial;
    const mono = p.monomial();
    assert.equal(mono.length, row.degree + 1);
    row.coefficients.forEach((printed, k) => {
      if (printed === null) {
        // A printed noise term (e.g. -7.846·10^-21 x^3): its contribution on [-200, 200] is rounding noise.
        assert.ok(Math.abs(mono[k]) * 200 ** k < 1e-11, `x^${k}: ${mono[k]} should be rounding noise`);
      } else {
        assert.equal(Number(mono[k].toPrecision(4)), Number(printed), `x^${k}: ${mono[k]} vs printed ${printed}`);
      }
    });
    const m = metrics(f, p, I, { grid: 201 });
    assert.equal(m.grid, 201);
    assert.equal(round4(m.mse), Number(row.mse), `MSE ${m.mse}`);
    assert.equal(round4(m.maxLoss), Number(row.maxLoss), `max_loss ${m.maxLoss}`);
    if (key in truncatedRho) {
      assert.equal(Number(m.rho.toFixed(6)), truncatedRho[key]);
      assert.ok(m.rho >= Number(row.rho) && m.rho - Number(row.rho) < 1e-4, `rho ${m.rho} vs printed (truncated) ${row.rho}`);
    } else {
      assert.equal(round4(m.rho), Number(row.rho), `rho ${m.rho}`);
    }
  });
}

test('Taylor noise terms match scipy approximate_taylor_polynomial (same nodes, same rounding source)', () => {
  // Table 2 Taylor N = 3 prints -2.054·10^-19 x^2, Table 3 Taylor N = 3 prints 2.429·10^-14 for the
  // constant: artefacts of cos(pi/2) = 6.1e-17 in scipy's nodes, which ours share (the exact
  // digits depend on the order of the divided differences; the magnitude does not).
  const s = fit('taylor', activation('sigmoid'), 3, I).polynomial.monomial();
  assert.ok(s[2] < -1.9e-19 && s[2] > -2.2e-19, `sigmoid x^2 ${s[2]}`);
  const t = fit('taylor', activation('tanh'), 3, I).polynomial.monomial();
  assert.ok(t[0] > 2.2e-14 && t[0] < 2.6e-14, `tanh constant ${t[0]}`);
});

test('sigmoid Chebyshev N = 3: the paper grid hides the error peak (SPEC: 0.4594 on 201 points, 0.4615 dense)', () => {
  const f = activation('sigmoid');
  const p = fit('chebyshev', f, 3, I).polynomial;
  assert.equal(round4(metrics(f, p, I, { grid: 201 }).maxLoss), 0.4594);
  assert.equal(round4(metrics(f, p, I).maxLoss), 0.4615);
});
