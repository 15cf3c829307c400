/**
 * How each deterministic row of Tables 1-3 was computed: the method, the options and the paper's
 * unstated choices that recomputation established (SPEC.md, "What recomputation established").
 */
import { activation, type Activation } from '../activations';
import { chebyshevSeries, derivativeFit, numericalFit, taylor } from '../fit/index';
import type { FitResult } from '../fit/types';
import type { Interval } from '../polynomial';
import type { PaperRow } from './data';

/** The paper's interval (Section 3.2, as CryptoDL). */
export { PAPER_INTERVAL } from './data';
/** The grid the printed metrics were evaluated on: numpy.linspace(-200, 200, 201). */
export const PAPER_GRID = 201;
/** The dense grid reported beside it. */
export const DENSE_GRID = 100001;
/** Nodes of the numerical method (the random rows are consistent with about m = 1000). */
export const PAPER_M = 1000;

export interface Recipe {
  /** What is computed, in words (shown in the notebook). */
  readonly description: string;
  /** The paper's choice that the text does not state, if any. */
  readonly assumption?: string;
  fit(f: Activation, interval: Interval): FitResult;
}

/** The recipe of a deterministic row of Tables 1-3; undefined for random-node rows and Tables 4-5. */
export function recipe(row: PaperRow): Recipe | undefined {
  if (row.table > 3) return undefined;
  const N = row.degree;
  switch (row.method) {
    case 'numerical':
      if (row.nodes !== 'chebyshev') return undefined;
      return {
        description: `least squares on m = ${PAPER_M} Chebyshev-root nodes, degree ${N}`,
        assumption: 'm is not stated; any m above about 250 gives the same row to the printed digits',
        fit: (f, I) => numericalFit(f, N, I, { nodes: 'chebyshev', m: PAPER_M }),
      };
    case 'chebyshev':
      return { description: `truncated Chebyshev series of degree ${N}`, fit: (f, I) => chebyshevSeries(f, N, I) };
    case 'taylor':
      return {
        description: `Taylor coefficients at z = 0 of the Krogh interpolant at ${N + 3} nodes, scale 400, order ${N + 2}`,
        assumption: "scipy's approximate_taylor_polynomial(f, 0, N, scale=400, order=N+2); the paper gives neither scale nor order",
        fit: (f, I) => taylor(f, N, I, { z: 0, scale: 400, order: N + 2 }),
      };
    case 'derivative': {
      const zero = row.function === 'tanh';
      const prime = row.inner === 'sigmoid' ? 'the sigmoid in place of the Heaviside step' : row.inner === 'heaviside' ? 'the Heaviside step' : "f'";
      return {
        description: `Chebyshev series of degree ${N - 1} of ${prime}, integrated with ${zero ? 'p(0) = 0' : 'p(-200) = f(-200)'}`,
        assumption: zero ? 'the tanh rows fix the integration constant by p(0) = 0, the ReLU and sigmoid rows by p(a) = f(a)' : undefined,
        fit: (f, I) => derivativeFit(f, N, I, {
          inner: 'chebyshev', constant: zero ? 'zero' : 'left', ...(row.inner === 'sigmoid' ? { prime: 'sigmoid' } : {}),
        }),
      };
    }
    default:
      return undefined;
  }
}

/** The activation of a row. */
export function rowActivation(row: PaperRow): Activation {
  return activation(row.function);
}
