/**
 * Node sampling (Section 2.2 of the paper, Figs. 2-4): uniform, normal and Chebyshev-root nodes on
 * [a, b]. Randomness only through seedrandom with an explicit seed, so the same seed gives
 * bit-identical nodes on every machine.
 */
import seedrandom from 'seedrandom';
import { InputError, echo, requireInteger, requireInterval } from './errors';
import { integerFromText } from './text-numbers';

/** A seeded source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** The seed used when a caller asks for random nodes without one (always reported in the result's params). */
export const DEFAULT_SEED = 1;

/** A seedrandom generator (ARC4, seedrandom's default) for an explicit seed (normalised: '07' = 7); the same seed gives the same sequence. */
export function rng(seed: string | number): Rng {
  const g = seedrandom(String(normalizeSeed(seed)));
  return () => g();
}

function checkCount(m: number, a: number, b: number): void {
  requireInteger('m', m, 1);
  requireInterval('interval', [a, b]);
}

/** m nodes x_i ~ U(a, b): a + (b - a) u with u from `random`. */
export function uniformNodes(m: number, a: number, b: number, random: Rng): Float64Array {
  checkCount(m, a, b);
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) out[i] = a + (b - a) * random();
  return out;
}

/**
 * The paper's normal parameters for [a, b]: mu = (a + b)/2, sigma = ceil((b - a)/6), so that
 * P(x in [a, b]) is about 0.9973 (on [-200, 200]: N(0, 67^2)).
 */
export function normalParameters(a: number, b: number): { mu: number; sigma: number } {
  requireInterval('interval', [a, b]);
  return { mu: (a + b) / 2, sigma: Math.ceil((b - a) / 6) };
}

/**
 * m nodes x_i ~ N(mu, sigma^2) with the paper's mu and sigma (see `normalParameters`), by the
 * Box-Muller transform (two uniforms give two normals). The draws are NOT truncated: about 0.27%
 * of them fall outside [a, b], as in the paper (its printed coefficients are consistent with
 * untruncated draws).
 */
export function normalNodes(m: number, a: number, b: number, random: Rng): Float64Array {
  checkCount(m, a, b);
  const { mu, sigma } = normalParameters(a, b);
  const out = new Float64Array(m);
  for (let i = 0; i < m; i += 2) {
    // 1 - u lies in (0, 1], so the logarithm is finite.
    const r = Math.sqrt(-2 * Math.log(1 - random()));
    const phi = 2 * Math.PI * random();
    out[i] = mu + sigma * r * Math.cos(phi);
    if (i + 1 < m) out[i + 1] = mu + sigma * r * Math.sin(phi);
  }
  return out;
}

/**
 * The m roots of T_m mapped to [a, b], in increasing order:
 * x_i = (r_i + 1)(b - a)/2 + a with r_i = -cos((2i - 1) pi / (2m)), i = 1..m.
 */
export function chebyshevRoots(m: number, a: number, b: number): Float64Array {
  checkCount(m, a, b);
  const out = new Float64Array(m);
  for (let i = 1; i <= m; i++) {
    const r = -Math.cos(((2 * i - 1) * Math.PI) / (2 * m));
    out[i - 1] = ((r + 1) * (b - a)) / 2 + a;
  }
  return out;
}

/** Names accepted wherever a node rule is chosen by name. */
export const nodeRules = ['uniform', 'normal', 'chebyshev'] as const;
export type NodeRule = (typeof nodeRules)[number];

/** m nodes by rule name; `seed` is used by the random rules. */
export function nodesByRule(rule: string, m: number, a: number, b: number, seed: string | number): Float64Array {
  switch (rule) {
    case 'uniform': return uniformNodes(m, a, b, rng(seed));
    case 'normal': return normalNodes(m, a, b, rng(seed));
    case 'chebyshev': return chebyshevRoots(m, a, b);
    default: throw new InputError('nodes', `unknown node rule '${rule}'; expected one of ${nodeRules.join(', ')} or an array of numbers`);
  }
}

/**
 * A seed as every method and command uses it: a number, or text - text that writes an integer
 * (`7`, `07`, `+7`, the rule of lib/text-numbers.ts) is that integer, so `--seed 07` and
 * `--seed 7` draw the same numbers; any other non-empty text is used verbatim.
 */
export function normalizeSeed(seed: unknown): string | number {
  if (typeof seed === 'number') {
    if (!Number.isFinite(seed)) throw new InputError('seed', `expected a finite number or a non-empty string, got ${seed}`);
    return seed;
  }
  if (typeof seed !== 'string' || seed.trim() === '') throw new InputError('seed', `expected a finite number or a non-empty string, got ${echo(String(seed))}`);
  return integerFromText(seed) ?? seed;
}
