/**
 * HE cost model: hand-counted small cases, optimal depth, the Chebyshev division identity, the
 * coefficient dynamic range of the paper's polynomial, and the automatic CKKS parameters.
 * Pure arithmetic (no SEAL): milliseconds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Polynomial, clenshaw } from '../lib/polynomial';
import { InputError } from '../lib/errors';
import { heCost, heCostForDegree, openFheChebyshevDepth, openFheComparison, optimalDepth } from '../lib/he/cost';
import { evaluatePlan, evaluatePlanParts, planInputScale, planScheme, simulate, schemeNames } from '../lib/he/schemes';
import { foldedForm, foldedInputScale, foldedOutputScale } from '../lib/he/folded';
import { chebyshevDivide } from '../lib/he/chebyshev-division';
import { chebyshevPowerDepth } from '../lib/he/chebyshev-powers';
import { dynamicRange } from '../lib/he/dynamic-range';
import { chooseParameters } from '../lib/he/parameters';
import { SimulatedBackend } from '../lib/he/backend';

const paperRelu4 = Polynomial.fromMonomial([11.49, 0.5021, 0.004124, -2.154e-8, -5.178e-8], [-200, 200]);

/** OpenFHE's documented degree -> depth table for EvalChebyshevFunction (FUNCTION_EVALUATION.md). */
const openfheDepth = openFheChebyshevDepth;

test('hand-counted degree 2: every scheme', () => {
  // Horner: c2*x (scalar, level 1) + c1; *x (product, level 2) + c0.
  assert.deepEqual(pick(heCostForDegree(2, 'horner')), { depth: 2, nonscalar: 1, scalar: 1, additions: 0, constantAdditions: 2 });
  // Powers: x^2 (product); c1*x and c2*x^2 (2 scalars, both to level 2); one addition; + c0.
  assert.deepEqual(pick(heCostForDegree(2, 'powers')), { depth: 2, nonscalar: 1, scalar: 2, additions: 1, constantAdditions: 1 });
  // Tree: T2 = 2 T1^2 - 1 (product, doubling, -1); c2*T2 and c1*T1 (2 scalars); one addition; + c0.
  assert.deepEqual(pick(heCostForDegree(2, 'tree')), { depth: 2, nonscalar: 1, scalar: 2, additions: 2, constantAdditions: 2 });
});

test('hand-counted degree 3 in the Chebyshev tree: p = (2c3 T1 + c2) T2 + (c1 - c3) T1 + c0', () => {
  // T2: product + doubling + constant; q leaf: scalar + constant; q*T2: product; r leaf: scalar + constant; final addition.
  assert.deepEqual(pick(heCostForDegree(3, 'tree')), { depth: 2, nonscalar: 2, scalar: 2, additions: 2, constantAdditions: 3 });
  // Horner needs depth 3: 1 scalar + 2 products.
  assert.deepEqual(pick(heCostForDegree(3, 'horner')), { depth: 3, nonscalar: 2, scalar: 1, additions: 0, constantAdditions: 3 });
});

test('hand-counted Paterson-Stockmeyer degree 59: k = 8 baby steps, giants T8, T16, T32', () => {
  const c = heCostForDegree(59, 'bsgs');
  assert.equal(c.babySteps, 8);
  // T2..T8: 7 products; T16, T32: 2 squarings; 64/8 = 8 leaves joined by 7 products: 16 in all (tree: 34).
  assert.equal(c.nonscalar, 16);
  assert.equal(heCostForDegree(59, 'tree').nonscalar, 34);
});

test('depths: tree is optimal ceil(log2(N+1)), Horner N, powers ceil(log2 N) + 1; no scheme beats the bound', () => {
  for (let d = 1; d <= 64; d++) {
    assert.equal(heCostForDegree(d, 'tree').depth, optimalDepth(d), `tree ${d}`);
    assert.equal(heCostForDegree(d, 'horner').depth, d);
    assert.equal(heCostForDegree(d, 'powers').depth, (d === 1 ? 0 : Math.ceil(Math.log2(d))) + 1);
    assert.ok(heCostForDegree(d, 'bsgs').depth <= optimalDepth(d) + 1, `bsgs ${d}`);
    assert.ok(heCostForDegree(d, 'bsgs').nonscalar <= heCostForDegree(d, 'tree').nonscalar, `bsgs products ${d}`);
    // Folded: ceil(log2 N) - one level under the bound at N = 2, 4, 8, ... (its leading constant is in the input's scale), the bound otherwise.
    const powerOfTwo = (d & (d - 1)) === 0;
    assert.equal(heCostForDegree(d, 'folded').depth, d === 1 ? 0 : optimalDepth(d) - (powerOfTwo ? 1 : 0), `folded ${d}`);
  }
  assert.deepEqual([1, 2, 3, 4, 7, 8, 15, 16].map(optimalDepth), [1, 2, 2, 3, 3, 4, 4, 5]);
});

test('OpenFHE comparison: ours + 1 level (for a homomorphic affine map) never exceeds its table', () => {
  for (let d = 3; d <= 119; d++) {
    assert.ok(heCostForDegree(d, 'tree').depth + 1 <= openfheDepth(d), `tree ${d}`);
    assert.ok(heCostForDegree(d, 'bsgs').depth + 1 <= openfheDepth(d), `bsgs ${d}`);
  }
  // Equal at the top of OpenFHE's rows (5, 13, 27, 59: 3+1, 4+1, 5+1, 6+1); with the affine level counted, one level
  // better at the first degree of each row (6, 14, 28, 60) - not two (that would forget the affine map's level).
  for (const d of [5, 13, 27, 59]) assert.equal(heCostForDegree(d, 'tree').depth + 1, openfheDepth(d), `top ${d}`);
  for (const d of [6, 14, 28, 60]) assert.equal(heCostForDegree(d, 'tree').depth + 1, openfheDepth(d) - 1, `bottom ${d}`);
});

test('T_i depths are ceil(log2 i)', () => {
  for (let i = 1; i <= 200; i++) assert.equal(chebyshevPowerDepth(i), i === 1 ? 0 : Math.ceil(Math.log2(i) - 1e-12), `T${i}`);
});

test('Chebyshev division p = q T_n + r is an identity', () => {
  const c = [0.3, -1.2, 0.7, 2.5, -0.4, 0.9, 1.1];
  for (const n of [4, 5, 6]) {
    const { q, r } = chebyshevDivide(c, n);
    assert.equal(r.length, n);
    for (const t of [-1, -0.73, -0.2, 0, 0.41, 0.99, 1]) {
      const tn = Math.cos(n * Math.acos(t));
      assert.ok(Math.abs(clenshaw(q, t) * tn + clenshaw(r, t) - clenshaw(c, t)) < 1e-13, `n=${n} t=${t}`);
    }
  }
  assert.throws(() => chebyshevDivide(c, 2), InputError);
});

test('every scheme computes p exactly (plaintext simulation), and consumes exactly the planned depth', () => {
  const ts = [-1, -0.61, -0.05, 0, 0.33, 0.8, 1];
  for (let d = 1; d <= 12; d++) {
    const p = new Polynomial(Array.from({ length: d + 1 }, (_, i) => Math.sin(3 * i + 1)), [-200, 200]);
    for (const s of schemeNames) {
      const plan = planScheme(p, s);
      const xs = plan.basis === 'chebyshev' ? ts : ts.map((t) => (s === 'folded' ? plan.inputFactor! : 200) * t);
      const { values, levels } = simulate(plan, xs);
      assert.equal(levels, plan.depth, `${s} ${d}`);
      values.forEach((v, i) => assert.ok(Math.abs(v - clenshaw(p.coefficients, ts[i])) < 1e-9 * (1 + Math.abs(v)), `${s} ${d} t=${ts[i]}: ${v}`));
    }
  }
});

test('schemes keep CKKS scale rules with scales that are not powers of two (prime-like rescale factor)', () => {
  // A rescale factor 2^40 - 87 and an input scale 2^40 / 200: every addition must still see equal scales.
  const sim = new SimulatedBackend(2 ** 40 - 87);
  for (const d of [2, 3, 4, 7, 8, 13]) {
    for (const s of ['tree', 'bsgs'] as const) {
      const p = new Polynomial(Array.from({ length: d + 1 }, (_, i) => 1 / (1 + i)), [-1, 1]);
      assert.doesNotThrow(() => {
        const { evaluatePlan } = require('../lib/he/schemes') as typeof import('../lib/he/schemes');
        evaluatePlan(sim, sim.input([0.5], 2 ** 40 / 200), planScheme(p, s));
      }, `${s} ${d}`);
    }
  }
});

test('costs of the paper\'s best ReLU polynomial (degree 4)', () => {
  const byScheme = Object.fromEntries(heCost(paperRelu4).map((c) => [c.scheme, c]));
  assert.equal(byScheme.horner.depth, 4);
  assert.equal(byScheme.powers.depth, 3);
  assert.equal(byScheme.tree.depth, 3);
  // T2 and T4 (2 squarings), then c4 T4 is a constant multiple and the cubic remainder needs one product (q T2): 3.
  assert.equal(byScheme.tree.nonscalar, 3);
});

test('dynamic range of the paper\'s ReLU polynomial: 11.49 next to 2.154e-8, x^4 up to 1.6e9', () => {
  const r = dynamicRange(paperRelu4);
  assert.ok(Math.abs(r.monomialRatio / (11.49 / 2.154e-8) - 1) < 1e-9);
  assert.equal(r.maxPower, 200 ** 4);
  assert.ok(Math.abs(r.monomialHeadroomBits - Math.log2(1.6e9)) < 1e-12);
  // Rounding the coefficients at 2^40: (1 + 200 + 200^2 + 200^3 + 200^4) / 2^41 in x, 5 / 2^41 in t.
  const e = r.coefficientRoundingError(40);
  assert.ok(Math.abs(e.monomial - 1608040201 / 2 ** 41) < 1e-15);
  assert.equal(e.chebyshev, 5 / 2 ** 41);
  // For 1e-6 in p(x): 50 scale bits in x, 22 in t.
  assert.deepEqual(r.scaleBitsFor(1e-6), { monomial: Math.ceil(Math.log2(1608040201 / 2e-6)), chebyshev: Math.ceil(Math.log2(5 / 2e-6)) });
  assert.ok(r.chebyshevRatio < 1e7); // the t^3 term is ~1e-16 relative, not structural; the rest are O(1)..O(100)
});

test('automatic parameters: hand-computed chains and budgets', () => {
  const p2 = chooseParameters(2);
  assert.deepEqual([p2.polyModulusDegree, p2.totalBits, [...p2.coeffModulusBits]], [8192, 180, [50, 40, 40, 50]]);
  const p3 = chooseParameters(3); // 50 + 120 + 50 = 220 > 218
  assert.deepEqual([p3.polyModulusDegree, p3.totalBits], [16384, 220]);
  const p4 = chooseParameters(4, { magnitude: 400, scaleBits: 40 }); // q0 = 40 + 9 + 10 = 59
  assert.deepEqual([...p4.coeffModulusBits], [59, 40, 40, 40, 40, 59]);
  assert.equal(p4.slots, 8192);
  const small = chooseParameters(3, { scaleBits: 30 }); // 40 + 90 + 40 = 170
  assert.equal(small.polyModulusDegree, 8192);
  // q0's margin above scale x magnitude: 10 bits by default, fewer on request (the network keeps q0 5 bits below a 60-bit special prime).
  assert.deepEqual([...chooseParameters(2, { scaleBits: 46, magnitude: 16, q0MarginBits: 5, specialBits: 60 }).coeffModulusBits], [55, 46, 46, 60]);
  assert.throws(() => chooseParameters(2, { q0MarginBits: 1 }), (e: unknown) => e instanceof InputError && e.argument === 'q0MarginBits');
});

test('parameters that cannot fit the depth are a clear InputError', () => {
  assert.throws(() => chooseParameters(4, { polyModulusDegree: 8192 }), (e: unknown) => e instanceof InputError && e.argument === 'polyModulusDegree' && /218/.test(e.message) && /N >= 16384/.test(e.message));
  assert.throws(() => chooseParameters(21), (e: unknown) => e instanceof InputError && e.argument === 'degree' && /881/.test(e.message));
  assert.throws(() => chooseParameters(2, { scaleBits: 55, magnitude: 1e6 }), (e: unknown) => e instanceof InputError && e.argument === 'scaleBits');
  assert.throws(() => chooseParameters(2, { polyModulusDegree: 5000 }), InputError);
  assert.throws(() => planScheme(new Polynomial([3], [-1, 1]), 'tree'), InputError);
  assert.throws(() => planScheme(paperRelu4, 'nope' as never), (e: unknown) => e instanceof InputError && e.argument === 'scheme');
});

test('OpenFHE\'s documented EvalChebyshevFunction depths; counting its affine level for ours, the tree is one level shallower at each row\'s first degree', () => {
  // FUNCTION_EVALUATION.md: 3-5 -> 4, 6-13 -> 5, 14-27 -> 6, 28-59 -> 7, 60-119 -> 8, 120-247 -> 9, ..., 1008-2031 -> 12.
  for (const [d, depth] of [[3, 4], [5, 4], [6, 5], [13, 5], [14, 6], [27, 6], [28, 7], [59, 7], [60, 8], [119, 8], [120, 9], [247, 9], [248, 10], [1007, 11], [2031, 12]]) {
    assert.equal(openFheChebyshevDepth(d), depth, `degree ${d}`);
  }
  assert.throws(() => openFheChebyshevDepth(2), InputError);
  assert.throws(() => openFheChebyshevDepth(2032), InputError);
  const rows = openFheComparison([3, 5, 6, 8, 13, 14, 27, 28, 59, 60]);
  assert.deepEqual(rows.map((r) => r.openFhe - r.treePlusAffine), [1, 0, 1, 0, 0, 1, 0, 1, 0, 1]);
  assert.ok(rows.every((r) => r.treePlusAffine === optimalDepth(r.degree) + 1));
});

function pick(c: { depth: number; nonscalar: number; scalar: number; additions: number; constantAdditions: number }) {
  return { depth: c.depth, nonscalar: c.nonscalar, scalar: c.scalar, additions: c.additions, constantAdditions: c.constantAdditions };
}

test('folded form: u = alpha t with alpha = |m_N|^(1/N), a_k = m_k / alpha^k, leading coefficient +-1 (T_4: alpha = 8^(1/4), 8t^4 - 8t^2 + 1 = u^4 - 2 sqrt(2) u^2 + 1)', () => {
  const t4 = foldedForm([0, 0, 0, 0, 1]);
  assert.ok(Math.abs(t4.factor - 8 ** 0.25) < 1e-15);
  const expected = [1, 0, -2 * Math.SQRT2, 0, 1];
  t4.coefficients.forEach((a, k) => assert.ok(Math.abs(a - expected[k]) < 1e-14, `a_${k} = ${a}`));
  // A negative leading coefficient: -T_2 = 1 - 2t^2 = 1 - u^2 with u = sqrt(2) t.
  const m2 = foldedForm([0, 0, -1]);
  assert.ok(Math.abs(m2.factor - Math.SQRT2) < 1e-15);
  assert.deepEqual(m2.coefficients.map((a) => Math.round(a * 1e12) / 1e12), [1, 0, -1]);
  // The paper's ReLU N = 4 on its window: t^4 coefficient -82.848 -> alpha = 82.848^(1/4), sign -1.
  const paper = foldedForm(paperRelu4.coefficients);
  const m = paperRelu4.monomial().map((c, k) => c * 200 ** k); // the monomial coefficients in t
  assert.ok(Math.abs(paper.factor - Math.abs(m[4]) ** 0.25) < 1e-12);
  assert.equal(paper.coefficients[4], -1);
  for (let k = 0; k < 4; k++) assert.ok(Math.abs(paper.coefficients[k] - m[k] / paper.factor ** k) < 1e-9 * Math.max(1, Math.abs(m[k])), `a_${k}`);
  // Negligible lower coefficients are dropped (the leading one is never).
  assert.equal(foldedForm([0, 0, 0, 1e-20, 1], 1e-12).coefficients[3], 0);
});

test('hand-counted folded degree 4: p = (sign u^2 + a3 u + a2) u^2 + a1 u + a0 - 2 products, depth 2 (the tree: 3 products or 2, depth 3)', () => {
  const plan = planScheme(paperRelu4, 'folded');
  assert.equal(plan.depth, 2);
  // u^2 and the product; a3 u and a1 u (scalars); a3 u - u^2 and + a1 u (additions); + a2 and + a0.
  assert.deepEqual(pick(heCost(paperRelu4, 'folded')), { depth: 2, nonscalar: 2, scalar: 2, additions: 2, constantAdditions: 2 });
  // Without a t^3 term: -u^4 + a2 u^2 + a1 u + a0 directly (u^4 = (u^2)^2) - still 2 products, one constant addition.
  const even = new Polynomial([1, 0.5, 0.3, 0, -0.2], [-1, 1]);
  assert.deepEqual(pick(heCost(even, 'folded')), { depth: 2, nonscalar: 2, scalar: 2, additions: 2, constantAdditions: 1 });
  // Degree 2: (sign u + a1) u + a0 - one product, depth 1; degree 1: sign u + a0, no level at all.
  assert.equal(heCostForDegree(2, 'folded').depth, 1);
  assert.equal(heCostForDegree(2, 'folded').nonscalar, 1);
  assert.equal(heCostForDegree(1, 'folded').depth, 0);
});

test('folded plans equal the polynomial to ~1e-14 in plaintext, from any level; evaluatePlanParts: factor x factor + rest = p one level below the factors', () => {
  const ts = [-1, -0.77, -0.31, 0, 0.12, 0.5, 0.93, 1];
  const polys = [
    paperRelu4,
    new Polynomial([0.2, -0.7, 0.4], [-3, 5]),
    new Polynomial([0.1, 0.3, -0.2, 0.6], [-1, 1]),
    new Polynomial([0.5, -0.1, 0.9, 0.2, 0.4, -0.3, 0.25, 0.1, -0.6], [-2, 2]),
    new Polynomial([1, 0.5, 0.3, 0, 0.2], [-1, 1]),
  ];
  for (const p of polys) {
    const plan = planScheme(p, 'folded');
    // Rounding is relative to the monomial terms' size sum |m_k| = sum |a_k| alpha^k (<= 577 sum |c_k| at degree 8).
    const size = plan.coefficients.reduce((s, a, k) => s + Math.abs(a) * plan.inputFactor! ** k, 0);
    for (const level of [0, 3]) {
      const sim = new SimulatedBackend((l) => 2 ** 40 + 1000 * l - 87);
      const input = { values: Float64Array.from(ts, (t) => plan.inputFactor! * t), level, scale: 2 ** 40 };
      const out = evaluatePlan(sim, input, plan);
      assert.equal(out.level, level + plan.depth);
      out.values.forEach((v, i) => assert.ok(Math.abs(v - clenshaw(p.coefficients, ts[i])) < 4e-15 * size, `degree ${plan.degree}: ${v - clenshaw(p.coefficients, ts[i])}`));
      const parts = evaluatePlanParts(sim, input, plan);
      const [f, g] = parts.factors!;
      assert.equal(Math.max(f.level, g.level), level + plan.depth - 1);
      const rest = parts.rest as { values: Float64Array; level: number; scale: number };
      assert.equal(rest.level, level + plan.depth);
      assert.ok(Math.abs(rest.scale / ((f.scale * g.scale) / sim.rescaleFactor(level + plan.depth - 1)) - 1) < 1e-12);
      ts.forEach((t, i) => assert.ok(Math.abs(f.values[i] * g.values[i] + rest.values[i] - clenshaw(p.coefficients, t)) < 4e-15 * size));
    }
  }
});

test('folded scales: the output scale is forced by the input\'s (S^N / R); planInputScale lands it exactly on a chosen scale, any other is refused', () => {
  const primes = [2 ** 45 - 163839, 2 ** 45 - 98303, 2 ** 45 + 65537, 2 ** 45 - 32767];
  const sim = new SimulatedBackend((l) => primes[l]);
  const plan = planScheme(paperRelu4, 'folded');
  // Degree 4 from level 1: u^2 (rescaled by q1), then h u^2 (by q2): S^4 / (q1^2 q2).
  const S = 2 ** 44;
  const lands = foldedOutputScale((l) => primes[l], plan.coefficients, 1, S);
  assert.ok(Math.abs(lands / (S ** 4 / (primes[1] ** 2 * primes[2])) - 1) < 1e-15);
  const target = 2 ** 38;
  const input = planInputScale(sim, plan, 1, target, 2 ** 45);
  assert.ok(Math.abs(input / (target * primes[1] ** 2 * primes[2]) ** 0.25 - 1) < 1e-15);
  assert.equal(foldedInputScale((l) => primes[l], plan.coefficients, 1, target), input);
  const u = { values: Float64Array.of(0.5, -1.2), level: 1, scale: input };
  const out = evaluatePlan(sim, u, plan, target);
  assert.ok(Math.abs(out.scale / target - 1) < 1e-14);
  assert.throws(() => evaluatePlan(sim, { ...u, scale: input * 1.001 }, plan, target), (e: unknown) => e instanceof InputError && e.argument === 'outputScale' && /planInputScale/.test(e.message));
  // Every other plan takes any input scale: the caller's.
  assert.equal(planInputScale(sim, planScheme(paperRelu4, 'tree'), 1, target, 2 ** 45), 2 ** 45);
});
