/**
 * The `folded` scheme: the leading coefficient folded into the input's scale.
 *
 * When every constant multiplication costs a level, a polynomial of degree d needs depth
 * ceil(log2(d + 1)) (the `tree`): at d = 2^m the leading coefficient needs a constant
 * multiplication on top of t^d, one level more than t^d itself. But when the input comes out of a
 * plaintext linear layer (or from the client), that layer can hand over u = alpha t instead of t
 * at no cost: with m_k the monomial coefficients of p in the window variable t and
 * alpha = |m_d|^(1/d),
 *
 *   p(t) = sign(m_d) u^d + sum_{k<d} a_k u^k,   a_k = m_k / alpha^k,
 *
 * and the leading term needs no constant. It is evaluated as p = h(u) u^n + r(u) with
 * n = 2^(ceil(log2 d) - 1), deg r < n and h = sign u^(d-n) + ... of the same form one level up
 * (the sign is a negation, which costs no level), or directly as sign u^d + sum a_k u^k when every
 * lower term's constant multiplication fits under the level of u^d. Degree 4:
 * p = (sign u^2 + a3 u + a2) u^2 + a1 u + a0 - two products, depth 2 instead of 3. The depth is
 * ceil(log2 d) for d >= 2: one level less than the tree at d = 2, 4, 8, ..., the same otherwise.
 *
 * Precision. The monomial coefficients in t come from the Chebyshev form (chebyshevToPowerBasis,
 * exact integer arithmetic); at the small degrees where folding pays they are well conditioned on
 * [-1, 1] (sum |m_k| is at most ((1 + sqrt 2)^d + 1) / 2 times sum |c_k|: 17 at degree 4). For
 * alpha < 1 the lower coefficients grow as 1 / alpha^k, and so do the errors they multiply:
 * MIN_FOLD_FACTOR is where a caller should keep the tree (inference's activationPlan does).
 *
 * Scales. The leading term is a product of d copies of u with no constant in it, so the output's
 * scale is forced by the input's: S_out = S_in^d / R, R the rescale factors on the way. Every other
 * term is a constant multiplication landing on that scale. An input at foldedInputScale(...) lands
 * the output exactly on a chosen scale (the linear layer before folds that in too).
 */
import { SimulatedBackend, type Backend, type SimulatedValue } from './backend';
import { MonomialPowers, powerDepth, powerFactors } from './monomial-powers';
import { chebyshevToPowerBasis } from '../polynomial';
import type { PlanParts } from './schemes';

/** Below this input factor alpha the lower coefficients a_k = m_k / alpha^k grow and folding loses precision: keep the tree. */
export const MIN_FOLD_FACTOR = 1;

/** p(t) = sum a_k u^k with u = factor t and a_d = +-1. */
export interface FoldedForm {
  /** alpha = |m_d|^(1/d): the factor the input must carry. */
  readonly factor: number;
  /** a_0..a_d in u (a_d = +1 or -1); |a_k| <= negligible set to 0. */
  readonly coefficients: number[];
}

/** The folded form of sum c_k T_k(t) (Chebyshev coefficients, degree >= 1 with a non-zero top one). */
export function foldedForm(chebyshev: readonly number[], negligible = 0): FoldedForm {
  const m = chebyshevToPowerBasis(chebyshev);
  const d = m.length - 1;
  const factor = Math.abs(m[d]) ** (1 / d);
  const coefficients = m.map((v, k) => {
    if (k === d) return Math.sign(v);
    const a = v / factor ** k;
    return Math.abs(a) <= negligible ? 0 : a;
  });
  return { factor, coefficients };
}

/** Depth of the folded scheme for degree d: ceil(log2 d) (0 for d = 1). */
export function foldedDepth(degree: number): number {
  return powerDepth(degree);
}

/** p(u) from its folded coefficients, landing foldedDepth(d) levels below the input, at the scale the input's forces. */
export function evaluateFolded<V>(B: Backend<V>, input: V, a: readonly number[]): V {
  return monic({ B, P: new MonomialPowers(B, input), start: B.level(input) }, a, foldedDepth(a.length - 1));
}

/**
 * p = factors[0] * factors[1] + rest, evaluated up to its last product (as evaluatePlanParts):
 * the factors sit one level above the result's level, and rest lands at that level with the
 * product's scale once rescaled. Degree 1 has no product (factors null).
 */
export function evaluateFoldedParts<V>(B: Backend<V>, input: V, a: readonly number[]): PlanParts<V> {
  const d = a.length - 1, depth = foldedDepth(d);
  if (d < 2) return { factors: null, rest: evaluateFolded(B, input, a) };
  const ctx: Context<V> = { B, P: new MonomialPowers(B, input), start: B.level(input) }, P = ctx.P;
  let factors: [V, V], low: readonly number[];
  if (direct(a, depth)) {
    const [i, j] = powerFactors(d);
    factors = [a[d] < 0 ? B.negate(P.get(i)) : P.get(i), P.get(j)];
    low = a.slice(0, d);
  } else {
    const n = 2 ** (powerDepth(d) - 1);
    factors = [monic(ctx, a.slice(n), depth - 1), P.get(n)];
    low = a.slice(0, n);
  }
  const r = lower(ctx, low, depth, (B.scale(factors[0]) * B.scale(factors[1])) / B.rescaleFactor(ctx.start + depth - 1));
  return { factors, rest: r.value === null ? r.constant : r.constant !== 0 ? B.addConstant(r.value, r.constant) : r.value };
}

/** The scale the folded evaluation lands at from an input at (level, inputScale), with these rescale factors. */
export function foldedOutputScale(rescaleFactor: (level: number) => number, a: readonly number[], level: number, inputScale: number): number {
  const input: SimulatedValue = { values: Float64Array.of(0.5), level, scale: inputScale };
  return evaluateFolded(new SimulatedBackend(rescaleFactor), input, a).scale;
}

/** The input scale at `level` that lands the folded evaluation exactly at `outputScale` (S_out = S_in^d / R). */
export function foldedInputScale(rescaleFactor: (level: number) => number, a: readonly number[], level: number, outputScale: number): number {
  const d = a.length - 1;
  // From a guess at outputScale (every intermediate stays near it: no overflow at any degree), correct by the d-th root.
  const guess = foldedOutputScale(rescaleFactor, a, level, outputScale);
  return outputScale * (outputScale / guess) ** (1 / d);
}

/** The backend, the powers of the input and the input's level (levels below are counted from it). */
interface Context<V> {
  readonly B: Backend<V>;
  readonly P: MonomialPowers<V>;
  readonly start: number;
}

/** Whether sign u^d + sum a_k u^k fits `level` levels below the input directly: u^d no deeper, every lower term's constant multiplication one level below. */
function direct(a: readonly number[], level: number): boolean {
  const d = a.length - 1;
  return powerDepth(d) <= level && a.every((c, j) => j === 0 || j === d || c === 0 || powerDepth(j) + 1 <= level);
}

/** sign u^d + sum_{k<d} a_k u^k (a_d = sign) at most `level` levels below the input; its scale is forced by the input's. */
function monic<V>(ctx: Context<V>, a: readonly number[], level: number): V {
  const { B, P } = ctx, d = a.length - 1;
  let value: V, rest: { value: V | null; constant: number };
  if (direct(a, level)) {
    const lead = P.get(d);
    rest = lower(ctx, a.slice(0, d), level, B.scale(lead));
    if (a[d] > 0) value = rest.value === null ? lead : B.add(rest.value, lead);
    else value = rest.value === null ? B.negate(lead) : B.sub(rest.value, lead);
  } else {
    const n = 2 ** (powerDepth(d) - 1);
    const product = B.multiply(monic(ctx, a.slice(n), level - 1), P.get(n));
    rest = lower(ctx, a.slice(0, n), level, B.scale(product));
    value = rest.value === null ? product : B.add(product, rest.value);
  }
  return rest.constant !== 0 ? B.addConstant(value, rest.constant) : value;
}

/** sum_{1<=k<len} a_k u^k landing `level` levels below the input at `scale` by constant multiplications, and the constant a_0 apart. */
function lower<V>(ctx: Context<V>, a: readonly number[], level: number, scale: number): { value: V | null; constant: number } {
  const { B, P } = ctx;
  let value: V | null = null;
  for (let k = 1; k < a.length; k++) {
    if (a[k] === 0) continue;
    const term = B.multiplyConstant(P.get(k), a[k], ctx.start + level, scale);
    value = value === null ? term : B.add(value, term);
  }
  return { value, constant: a[0] ?? 0 };
}
