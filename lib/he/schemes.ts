/**
 * Polynomial evaluation schemes for CKKS, written once against `Backend` so the same code is
 * counted (cost model), simulated in plaintext (tests) and run on SEAL ciphertexts.
 *
 * - `horner`: monomial coefficients in the input variable, ((c_N x + c_N-1) x + ...) - depth N.
 * - `powers`: monomial power tree x^2, x^4, ... (each x^i at depth ceil(log2 i)), then sum c_i x^i - depth ceil(log2 N) + 1.
 * - `tree`: Chebyshev basis, recursive division by T_2^j (baby steps T_0, T_1 only) - depth
 *   ceil(log2(N + 1)), which is optimal when every constant multiplication costs a level.
 * - `bsgs`: Chebyshev baby-step giant-step (Paterson-Stockmeyer): baby steps T_1..T_k-1, giant
 *   steps T_k, T_2k, T_4k, ...; k = 2^l chosen to minimise ciphertext multiplications - fewer
 *   products than `tree` from degree ~8 on, usually one level more.
 * - `folded`: the leading coefficient folded into the input's scale (folded.ts): monomial
 *   coefficients in u = alpha t, the leading one +-1 - depth ceil(log2 N), one level less than
 *   `tree` at N = 2, 4, 8, ..., when the input can be handed over as u (a linear layer before it).
 *
 * Chebyshev schemes take t in [-1, 1] (the interval mapped to the window); `folded` takes
 * u = inputFactor t; `horner` and `powers` take the variable their coefficients are in.
 */
import { InputError } from '../errors';
import type { Polynomial } from '../polynomial';
import { type Backend, CountingBackend, type OpCounts, SimulatedBackend } from './backend';
import { ChebyshevPowers, chebyshevPowerDepth } from './chebyshev-powers';
import { chebyshevDivide, trimTrailingZeros } from './chebyshev-division';
import { evaluateFolded, evaluateFoldedParts, foldedDepth, foldedForm, foldedInputScale, foldedOutputScale } from './folded';
import { MonomialPowers, powerDepth } from './monomial-powers';

export type SchemeName = 'horner' | 'powers' | 'tree' | 'bsgs' | 'folded';
export const schemeNames: readonly SchemeName[] = ['horner', 'powers', 'tree', 'bsgs', 'folded'];

/** How a scheme will evaluate one polynomial. */
export interface SchemePlan {
  readonly scheme: SchemeName;
  /** Degree after dropping exactly-zero top coefficients. */
  readonly degree: number;
  /** Multiplicative depth: levels consumed (constant multiplications included). */
  readonly depth: number;
  /** Chebyshev schemes: baby-step size k (2 for `tree`). */
  readonly babySteps?: number;
  /** The basis of `coefficients`. */
  readonly basis: 'chebyshev' | 'monomial';
  /** The coefficients the scheme evaluates (Chebyshev in t, monomial in the input variable, or for `folded` monomial in u = inputFactor t). */
  readonly coefficients: readonly number[];
  /** `folded`: the input the plan takes is u = inputFactor t (t the window variable), alpha = |m_N|^(1/N). */
  readonly inputFactor?: number;
  /** Coefficients with |c| <= negligible are treated as 0 (default 0: only exact zeros). */
  readonly negligible: number;
  /** Chebyshev schemes: which giant step divides p (see PlanOptions.giantStep). */
  readonly giantStep?: GiantStep;
}

/**
 * The giant step T_n that divides a Chebyshev polynomial of degree d: `largest` takes the largest
 * n = k 2^j <= d (the default; the depth-optimal tree), `smallest` the smallest n = k 2^j with
 * 2n >= d. For d = 4 and k = 2, `smallest` divides by T_2 once, p = q T_2 + r with deg q = 2:
 * two ciphertext products (T_2 and q T_2) instead of three (T_2, T_4 and a product for r), at the
 * same depth 3.
 */
export type GiantStep = 'largest' | 'smallest';

export interface PlanOptions {
  /** Baby-step size (power of two) for Chebyshev schemes; default 2 for `tree`, the fewest products for `bsgs`. */
  babySteps?: number;
  /**
   * Treat |c| <= negligible as 0 (default 0). Under CKKS a constant below 1/scale encodes to the
   * zero plaintext (SEAL then refuses the product as "transparent"), and its term is below the
   * scheme's precision anyway: the encrypted evaluation passes 2^-scaleBits. Applied to the
   * coefficients and to every quotient and remainder of the Chebyshev division (exact
   * cancellations such as c1 - c3 = 1e-17 included).
   */
  negligible?: number;
  /** Chebyshev schemes: `largest` (default) or `smallest`, see GiantStep. */
  giantStep?: GiantStep;
}

/** A scheme's evaluation plan for p (Chebyshev coefficients on its window, or monomial coefficients in x). */
export function planScheme(p: Polynomial, scheme: SchemeName, options: PlanOptions = {}): SchemePlan {
  if (!schemeNames.includes(scheme)) throw new InputError('scheme', `expected one of ${schemeNames.join(', ')}, got '${String(scheme)}'`);
  const basis = scheme === 'tree' || scheme === 'bsgs' ? 'chebyshev' : 'monomial';
  const negligible = options.negligible ?? 0;
  if (!(Number.isFinite(negligible) && negligible >= 0)) throw new InputError('negligible', `expected a finite number >= 0, got ${String(negligible)}`);
  const raw = scheme === 'horner' || scheme === 'powers' ? p.monomial() : [...p.coefficients];
  let coefficients = trimTrailingZeros(raw.map((c) => (Math.abs(c) <= negligible ? 0 : c)));
  const degree = coefficients.length - 1;
  if (degree < 1) throw new InputError('polynomial', 'expected degree >= 1 (a constant needs no encrypted evaluation)');
  if (scheme === 'folded') {
    const folded = foldedForm(coefficients, negligible);
    coefficients = folded.coefficients;
    return { scheme, degree, depth: foldedDepth(degree), basis, coefficients, negligible, inputFactor: folded.factor };
  }
  if (scheme === 'horner') return { scheme, degree, depth: degree, basis, coefficients, negligible };
  if (scheme === 'powers') return { scheme, degree, depth: powerDepth(degree) + 1, basis, coefficients, negligible };
  let k = 2;
  if (options.babySteps !== undefined) {
    k = options.babySteps;
    if (!(Number.isInteger(k) && k >= 2 && (k & (k - 1)) === 0)) throw new InputError('babySteps', `expected a power of two >= 2, got ${String(k)}`);
  } else if (scheme === 'bsgs') k = bestBabySteps(coefficients, negligible);
  const giantStep = options.giantStep ?? 'largest';
  if (giantStep !== 'largest' && giantStep !== 'smallest') throw new InputError('giantStep', `expected largest or smallest, got '${String(giantStep)}'`);
  return { scheme, degree, depth: chebyshevDepth(coefficients, k, negligible, giantStep).depth, babySteps: k, basis, coefficients, negligible, giantStep };
}

/**
 * Evaluate a plan on `input` (t for Chebyshev plans, u = inputFactor t for `folded`, x for the
 * other monomial plans). The result sits `plan.depth` levels below the input
 * (level(input) + plan.depth) with the input's scale, or with `outputScale` (Chebyshev plans:
 * every branch is asked for the scale that lands there). A `folded` plan lands at the scale its
 * input's forces (foldedOutputScale): `outputScale` is then checked, and reached when the input
 * has planInputScale(...).
 */
export function evaluatePlan<V>(backend: Backend<V>, input: V, plan: SchemePlan, outputScale?: number): V {
  const B = backend, c = plan.coefficients;
  const scale = outputScale ?? B.scale(input), start = B.level(input), depth = start + plan.depth;
  if (plan.scheme === 'folded') {
    if (outputScale !== undefined) checkFoldedScale(B, input, plan, outputScale);
    return evaluateFolded(B, input, c);
  }
  if (outputScale !== undefined && plan.basis !== 'chebyshev') throw new InputError('outputScale', `only Chebyshev and folded plans land at a chosen scale, not ${plan.scheme}`);
  if (plan.scheme === 'horner') {
    const N = c.length - 1;
    const plus = (v: V, k: number): V => (c[k] !== 0 ? B.addConstant(v, c[k]) : v);
    let acc = plus(B.multiplyConstant(input, c[N], start + 1, scale), N - 1);
    for (let j = N - 2; j >= 0; j--) acc = plus(B.multiply(acc, input), j);
    return acc;
  }
  if (plan.scheme === 'powers') {
    const powers = new MonomialPowers(B, input);
    let acc: V | undefined;
    for (let i = 1; i < c.length; i++) {
      if (c[i] === 0) continue;
      const term = B.multiplyConstant(powers.get(i), c[i], depth, scale);
      acc = acc === undefined ? term : B.add(acc, term);
    }
    // c has a non-zero top coefficient, so acc is defined.
    return c[0] !== 0 ? B.addConstant(acc as V, c[0]) : (acc as V);
  }
  const T = new ChebyshevPowers(B, input);
  const k = plan.babySteps ?? 2;
  const result = evaluateChebyshev(B, T, c, k, depth, scale, plan.negligible, plan.giantStep ?? 'largest');
  if (typeof result === 'number') throw new Error('internal: a non-constant polynomial evaluated to a constant');
  return result;
}

/** A Chebyshev plan's value split at its top level: p = factors[0] * factors[1] + rest (factors null: no product there). */
export interface PlanParts<V> {
  readonly factors: readonly [V, V] | null;
  readonly rest: V | number;
}

/**
 * Evaluate a Chebyshev or folded plan up to its last ciphertext product, and return the two
 * factors instead of their product: the caller multiplies them (relinearised and rescaled, the
 * product lands at level(input) + depth with the output scale, as evaluatePlan's would) - or first
 * sums several such products and relinearises and rescales the sum once. p = product + rest.
 */
export function evaluatePlanParts<V>(backend: Backend<V>, input: V, plan: SchemePlan, outputScale?: number): PlanParts<V> {
  if (plan.scheme === 'folded') {
    if (outputScale !== undefined) checkFoldedScale(backend, input, plan, outputScale);
    return evaluateFoldedParts(backend, input, plan.coefficients);
  }
  if (plan.basis !== 'chebyshev') throw new InputError('plan', `expected a Chebyshev or folded plan, got ${plan.scheme}`);
  const B = backend, scale = outputScale ?? B.scale(input), level = B.level(input) + plan.depth;
  const T = new ChebyshevPowers(B, input);
  const k = plan.babySteps ?? 2, step = plan.giantStep ?? 'largest', negligible = plan.negligible;
  const c = clean(plan.coefficients, negligible);
  if (c.length - 1 >= k) {
    const { q, r } = chebyshevDivide(c, giantStep(c.length - 1, k, step));
    const qt = clean(q, negligible);
    if (qt.length > 1) {
      const G = T.get(giantStep(c.length - 1, k, step));
      const qv = evaluateChebyshev(B, T, qt, k, level - 1, (scale * B.rescaleFactor(level - 1)) / B.scale(G), negligible, step) as V;
      return { factors: [qv, G], rest: evaluateChebyshev(B, T, r, k, level, scale, negligible, step) };
    }
  }
  const whole = evaluateChebyshev(B, T, c, k, level, scale, negligible, step);
  if (typeof whole === 'number') throw new Error('internal: a non-constant polynomial evaluated to a constant');
  return { factors: null, rest: whole };
}

/**
 * sum c_i T_i landing exactly at (level, scale), or a number when the polynomial is a constant.
 * Top-down scale targets (as Bossuat et al. 2021): each branch is asked for the scale that makes
 * the sum line up exactly, so no addition ever needs a scale fix-up.
 */
function evaluateChebyshev<V>(B: Backend<V>, T: ChebyshevPowers<V>, coefficients: readonly number[], k: number, level: number, scale: number, negligible: number, step: GiantStep): V | number {
  const c = clean(coefficients, negligible);
  const deg = c.length - 1;
  if (deg === 0) return c[0];
  if (deg < k) {
    let acc: V | undefined;
    for (let i = 1; i <= deg; i++) {
      if (c[i] === 0) continue;
      const term = B.multiplyConstant(T.get(i), c[i], level, scale);
      acc = acc === undefined ? term : B.add(acc, term);
    }
    return c[0] !== 0 ? B.addConstant(acc as V, c[0]) : (acc as V);
  }
  const n = giantStep(deg, k, step);
  const G = T.get(n);
  const { q, r } = chebyshevDivide(c, n);
  const qt = clean(q, negligible);
  let product: V;
  if (qt.length === 1) product = B.multiplyConstant(G, qt[0], level, scale);
  else {
    // q * G is rescaled from level - 1 by rescaleFactor(level - 1): ask q for the scale that lands on `scale`.
    const qScale = (scale * B.rescaleFactor(level - 1)) / B.scale(G);
    const qv = evaluateChebyshev(B, T, qt, k, level - 1, qScale, negligible, step) as V;
    product = B.multiply(qv, G);
  }
  const rv = evaluateChebyshev(B, T, r, k, level, scale, negligible, step);
  if (typeof rv === 'number') return rv !== 0 ? B.addConstant(product, rv) : product;
  return B.add(product, rv);
}

/** Negligible coefficients set to 0, trailing zeros dropped. */
function clean(c: readonly number[], negligible: number): number[] {
  return trimTrailingZeros(c.map((v) => (Math.abs(v) <= negligible ? 0 : v)));
}

/** The giant step for degree deg >= k: the largest k 2^j <= deg, or the smallest k 2^j with 2 k 2^j >= deg. */
function giantStep(deg: number, k: number, step: GiantStep): number {
  let n = k;
  if (step === 'smallest') while (2 * n < deg) n *= 2;
  else while (2 * n <= deg) n *= 2;
  return n;
}

/** Depth of evaluateChebyshev (mirrors its recursion); `constant` when the polynomial is a constant. */
function chebyshevDepth(coefficients: readonly number[], k: number, negligible: number, step: GiantStep = 'largest'): { depth: number; constant: boolean } {
  const c = clean(coefficients, negligible);
  const deg = c.length - 1;
  if (deg === 0) return { depth: 0, constant: true };
  if (deg < k) {
    let d = 0;
    for (let i = 1; i <= deg; i++) if (c[i] !== 0) d = Math.max(d, chebyshevPowerDepth(i) + 1);
    return { depth: d, constant: false };
  }
  const n = giantStep(deg, k, step);
  const { q, r } = chebyshevDivide(c, n);
  const dq = chebyshevDepth(q, k, negligible, step), dr = chebyshevDepth(r, k, negligible, step);
  const dg = chebyshevPowerDepth(n);
  const product = dq.constant ? dg + 1 : Math.max(dq.depth, dg) + 1;
  return { depth: Math.max(product, dr.depth), constant: false };
}

/**
 * The scale an input at `level` must have for `plan` to land exactly at `outputScale`, with the
 * rescale factors of `backend` (SEAL: its chain's primes). A folded plan's output scale is forced
 * by its input's; every other plan takes any input scale, and `otherwise` is returned (the scale
 * the caller uses then, typically Delta: Chebyshev plans land at outputScale from any input scale,
 * but their intermediate scales follow the input's).
 */
export function planInputScale(backend: Pick<Backend<unknown>, 'rescaleFactor'>, plan: SchemePlan, level: number, outputScale: number, otherwise: number): number {
  if (plan.scheme !== 'folded') return otherwise;
  return foldedInputScale((l) => backend.rescaleFactor(l), plan.coefficients, level, outputScale);
}

/** A folded plan lands where its input's scale puts it: refuse an outputScale it would miss. */
function checkFoldedScale<V>(B: Backend<V>, input: V, plan: SchemePlan, outputScale: number): void {
  const lands = foldedOutputScale((l) => B.rescaleFactor(l), plan.coefficients, B.level(input), B.scale(input));
  if (!(Math.abs(lands - outputScale) <= 1e-12 * outputScale)) {
    throw new InputError('outputScale', `a folded plan lands at the scale its input's forces (${lands.toExponential(6)} here, not ${outputScale.toExponential(6)}); give the input planInputScale(...) = ${foldedInputScale((l) => B.rescaleFactor(l), plan.coefficients, B.level(input), outputScale).toExponential(6)}`);
  }
}

/** The baby-step size 2^l with the fewest ciphertext multiplications (ties: lower depth, then smaller k). */
function bestBabySteps(c: readonly number[], negligible: number): number {
  const deg = c.length - 1;
  let best = { k: 2, nonscalar: Infinity, depth: Infinity };
  for (let k = 2; k <= Math.max(2, deg); k *= 2) {
    const depth = chebyshevDepth(c, k, negligible).depth;
    const { counts } = simulate({ scheme: 'bsgs', degree: deg, depth, babySteps: k, basis: 'chebyshev', coefficients: c, negligible });
    if (counts.nonscalar < best.nonscalar || (counts.nonscalar === best.nonscalar && depth < best.depth)) best = { k, nonscalar: counts.nonscalar, depth };
  }
  return best.k;
}

/** Run a plan in plaintext on `inputs` (t or x, as the plan's basis), counting operations and recording the depth reached. */
export function simulate(plan: SchemePlan, inputs: ArrayLike<number> = [0.5]): { values: Float64Array; counts: OpCounts; levels: number } {
  const sim = new SimulatedBackend();
  const counting = new CountingBackend(sim);
  const out = evaluatePlan(counting, sim.input(inputs), plan);
  return { values: out.values, counts: { ...counting.counts }, levels: out.level };
}
