/**
 * The paper's printed notation: numbers with their printed digits, and polynomials such as
 * `-2.834·10^-7 x^3 + 0.002358x^2 + 0.5074x + 18.47` (as transcribed in data/paper/).
 */
import { InputError } from '../errors';

/** A printed number: its value and how many decimals the paper gave it ("0.0013" -> 4, "0.2" -> 1, "0" -> 0). */
export interface PrintedNumber {
  readonly text: string;
  readonly value: number;
  readonly decimals: number;
}

/** Parse a printed metric like "0.0925" (plain decimal notation only, as the tables print metrics). */
export function printedNumber(text: string): PrintedNumber {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new InputError('text', `expected a plain decimal number such as 0.0925, got '${text}'`);
  return { text, value: Number(text), decimals: m[3] ? m[3].length : 0 };
}

/** `value` rounded to `decimals` decimals, as a string in the paper's form ("0.0013"). */
export function roundTo(value: number, decimals: number): string {
  // toFixed rounds the binary value; nudging by a relative 1e-12 keeps exact ties (0.00125) rounding up as printed.
  const nudged = value + Math.sign(value) * Math.abs(value) * 1e-12;
  return nudged.toFixed(decimals);
}

/** Does `value` show as the printed number when rounded to the printed decimals? */
export function matchesPrinted(value: number, printed: PrintedNumber): boolean {
  return Number(roundTo(value, printed.decimals)) === Number(printed.text);
}

const TERM = /^([+-]?)\s*(\d+(?:\.\d+)?)(?:\s*·\s*10\^(-?\d+))?\s*(?:x(?:\^(\d+))?)?$/;

/**
 * Monomial coefficients (ascending) of a polynomial in the paper's printed notation.
 * Terms are separated by ` + ` / ` - `; a coefficient is `d.ddd` or `d.ddd·10^e`; powers are `x`, `x^k`.
 */
export function parsePrintedPolynomial(text: string): number[] {
  // Split before every + or - that starts a term (not the sign of an exponent after ^).
  const terms = text.trim().replace(/\s+([+-])\s+/g, ' |$1').split('|').map((t) => t.replace(/\s+/g, ''));
  const coefficients: number[] = [];
  for (const term of terms) {
    const m = TERM.exec(term);
    if (!m) throw new InputError('text', `cannot read the term '${term}' of '${text}'; expected e.g. -2.834·10^-7x^3`);
    const [, sign, mantissa, exponent, power] = m;
    const k = term.includes('x') ? (power ? Number(power) : 1) : 0;
    const value = Number(`${sign}${mantissa}e${exponent ?? 0}`);
    while (coefficients.length <= k) coefficients.push(0);
    if (coefficients[k] !== 0) throw new InputError('text', `x^${k} appears twice in '${text}'`);
    coefficients[k] = value;
  }
  return coefficients;
}

/** One printed term: its power, value and number of significant digits printed ("0.0030" -> 2, "40" -> 1). */
export interface PrintedTerm {
  readonly power: number;
  readonly value: number;
  readonly digits: number;
}

/** The terms of a printed polynomial with their printed significant digits. */
export function parsePrintedTerms(text: string): PrintedTerm[] {
  const terms = text.trim().replace(/\s+([+-])\s+/g, ' |$1').split('|').map((t) => t.replace(/\s+/g, ''));
  const coefficients = parsePrintedPolynomial(text);
  return terms.map((term) => {
    const m = TERM.exec(term)!;
    const power = term.includes('x') ? (m[4] ? Number(m[4]) : 1) : 0;
    // Significant digits: drop the point, leading zeros, and (for integers only) trailing zeros.
    const mantissa = m[2];
    let digitsText = mantissa.replace('.', '').replace(/^0+/, '');
    if (!mantissa.includes('.')) digitsText = digitsText.replace(/0+$/, '');
    return { power, value: coefficients[power], digits: Math.max(1, digitsText.length) };
  });
}

/** The printed text with its `printed`-field slips corrected. */
export function correctedText(row: { printed: string; slips: readonly { field: string; printed: string; corrected: string }[] }): string {
  let text = row.printed;
  for (const s of row.slips) if (s.field === 'printed') text = text.replace(s.printed, s.corrected);
  return text;
}

/** `value` truncated (towards zero) to `decimals` decimals, as a string. */
export function truncateTo(value: number, decimals: number): string {
  const f = 10 ** decimals;
  return (Math.trunc(value * f * (1 + 1e-12)) / f).toFixed(decimals);
}
