import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNumber, formatNumberLatex } from '../lib/display/format';
import { InputError } from '../lib/errors';

test('formatNumber: significant digits as the paper prints them', () => {
  assert.equal(formatNumber(0.09251234), '0.09251');
  assert.equal(formatNumber(0.0925), '0.0925');
  assert.equal(formatNumber(200 / (3 * Math.PI)), '21.22'); // ReLU Chebyshev N = 2 constant term
  assert.equal(formatNumber(800 / (3 * Math.PI) / 200 ** 2), '0.002122');
  assert.equal(formatNumber(0.5), '0.5');
  assert.equal(formatNumber(-1), '-1');
  assert.equal(formatNumber(123456.7), '123500');
  assert.equal(formatNumber(2 / 3, 2), '0.67');
  assert.equal(formatNumber(2 / 3, 17), '0.6666666666666666'); // shortest text of the rounded double
});

test('formatNumber: exponent notation outside [1e-4, 1e6)', () => {
  assert.equal(formatNumber(-5.818e-22), '-5.818e-22');
  assert.equal(formatNumber(1 / (1 + Math.exp(200))), '1.384e-87');
  assert.equal(formatNumber(0.00001234567), '1.235e-5');
  assert.equal(formatNumber(1e-4), '0.0001');
  assert.equal(formatNumber(999999.4), '1e6'); // rounds up across the boundary: exponent form
  assert.equal(formatNumber(2.5e6), '2.5e6');
  assert.equal(formatNumber(1e21, 3), '1e21');
});

test('formatNumber: zero, signed zero and non-finite values', () => {
  assert.equal(formatNumber(0), '0');
  assert.equal(formatNumber(-0), '0');
  assert.equal(formatNumber(NaN), 'NaN');
  assert.equal(formatNumber(Infinity), 'Infinity');
  assert.equal(formatNumber(-Infinity), '-Infinity');
});

test('formatNumber: bad digits is an InputError naming the argument', () => {
  assert.throws(() => formatNumber(1, 0), (e: unknown) => e instanceof InputError && e.argument === 'digits');
  assert.throws(() => formatNumber(1, 2.5), InputError);
  assert.throws(() => formatNumber(1, 18), InputError);
});

test('formatNumberLatex: powers of ten for exponent forms', () => {
  assert.equal(formatNumberLatex(-5.818e-22), '-5.818 \\times 10^{-22}');
  assert.equal(formatNumberLatex(2.5e6), '2.5 \\times 10^{6}');
  assert.equal(formatNumberLatex(0.0925), '0.0925');
  assert.equal(formatNumberLatex(NaN), '\\mathrm{NaN}');
  assert.equal(formatNumberLatex(-Infinity), '-\\infty');
});
