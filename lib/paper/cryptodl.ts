/**
 * Tables 4-5: CryptoDL's published polynomials (ReLU and tanh). CryptoDL labels them "Legendre",
 * "numerical", "Chebyshev" and "derivative (sigmoid)" without saying how they were computed; we
 * compute every candidate construction and report which one each printed polynomial is.
 */
import { activation } from '../activations';
import { chebyshevSeries, derivativeFit, taylor } from '../fit/index';
import type { Polynomial } from '../polynomial';
import type { PaperFunction, PaperRow } from './data';
import { compareCoefficients } from './compare';
import { legendre } from '../fit/legendre';
import { PAPER_INTERVAL } from './recipes';

/**
 * A construction a CryptoDL row might be. The derivative candidates fit f' (for ReLU: the sigmoid,
 * CryptoDL's variant) by its Chebyshev series of degree N - 1 and integrate.
 */
export interface Candidate {
  /** Short name, e.g. `chebyshev series`. */
  readonly name: string;
  /** The paper's method label this construction is (so a match under another label is a swapped label). */
  readonly method: 'chebyshev' | 'legendre' | 'taylor' | 'derivative';
  build(fn: PaperFunction, degree: number): Polynomial;
}

export const candidates: readonly Candidate[] = [
  { name: 'Chebyshev series', method: 'chebyshev', build: (fn, N) => chebyshevSeries(activation(fn), N, PAPER_INTERVAL).polynomial },
  { name: 'Legendre projection', method: 'legendre', build: (fn, N) => legendre(activation(fn), N, PAPER_INTERVAL).polynomial },
  { name: 'Taylor series', method: 'taylor', build: (fn, N) => taylor(activation(fn), N, PAPER_INTERVAL, { z: 0, scale: 400, order: N + 2 }).polynomial },
  {
    name: 'derivative approach with p(0) = 0', method: 'derivative',
    build: (fn, N) => derivativeFit(activation(fn), N, PAPER_INTERVAL, { constant: 'zero', ...(fn === 'relu' ? { prime: 'sigmoid' } : {}) }).polynomial,
  },
  {
    name: 'derivative approach with p(a) = f(a)', method: 'derivative',
    build: (fn, N) => derivativeFit(activation(fn), N, PAPER_INTERVAL, { constant: 'left', ...(fn === 'relu' ? { prime: 'sigmoid' } : {}) }).polynomial,
  },
];

export interface Identification {
  /** The candidates whose coefficients agree with the printed ones to the printed digits. */
  readonly matches: readonly { candidate: Candidate; polynomial: Polynomial }[];
  /** Every candidate's polynomial (for the side-by-side table). */
  readonly all: readonly { candidate: Candidate; polynomial: Polynomial; agrees: boolean }[];
}

/** Which constructions reproduce a Table 4-5 row's printed coefficients. */
export function identifyCryptoDL(row: PaperRow): Identification {
  // A row printed as a lower-degree polynomial (Table 5, N = 4) is compared at the printed degree too.
  const all = candidates.map((candidate) => {
    const polynomial = candidate.build(row.function, row.degree);
    const agrees = compareCoefficients(row, polynomial.monomial()).every((c) => c.agrees);
    return { candidate, polynomial, agrees };
  });
  return { matches: all.filter((x) => x.agrees).map(({ candidate, polynomial }) => ({ candidate, polynomial })), all };
}

/** One line of the Legendre/Chebyshev demonstration: both projections beside CryptoDL's two printed rows. */
export interface ProjectionLine {
  readonly function: PaperFunction;
  readonly degree: number;
  readonly chebyshevSeries: string;
  readonly printedLegendre: string;
  readonly legendreProjection: string;
  readonly printedChebyshev: string;
}

/** Both projections of ReLU and tanh for N = 2, 3, 4 beside CryptoDL's "Legendre" and "Chebyshev" rows. */
export function projectionComparison(rows: readonly PaperRow[]): ProjectionLine[] {
  const out: ProjectionLine[] = [];
  for (const [fn, table] of [['relu', 4], ['tanh', 5]] as const) {
    for (const N of [2, 3, 4]) {
      const printed = (m: string) => rows.find((r) => r.table === table && r.method === m && r.degree === N)?.printed ?? '';
      const f = activation(fn);
      out.push({
        function: fn, degree: N,
        chebyshevSeries: chebyshevSeries(f, N, PAPER_INTERVAL).polynomial.toString({ dropBelow: 1e-13 }),
        printedLegendre: printed('legendre'),
        legendreProjection: legendre(f, N, PAPER_INTERVAL).polynomial.toString({ dropBelow: 1e-13 }),
        printedChebyshev: printed('chebyshev'),
      });
    }
  }
  return out;
}
