/**
 * The paper's published numbers (Tables 1-8) as typed data, transcribed from
 * ../shared/paper/paper.ru.txt into data/paper/*.json (see data/paper/README.md).
 */
import { Polynomial, type Interval } from '../polynomial';
import { printedNumber, type PrintedNumber } from './printed';

/** The paper's interval for every table. */
export const PAPER_INTERVAL: Interval = [-200, 200];

export type PaperFunction = 'relu' | 'sigmoid' | 'tanh';
/** The paper's methods; `legendre` occurs only as a CryptoDL label (Tables 4-5). */
export type PaperMethod = 'numerical' | 'taylor' | 'chebyshev' | 'derivative' | 'legendre';
export type NodeRule = 'uniform' | 'normal' | 'chebyshev';

/** A known slip of the printed text: what is printed and what it should read. */
export interface Slip {
  readonly field: string;
  readonly printed: string;
  readonly corrected: string;
  readonly note: string;
}

/** One polynomial of Tables 1-5. */
export interface PaperRow {
  /** Stable id, e.g. `T1-numerical-uniform-2`, `T1-derivative-heaviside-4`, `T4-legendre-2`. */
  readonly id: string;
  readonly table: 1 | 2 | 3 | 4 | 5;
  readonly function: PaperFunction;
  /** The method as the paper labels it (for Tables 4-5: CryptoDL's label, which may be swapped). */
  readonly method: PaperMethod;
  /** Node rule of the numerical method in Tables 1-3. */
  readonly nodes?: NodeRule;
  /** ReLU derivative approach: the step approximated (`heaviside`) or CryptoDL's `sigmoid`. */
  readonly inner?: 'heaviside' | 'sigmoid';
  /** The table's N (a Table 5 row for N = 4 prints a cubic). */
  readonly degree: number;
  /** The polynomial as printed (one line, paper notation, slips kept). */
  readonly printed: string;
  /** Monomial coefficients, ascending, slips corrected. */
  readonly coefficients: readonly number[];
  readonly mse: PrintedNumber;
  readonly maxLoss: PrintedNumber;
  readonly rho: PrintedNumber;
  readonly slips: readonly Slip[];
}

/** A cell of Table 6 or 7: the best method for one function and degree. */
export interface SummaryCell {
  readonly function: PaperFunction;
  readonly degree: number;
  readonly method: PaperMethod;
  readonly nodes?: NodeRule;
  readonly label?: string;
  readonly rho: PrintedNumber;
  readonly slips: readonly Slip[];
}

/** A cell of Table 8: |rho(best, degree i) - rho(best, degree j)|. */
export interface DifferenceCell {
  readonly function: PaperFunction;
  readonly pair: readonly [number, number];
  readonly printed: PrintedNumber;
  readonly slips: readonly Slip[];
}

interface RawRow {
  table: 1 | 2 | 3 | 4 | 5; function: PaperFunction; method: PaperMethod; nodes?: NodeRule; inner?: 'heaviside' | 'sigmoid';
  degree: number; printed: string; coefficients: number[]; mse: string; maxLoss: string; rho: string; slips?: Slip[];
}
interface RawSummary { function: PaperFunction; degree: number; method: PaperMethod; nodes?: NodeRule; label?: string; rho: string; slips?: Slip[] }
interface RawDifference { function: PaperFunction; pair: [number, number]; printed: string; slips?: Slip[] }

// require() rather than import: JSON loads the same way under tsx, node:test and tslab.
/* eslint-disable @typescript-eslint/no-var-requires */
const rawPolynomials = require('../../data/paper/polynomials.json') as { rows: RawRow[] };
const rawSummary = require('../../data/paper/summary.json') as { table6: RawSummary[]; table6Best: RawSummary[]; table7: RawSummary[]; table7Best: RawSummary[] };
const rawDifferences = require('../../data/paper/differences.json') as { table8: RawDifference[] };

/** The printed number of a metric field, with a decimal-comma slip ("0, 0696") already corrected in the JSON. */
function metric(text: string): PrintedNumber {
  return printedNumber(text);
}

export function rowId(r: { table: number; method: string; nodes?: string; inner?: string; degree: number }): string {
  return ['T' + r.table, r.method, r.nodes ?? r.inner, String(r.degree)].filter(Boolean).join('-');
}

const rows: readonly PaperRow[] = Object.freeze(rawPolynomials.rows.map((r) => Object.freeze({
  id: rowId(r), table: r.table, function: r.function, method: r.method, nodes: r.nodes, inner: r.inner,
  degree: r.degree, printed: r.printed, coefficients: Object.freeze(r.coefficients.slice()),
  mse: metric(r.mse), maxLoss: metric(r.maxLoss), rho: metric(r.rho), slips: Object.freeze(r.slips ?? []),
})));

function summary(cells: RawSummary[]): readonly SummaryCell[] {
  return Object.freeze(cells.map((c) => Object.freeze({ ...c, rho: printedNumber(c.rho), slips: c.slips ?? [] })));
}

/** Every polynomial of Tables 1-5 (77 rows), in the paper's order. */
export function paperRows(table?: number): readonly PaperRow[] {
  return table === undefined ? rows : rows.filter((r) => r.table === table);
}

/** A printed row's polynomial on [-200, 200] (its monomial coefficients, slips corrected). */
export function rowPolynomial(row: PaperRow): Polynomial {
  return Polynomial.fromMonomial(row.coefficients, PAPER_INTERVAL);
}

/** One row by id (see PaperRow.id); undefined if there is none. */
export function paperRow(id: string): PaperRow | undefined {
  return rows.find((r) => r.id === id);
}

/** Tables 6 and 7 as printed: the best cell per function and degree, and the best overall per function. */
export const paperSummary = Object.freeze({
  table6: summary(rawSummary.table6),
  table6Best: summary(rawSummary.table6Best),
  table7: summary(rawSummary.table7),
  table7Best: summary(rawSummary.table7Best),
});

/** Table 8 as printed. */
export const paperDifferences: readonly DifferenceCell[] = Object.freeze(rawDifferences.table8.map((d) => Object.freeze({
  function: d.function, pair: [d.pair[0], d.pair[1]] as const, printed: printedNumber(d.printed), slips: d.slips ?? [],
})));

/** Is this a random-node row (numerical method on uniform or normal nodes: the sample is unknown)? */
export function isRandomRow(r: PaperRow): boolean {
  return r.method === 'numerical' && (r.nodes === 'uniform' || r.nodes === 'normal');
}
