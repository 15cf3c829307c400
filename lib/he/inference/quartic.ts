/**
 * The degree-4 folded activation in two rescales (the packed layout's act1 and act2).
 *
 * A folded plan is p(u) = s u^4 + a3 u^3 + a2 u^2 + a1 u + a0 with s = +-1 (lib/he/folded.ts).
 * The Backend evaluates it as (s u^2 + a3 u + a2) u^2 + a1 u + a0: two products and two constant
 * multiplications, each rescaled on its own (4 rescales). Depressing the quartic removes one of
 * them: with m_k = s a_k and u = v - m3 / 4,
 *
 *   p = s [(v^2 + E)^2 + B1 v + D0],   E = B2 / 2,   D0 = B0 - E^2,
 *   B2 = m2 - 3 m3^2 / 8,   B1 = m1 - m2 m3 / 2 + m3^3 / 8,
 *   B0 = m0 - m1 m3 / 4 + m2 m3^2 / 16 - 3 m3^4 / 256,
 *
 * and the one constant product s B1 v left is added to s w^2 (w = v^2 + E) before their common
 * rescale (summing before the rescale: v is modulus-switched down, its constant encoded at the
 * scale of w^2 over v's). Two products (both squares, relinearised before rescaling, as the
 * Backend's), one constant product, two rescales; the same levels (2) and the same output scale
 * as the folded plan (S_out = S_in^4 / (q q'^...): w at S_in^2 / q, then w^2 / q'), so
 * planInputScale holds unchanged.
 */
import type { CipherText } from 'node-seal/implementation/cipher-text';
import { evaluatePlan, type SchemePlan } from '../schemes';
import type { InferenceBackend } from './backend';

/** p = s [(v^2 + e)^2 + b1 v + d0] with v = u + shift. */
export interface DepressedQuartic {
  readonly sign: number;
  readonly shift: number;
  readonly e: number;
  readonly b1: number;
  readonly d0: number;
}

/** The depressed form of s u^4 + a3 u^3 + a2 u^2 + a1 u + a0 (coefficients a0..a4, a4 = s = +-1). */
export function depressedQuartic(a: readonly number[]): DepressedQuartic {
  if (a.length !== 5 || Math.abs(a[4]) !== 1) throw new Error(`internal: expected a folded quartic (a4 = +-1), got [${a.join(', ')}]`);
  const s = a[4], [m0, m1, m2, m3] = a.map((c) => s * c);
  const b2 = m2 - (3 * m3 ** 2) / 8;
  const b1 = m1 - (m2 * m3) / 2 + m3 ** 3 / 8;
  const b0 = m0 - (m1 * m3) / 4 + (m2 * m3 ** 2) / 16 - (3 * m3 ** 4) / 256;
  const e = b2 / 2;
  return { sign: s, shift: m3 / 4, e, b1, d0: b0 - e ** 2 };
}

/** Whether `plan` is evaluated by `evaluateQuartic` (a folded plan of degree 4). */
export function isFoldedQuartic(plan: SchemePlan): boolean {
  return plan.scheme === 'folded' && plan.coefficients.length === 5;
}

/**
 * The plan on `input`, landing plan.depth levels below it at `outputScale` (pinned): a folded
 * quartic in two rescales (evaluateQuartic), any other plan by evaluatePlan. The result is owned
 * by the caller; the backend's `release` frees what evaluatePlan created.
 */
export function evaluateActivation(B: InferenceBackend, input: CipherText, plan: SchemePlan, outputScale: number): CipherText {
  if (isFoldedQuartic(plan)) return evaluateQuartic(B, input, depressedQuartic(plan.coefficients), outputScale);
  return B.pinScale(evaluatePlan(B, input, plan, outputScale), outputScale);
}

/** s [(v^2 + e)^2 + b1 v + d0], v = u + shift: 2 relinearised squares, 1 constant product, 2 rescales; lands 2 levels below u at `outputScale` (checked, pinned). */
export function evaluateQuartic(B: InferenceBackend, u: CipherText, q: DepressedQuartic, outputScale: number): CipherText {
  const ev = B.evaluator, level = B.level(u);
  // SEAL's scale arithmetic: a square multiplies the scales, a rescale divides by the prime dropped.
  const wScale = (u.scale * u.scale) / B.rescaleFactor(level), zScale = wScale * wScale;
  const lands = zScale / B.rescaleFactor(level + 1);
  if (!(Math.abs(lands - outputScale) <= 1e-12 * outputScale)) throw new Error(`internal: the quartic lands at scale ${lands}, not ${outputScale} (input not at planInputScale)`);
  const v = q.shift === 0 ? u : (ev.addPlain(u, B.constants.get(q.shift, u.scale, level, { cache: true })) as CipherText);
  try {
    const w = B.squareRelinearized(v);
    B.finishLinear(w, wScale, q.e);
    const z = B.squareRelinearized(w);
    w.delete();
    B.pinScale(z, zScale);
    if (q.sign < 0) ev.negate(z, z);
    const b1 = q.sign * q.b1;
    if (b1 !== 0) {
      const low = ev.cipherModSwitchToNext(v) as CipherText;
      ev.multiplyPlain(low, B.constants.get(b1, zScale / v.scale, level + 1, { cache: true }), low);
      B.pinScale(low, zScale);
      ev.add(z, low, z);
      low.delete();
    }
    return B.finishLinear(z, outputScale, q.sign * q.d0);
  } finally {
    if (v !== u) v.delete();
  }
}
