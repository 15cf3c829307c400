/**
 * The cost model: for a polynomial and each scheme, the multiplicative depth and the number of
 * ciphertext multiplications, constant multiplications and additions - obtained by running the
 * scheme on the plaintext simulator, so the counts are those of the code that runs under SEAL.
 */
import { Polynomial } from '../polynomial';
import { requireInteger } from '../errors';
import type { OpCounts } from './backend';
import { planScheme, schemeNames, simulate, type SchemeName } from './schemes';

export interface SchemeCost extends OpCounts {
  readonly scheme: SchemeName;
  readonly degree: number;
  readonly depth: number;
  /** Chebyshev schemes: baby-step size. */
  readonly babySteps?: number;
}

/** Cost of evaluating p with one scheme (default: every scheme). */
export function heCost(p: Polynomial, scheme: SchemeName): SchemeCost;
export function heCost(p: Polynomial): SchemeCost[];
export function heCost(p: Polynomial, scheme?: SchemeName): SchemeCost | SchemeCost[] {
  if (scheme === undefined) return schemeNames.map((s) => heCost(p, s));
  const plan = planScheme(p, scheme);
  const { counts, levels } = simulate(plan);
  if (levels !== plan.depth) throw new Error(`internal: ${scheme} planned depth ${plan.depth} but consumed ${levels} levels`);
  return { scheme, degree: plan.degree, depth: plan.depth, babySteps: plan.babySteps, ...counts };
}

/**
 * Cost of a dense polynomial of a given degree (every coefficient non-zero): the worst case,
 * which is what a degree means for an HE engineer. Uses the coefficients 1/(i+1) on [-1, 1].
 */
export function heCostForDegree(degree: number, scheme: SchemeName): SchemeCost {
  requireInteger('degree', degree, 1, 2048);
  const p = new Polynomial(Array.from({ length: degree + 1 }, (_, i) => 1 / (i + 1)), [-1, 1]);
  return heCost(p, scheme);
}

/** ceil(log2(N + 1)): the least depth of any scheme for degree N when constant multiplications cost a level. */
export function optimalDepth(degree: number): number {
  requireInteger('degree', degree, 1);
  return Math.ceil(Math.log2(degree + 1) - 1e-12);
}
