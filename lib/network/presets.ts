/**
 * The polynomials the network experiment accepts by name (`--poly`):
 * - `paper-best-4`: Table 1's best degree-4 ReLU polynomial (numerical method), as printed:
 *   -5.178e-8 x^4 - 2.154e-8 x^3 + 0.004124 x^2 + 0.5021 x + 11.49 - the one Section 5 used;
 * - `chebyshev-4`: the degree-4 Chebyshev series of ReLU on [-200, 200] (lib/fit, computed);
 * - `cryptodl-4`: CryptoDL's best degree-4 ReLU polynomial, Table 4 row "Chebyshev" (which is in
 *   fact the Legendre projection, see SPEC.md): -5.127e-8 x^4 + 9.363e-20 x^3 + 0.0041 x^2 + 0.5 x + 11.719;
 * - `minimax-4`: the degree-4 minimax polynomial of ReLU, when the `minimax` fit method is registered;
 * - `coefficients:c0,c1,...`: any monomial coefficients in x, ascending.
 */
import { relu } from '../activations';
import { InputError, echo } from '../errors';
import { numberFromText } from '../text-numbers';
import { fit } from '../fit/index';
import { paperRow } from '../paper/data';
import { Polynomial } from '../polynomial';
import { PIXEL_RANGE } from './architecture';

/** Monomial coefficients (ascending) of Table 1's best degree-4 row, from the paper's data (data/paper/). */
export const PAPER_BEST_4: readonly number[] = paperRowById('T1-numerical-uniform-4').coefficients;
/** Table 4's degree-4 "Chebyshev" row (CryptoDL). */
export const CRYPTODL_4: readonly number[] = paperRowById('T4-chebyshev-4').coefficients;
function paperRowById(id: string): { coefficients: readonly number[] } {
  const row = paperRow(id);
  if (!row) throw new Error(`data/paper has no row ${id}`);
  return row;
}

/** The paper's Section 5 result: max |f1 - f1*| over 10^6 random inputs. */
export const PAPER_MAX_DEVIATION = 0.200293;

export const PRESET_NAMES = ['paper-best-4', 'chebyshev-4', 'cryptodl-4', 'minimax-4'] as const;

/** A named replacement polynomial on [-200, 200]. */
export function networkPolynomial(spec: string): { name: string; polynomial: Polynomial } {
  const domain = PIXEL_RANGE;
  if (typeof spec !== 'string' || spec === '') throw new InputError('poly', `expected one of ${PRESET_NAMES.join(', ')} or coefficients:c0,c1,...`);
  switch (spec) {
    case 'paper-best-4':
      return { name: spec, polynomial: Polynomial.fromMonomial(PAPER_BEST_4, domain) };
    case 'cryptodl-4':
      return { name: spec, polynomial: Polynomial.fromMonomial(CRYPTODL_4, domain) };
    case 'chebyshev-4':
      return { name: spec, polynomial: fit('chebyshev', relu, 4, domain).polynomial };
    case 'minimax-4':
      return { name: spec, polynomial: fit('minimax', relu, 4, domain).polynomial };
  }
  if (spec.startsWith('coefficients:')) {
    const parts = spec.slice('coefficients:'.length).split(',');
    const nums = parts.map((p) => numberFromText(p));
    if (nums.some((v) => v === undefined)) {
      throw new InputError('poly', `expected coefficients:c0,c1,... with finite numbers (ascending powers of x), got ${echo(spec)}`);
    }
    const polynomial = Polynomial.fromMonomial(nums as number[], domain, { argument: 'poly' });
    // On [-200, 200] the network's activations are O(200): a polynomial beyond 1e100 there only overflows the layers.
    const size = polynomial.coefficients.reduce((acc, c) => acc + Math.abs(c), 0);
    if (!(size <= 1e100)) throw new InputError('poly', `expected a polynomial of moderate size on [-200, 200], got one reaching ${size.toExponential(1)} there`);
    return { name: spec, polynomial };
  }
  throw new InputError('poly', `unknown polynomial ${echo(spec)}; expected one of ${PRESET_NAMES.join(', ')} or coefficients:c0,c1,...`);
}
