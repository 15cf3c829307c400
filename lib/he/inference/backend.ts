/**
 * The SEAL backend the network runs on: SealBackend's arithmetic (levels read off the
 * ciphertexts, scales landing exactly where the scheme asks, products relinearised before they
 * are rescaled) plus what a whole network needs. (Relinearising after the rescale instead would
 * let sums of products share one relinearisation and key-switch one prime fewer, but rescaling a
 * 3-polynomial ciphertext multiplies its rounding error by the secret's square: measured 5.5e-5
 * instead of 3.3e-7 on a square at scale 2^36; at 2^46 in the packed network, 1.1e-5 instead of
 * 1.5e-7 after activation 1 for ~3% of the time.)
 *
 * - Constants from ConstantPlaintexts (no encoder run), cached for the scheme's few constants.
 * - Linear combinations sum_j w_j x_j with one rescale at the end (products accumulated at scale
 *   S q, then divided by the dropped prime q back to exactly S), and rotations.
 */
import type { CipherText } from 'node-seal/implementation/cipher-text';
import type { PlainText } from 'node-seal/implementation/plain-text';
import { assertDeeper, assertSameScale } from '../backend';
import { SealBackend, type CkksSession } from '../seal';
import { ConstantPlaintexts } from './constants';

export class InferenceBackend extends SealBackend {
  readonly constants: ConstantPlaintexts;
  /** Key switches done (relinearisations and rotations), for the report. */
  readonly keySwitches = { relinearize: 0, rotate: 0 };

  constructor(session: CkksSession) {
    super(session);
    this.constants = new ConstantPlaintexts(session);
  }

  get evaluator(): CkksSession['evaluator'] {
    return this.session.evaluator;
  }

  /** a * b, relinearised and rescaled (SealBackend's), counted. */
  override multiply(a: CipherText, b: CipherText): CipherText {
    this.keySwitches.relinearize++;
    return super.multiply(a, b);
  }

  override addConstant(a: CipherText, c: number): CipherText {
    const pt = this.constantAt(c, a.scale, this.level(a));
    return this.track(this.evaluator.addPlain(a, pt) as CipherText);
  }

  override multiplyConstant(a: CipherText, c: number, level: number, scale: number): CipherText {
    assertDeeper(this.level(a), level);
    const x = this.at(a, level - 1);
    const pt = this.constantAt(c, (scale * this.rescaleFactor(level - 1)) / x.scale, level - 1);
    const out = this.track(this.evaluator.multiplyPlain(x, pt) as CipherText);
    this.evaluator.rescaleToNext(out, out);
    return this.pinScale(out, scale);
  }

  /**
   * sum_j w_j x_j + shift, rescaled once: every x_j at the same level l and scale S (checked); the result
   * sits at level l + 1 with scale `outputScale` (default S: the weights are encoded at q
   * outputScale / S). Weights whose encoding rounds to 0 are skipped (below the
   * scale's resolution); null when every weight is skipped. `cacheWeights`: keep the weights'
   * plaintexts for later calls (a few weights used many times, as the conv's 25). `rescale: false`:
   * return the sum of products at level l, scale outputScale q (partial sums to add up, then `finishLinear`).
   */
  linear(xs: readonly CipherText[], w: ArrayLike<number>, shift = 0, options: { cacheWeights?: boolean; rescale?: boolean; outputScale?: number } = {}): CipherText | null {
    if (xs.length !== w.length) throw new Error(`internal: ${xs.length} ciphertexts, ${w.length} weights`);
    const ev = this.evaluator;
    const level = this.level(xs[0]);
    const S = xs[0].scale;
    const out = options.outputScale ?? S;
    const q = (this.rescaleFactor(level) * out) / S; // the weights' scale
    let acc: CipherText | null = null, tmp: CipherText | null = null, pt: PlainText | undefined;
    for (let j = 0; j < xs.length; j++) {
      if (Math.round(w[j] * q) === 0) continue;
      assertSameScale(xs[j].scale, S);
      if (this.level(xs[j]) !== level) throw new Error(`internal: linear combination of ciphertexts at levels ${level} and ${this.level(xs[j])}`);
      const weight = options.cacheWeights ? this.constantAt(w[j], q, level) : (pt = this.constants.get(w[j], q, level, { into: pt }));
      const x = xs[j];
      if (acc === null) acc = ev.multiplyPlain(x, weight) as CipherText;
      else {
        tmp ??= this.session.seal.CipherText();
        ev.multiplyPlain(x, weight, tmp);
        if (tmp.scale !== acc.scale) tmp.setScale(acc.scale); // equal up to ulps (asserted above)
        ev.add(acc, tmp, acc);
      }
    }
    pt?.delete();
    tmp?.delete();
    if (acc === null || options.rescale === false) return acc;
    return this.finishLinear(acc, out, shift);
  }

  /** Rescale a (sum of) unrescaled `linear` result(s) in place to `scale`, then add `shift`. */
  finishLinear(acc: CipherText, scale: number, shift = 0): CipherText {
    this.evaluator.rescaleToNext(acc, acc);
    this.pinScale(acc, scale);
    return this.addConstantInPlace(acc, shift);
  }

  /** x += c (a plaintext addition: no level); x itself is returned. */
  addConstantInPlace(x: CipherText, c: number): CipherText {
    if (c !== 0) this.evaluator.addPlain(x, this.constantAt(c, x.scale, this.level(x)), x);
    return x;
  }

  /** x rotated left by `step` slots (a new ciphertext). */
  rotate(x: CipherText, step: number): CipherText {
    const keys = this.session.galoisKeys;
    if (!keys) throw new Error('internal: the session has no Galois keys');
    this.keySwitches.rotate++;
    return this.evaluator.rotateVector(x, step, keys) as CipherText;
  }

  /**
   * a * b at their common level, neither relinearised nor rescaled (3 polynomials, scale
   * sa * sb); owned by the caller. Sum such products of equal scale, then `finishProduct` once.
   */
  product(a: CipherText, b: CipherText): CipherText {
    const L = Math.max(this.level(a), this.level(b));
    // at() switches the shallower factor down (a copy the next `release` frees).
    return this.evaluator.multiply(this.at(a, L), this.at(b, L)) as CipherText;
  }

  /** x^2 relinearised, not rescaled (scale x.scale^2, x's level): a new ciphertext owned by the caller, counted. */
  squareRelinearized(x: CipherText): CipherText {
    this.keySwitches.relinearize++;
    const out = this.evaluator.square(x) as CipherText;
    this.evaluator.relinearize(out, this.session.relinKeys, out);
    return out;
  }

  /** Relinearise and rescale a (sum of) `product`s in place, pinning the scale to `scale`. */
  finishProduct(p: CipherText, scale: number): CipherText {
    this.keySwitches.relinearize++;
    this.evaluator.relinearize(p, this.session.relinKeys, p);
    this.evaluator.rescaleToNext(p, p);
    return this.pinScale(p, scale);
  }

  /** A constant plaintext cached per (c, scale, level): the scheme's constants repeat for every ciphertext of a layer. */
  private constantAt(c: number, scale: number, level: number): PlainText {
    return this.constants.get(c, scale, level, { cache: true });
  }

  /** SEAL computes the scale after a rescale in floating point; it agrees with the target to a few ulps. Pin it. */
  pinScale(ct: CipherText, scale: number): CipherText {
    assertSameScale(ct.scale, scale);
    if (ct.scale !== scale) ct.setScale(scale);
    return ct;
  }

  /** Free the cached constants (the ciphertexts are freed by `release` or by their owners). */
  deleteConstants(): void {
    this.constants.delete();
  }
}
