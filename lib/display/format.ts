/**
 * Numbers in tables: significant digits as the paper prints them (0.0925, 21.22, 2.122e-3), with
 * exponent notation outside [1e-4, 1e6) so tiny coefficients like -5.818e-22 stay readable.
 */
import { requireInteger } from '../errors';

/** Mantissa and exponent of `x` rounded to `digits` significant digits, trailing zeros dropped. */
function exponential(x: number, digits: number): { mantissa: string; exponent: number } {
  const [m, e] = x.toExponential(digits - 1).split('e');
  const mantissa = m.includes('.') ? m.replace(/\.?0+$/, '') : m;
  return { mantissa, exponent: Number(e) };
}

/**
 * `x` with `digits` significant digits (default 4). Plain notation for 1e-4 <= |x| < 1e6, else
 * `1.234e-22`. Zero is `0`; NaN and infinities are spelled `NaN`, `Infinity`, `-Infinity`.
 */
export function formatNumber(x: number, digits = 4): string {
  requireInteger('digits', digits, 1, 17);
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const r = Number(x.toPrecision(digits)); // rounding first decides the notation (9.99995e5 -> 1e6)
  const ax = Math.abs(r);
  if (ax >= 1e-4 && ax < 1e6) return String(r);
  const { mantissa, exponent } = exponential(x, digits);
  return `${mantissa}e${exponent}`;
}

/** As formatNumber, for LaTeX math: `1.234 \times 10^{-22}` (inside $...$ by the caller). */
export function formatNumberLatex(x: number, digits = 4): string {
  const s = formatNumber(x, digits);
  if (!Number.isFinite(x)) return x !== x ? '\\mathrm{NaN}' : x > 0 ? '\\infty' : '-\\infty';
  const m = /^(-?[\d.]+)e([+-]?\d+)$/.exec(s);
  return m ? `${m[1]} \\times 10^{${Number(m[2])}}` : s;
}
