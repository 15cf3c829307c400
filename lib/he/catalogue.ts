/**
 * The polynomials the HE table compares: the paper's best (Table 6 cells, coefficients as printed
 * in Tables 1-3), CryptoDL's (Tables 4-5, as printed; their labels are swapped, see SPEC.md) and
 * the minimax polynomials of the optimal issue (when the `minimax` method is registered).
 */
import { activation } from '../activations';
import { fit } from '../fit/index';
import { getMethod } from '../fit/types';
import { PAPER_INTERVAL, paperRows, paperSummary, rowPolynomial } from '../paper/data';
import { Polynomial, type Interval } from '../polynomial';
import { InputError } from '../errors';

export interface HeCandidate {
  /** Short label, e.g. `paper best relu N=4 (numerical, uniform)`. */
  readonly label: string;
  readonly source: 'paper' | 'CryptoDL' | 'minimax';
  /** Activation name. */
  readonly fn: string;
  readonly degree: number;
  readonly polynomial: Polynomial;
}


/** Table 6: the paper's best polynomial per function and degree (9 polynomials on [-200, 200]). */
export function paperBestPolynomials(): HeCandidate[] {
  return paperSummary.table6.map((cell) => {
    const row = paperRows().find((r) => r.table <= 3 && r.function === cell.function && r.degree === cell.degree && r.method === cell.method && (cell.nodes === undefined || r.nodes === cell.nodes));
    if (!row) throw new Error(`no Table 1-3 row for the Table 6 cell ${cell.function} N=${cell.degree} ${cell.method}`);
    const how = row.nodes ? `${row.method}, ${row.nodes}` : row.method;
    return { label: `paper best ${row.function} N=${row.degree} (${how})`, source: 'paper' as const, fn: row.function, degree: row.degree, polynomial: rowPolynomial(row) };
  });
}

/** Tables 4-5: CryptoDL's polynomials for ReLU and tanh, labelled as printed. */
export function cryptoDLPolynomials(): HeCandidate[] {
  return [...paperRows(4), ...paperRows(5)].map((row) => ({
    label: `CryptoDL ${row.function} N=${row.degree} ("${row.method}"${row.inner ? `, ${row.inner}` : ''})`,
    source: 'CryptoDL' as const, fn: row.function, degree: row.degree, polynomial: rowPolynomial(row),
  }));
}

/** Whether the optimal issue's `minimax` method is registered. */
export function hasMinimax(): boolean {
  return getMethod('minimax') !== undefined;
}

/** Minimax polynomials of the given degrees (empty when `minimax` is not registered yet). */
export function minimaxPolynomials(fn: string, degrees: readonly number[], interval: Interval = PAPER_INTERVAL): HeCandidate[] {
  if (!hasMinimax()) return [];
  if (!Array.isArray(degrees) || degrees.length === 0) throw new InputError('degrees', 'expected a non-empty list of degrees');
  const f = activation(fn);
  return degrees.map((d) => ({ label: `minimax ${fn} N=${d}`, source: 'minimax' as const, fn, degree: d, polynomial: fit('minimax', f, d, interval).polynomial }));
}
