/**
 * The polynomials that replace ReLU in the trained network, all on [-200, 200] (the scaling, not
 * the polynomial, adapts to the data; see scaling.ts), by name:
 *
 *   relu                 the exact network
 *   paper-best-N         Table 1's best row of degree N = 2, 3, 4 (Table 6: the numerical method, uniform nodes), as printed
 *   chebyshev-N          truncated Chebyshev series of ReLU
 *   minimax-N            the minimax (Remez) polynomial of ReLU
 *   rho-optimal-N        the polynomial with the least rho (the paper's metric)
 *   weighted-N           least squares weighted by the measured pre-activation histogram (needs one)
 *   coefficients:c0,...  monomial coefficients in x, ascending
 */
import { relu } from '../activations';
import { InputError } from '../errors';
import { fit } from '../fit/index';
import { MAX_DEGREE } from '../fit/validate';
import type { Histogram } from '../fit/weighted';
import { networkPolynomial } from '../network/presets';
import { paperRow, paperSummary, rowPolynomial } from '../paper/data';
import { Polynomial } from '../polynomial';
import { PIXEL_RANGE } from '../network/architecture';

/** The methods of the accuracy study, in table order. */
export const MNIST_METHODS = ['paper', 'chebyshev', 'minimax', 'rho-optimal', 'weighted'] as const;
export type MnistMethod = (typeof MNIST_METHODS)[number];
/** Degrees of the study. */
export const MNIST_DEGREES: readonly number[] = [2, 3, 4, 5, 6, 7, 8];
/** Degrees the paper printed (Table 1). */
export const PAPER_DEGREES: readonly number[] = [2, 3, 4];

/** Table 1's best ReLU row of degree N (Table 6's choice), as printed, or null for a degree the paper did not print. */
export function paperBest(degree: number): Polynomial | null {
  const cell = paperSummary.table6.find((c) => c.function === 'relu' && c.degree === degree);
  if (!cell) return null;
  const row = paperRow(['T1', cell.method, cell.nodes, String(degree)].filter(Boolean).join('-'));
  return row ? rowPolynomial(row) : null;
}

/** The polynomial of `method` and `degree` (weighted: by `histogram`); null when the method has no polynomial of that degree (paper, N > 4). */
export function methodPolynomial(method: MnistMethod, degree: number, histogram?: Histogram): Polynomial | null {
  if (method === 'paper') return paperBest(degree);
  if (method === 'weighted') {
    if (!histogram) throw new InputError('histogram', 'the weighted method needs the measured pre-activation histogram');
    return fit('weighted', relu, degree, PIXEL_RANGE, { histogram }).polynomial;
  }
  return fit(method, relu, degree, PIXEL_RANGE).polynomial;
}

/** A parsed `--poly` name. */
export type PolySpec =
  | { readonly kind: 'relu'; readonly name: 'relu' }
  | { readonly kind: 'method'; readonly name: string; readonly method: MnistMethod; readonly degree: number }
  | { readonly kind: 'coefficients'; readonly name: string; readonly polynomial: Polynomial };

const EXPECTED = 'relu, paper-best-N (N = 2..4), chebyshev-N, minimax-N, rho-optimal-N, weighted-N or coefficients:c0,c1,...';

/** Parses a polynomial name (see the module comment); errors name `argument`. */
export function parsePolySpec(spec: string, argument = 'poly'): PolySpec {
  if (typeof spec !== 'string' || spec === '') throw new InputError(argument, `expected ${EXPECTED}`);
  if (spec === 'relu') return { kind: 'relu', name: 'relu' };
  if (spec.startsWith('coefficients:')) {
    try {
      return { kind: 'coefficients', name: spec, polynomial: networkPolynomial(spec).polynomial };
    } catch (e) {
      throw e instanceof InputError ? new InputError(argument, e.message.replace(/^poly: /, '')) : e;
    }
  }
  const m = /^(paper-best|chebyshev|minimax|rho-optimal|weighted)-(\d+)$/.exec(spec);
  if (!m) throw new InputError(argument, `unknown polynomial '${spec}'; expected ${EXPECTED}`);
  const method: MnistMethod = m[1] === 'paper-best' ? 'paper' : (m[1] as MnistMethod);
  const degree = Number(m[2]);
  if (method === 'paper' && !PAPER_DEGREES.includes(degree)) throw new InputError(argument, `the paper printed degrees 2..4 only, got '${spec}'`);
  if (degree < 1 || degree > MAX_DEGREE) throw new InputError(argument, `expected a degree in 1..${MAX_DEGREE}, got '${spec}'`);
  return { kind: 'method', name: spec, method, degree };
}

/** A stored polynomial (Chebyshev coefficients on [-200, 200]). */
export function polynomialFromChebyshev(coefficients: readonly number[]): Polynomial {
  return new Polynomial(coefficients, PIXEL_RANGE);
}
