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

/**
 * OpenFHE's documented depth of EvalChebyshevFunction for degree 3..2031 (FUNCTION_EVALUATION.md:
 * 3-5 -> 4, 6-13 -> 5, 14-27 -> 6, 28-59 -> 7, 60-119 -> 8, ..., 1008-2031 -> 12). It includes one
 * level for the affine map of [a, b] onto [-1, 1], done there as a constant multiplication (the
 * document: "one less" on [-1, 1]).
 */
export function openFheChebyshevDepth(degree: number): number {
  requireInteger('degree', degree, 3, 2031);
  return 4 + [5, 13, 27, 59, 119, 247, 495, 1007, 2031].findIndex((upper) => degree <= upper);
}

export interface OpenFheComparisonRow {
  readonly degree: number;
  /** OpenFHE's depth, its affine map included. */
  readonly openFhe: number;
  /** Our schemes' depth plus one level for the same affine map (ours is free for a fresh input: encrypted.ts). */
  readonly treePlusAffine: number;
  readonly bsgsPlusAffine: number;
  readonly treeProducts: number;
  readonly bsgsProducts: number;
}

/** Our dense degree-N depths, counting the affine map's level as OpenFHE does, beside OpenFHE's table. */
export function openFheComparison(degrees: readonly number[]): OpenFheComparisonRow[] {
  return degrees.map((d) => {
    const tree = heCostForDegree(d, 'tree'), bsgs = heCostForDegree(d, 'bsgs');
    return { degree: d, openFhe: openFheChebyshevDepth(d), treePlusAffine: tree.depth + 1, bsgsPlusAffine: bsgs.depth + 1, treeProducts: tree.nonscalar, bsgsProducts: bsgs.nonscalar };
  });
}
