/**
 * The arithmetic an evaluation scheme may use on an encrypted value, as in CKKS: ciphertext x
 * ciphertext products (relinearised and rescaled: one level each), multiplication by a constant
 * (also one level: the constant is encoded at a scale and rescaled away), and additions, which
 * need equal scales. A scheme written against `Backend` runs unchanged on real SEAL ciphertexts
 * (lib/he/seal-backend.ts) and on the plaintext simulator below, which is how the cost model
 * counts operations: by executing the scheme, not by a formula that could drift from the code.
 */

/** What a scheme can do with encrypted values of type V. */
export interface Backend<V> {
  /** Levels consumed so far (0 for a fresh input). */
  level(v: V): number;
  /** The CKKS scale of v (the factor the message is multiplied by). */
  scale(v: V): number;
  /** The factor a rescale from `level` to `level + 1` divides the scale by (the prime dropped). */
  rescaleFactor(level: number): number;
  /** a * b, relinearised and rescaled: level max(level a, level b) + 1, scale sa * sb / rescaleFactor. */
  multiply(a: V, b: V): V;
  /** a + b; the scales must be equal (levels are aligned by modulus switching). */
  add(a: V, b: V): V;
  /** a - b; as add. */
  sub(a: V, b: V): V;
  /** -a (no level, same scale). */
  negate(a: V): V;
  /** a + c for a real constant c (encoded at a's scale and level; no level consumed). */
  addConstant(a: V, c: number): V;
  /** c * a landing exactly at `level` (> level a) with scale `scale`: one plaintext multiplication and a rescale. */
  multiplyConstant(a: V, c: number, level: number, scale: number): V;
}

/** Operation counts of one evaluation. */
export interface OpCounts {
  /** Ciphertext x ciphertext multiplications (each with a relinearisation and a rescale). */
  nonscalar: number;
  /** Ciphertext x plaintext-constant multiplications (each with a rescale). */
  scalar: number;
  /** Ciphertext + ciphertext additions and subtractions (including doublings 2a = a + a), and negations. */
  additions: number;
  /** Ciphertext + constant additions. */
  constantAdditions: number;
}

/** A backend that counts every operation it forwards to `inner`. */
export class CountingBackend<V> implements Backend<V> {
  readonly counts: OpCounts = { nonscalar: 0, scalar: 0, additions: 0, constantAdditions: 0 };
  constructor(private readonly inner: Backend<V>) {}
  level(v: V): number { return this.inner.level(v); }
  scale(v: V): number { return this.inner.scale(v); }
  rescaleFactor(level: number): number { return this.inner.rescaleFactor(level); }
  multiply(a: V, b: V): V { this.counts.nonscalar++; return this.inner.multiply(a, b); }
  add(a: V, b: V): V { this.counts.additions++; return this.inner.add(a, b); }
  sub(a: V, b: V): V { this.counts.additions++; return this.inner.sub(a, b); }
  negate(a: V): V { this.counts.additions++; return this.inner.negate(a); }
  addConstant(a: V, c: number): V { this.counts.constantAdditions++; return this.inner.addConstant(a, c); }
  multiplyConstant(a: V, c: number, level: number, scale: number): V {
    this.counts.scalar++;
    return this.inner.multiplyConstant(a, c, level, scale);
  }
}

/** A plaintext stand-in for a ciphertext: the slot values, the level and the scale. */
export interface SimulatedValue {
  readonly values: Float64Array;
  readonly level: number;
  readonly scale: number;
}

/**
 * Exact plaintext arithmetic with CKKS level and scale bookkeeping: the same preconditions as
 * SEAL (equal scales for additions, constants only land at a deeper level), so a scheme that runs
 * here without an error runs on SEAL, and its values are the exact polynomial values.
 * `rescale` is the factor each rescale divides by (SEAL: the dropped prime, ~2^scaleBits), or
 * the factor per level (SEAL's chain: rescaleFactor of a session's backend).
 */
export class SimulatedBackend implements Backend<SimulatedValue> {
  constructor(private readonly rescale: number | ((level: number) => number) = 1) {}
  input(values: ArrayLike<number>, scale = 1): SimulatedValue {
    return { values: Float64Array.from(values), level: 0, scale };
  }
  level(v: SimulatedValue): number { return v.level; }
  scale(v: SimulatedValue): number { return v.scale; }
  rescaleFactor(level: number): number { return typeof this.rescale === 'number' ? this.rescale : this.rescale(level); }
  multiply(a: SimulatedValue, b: SimulatedValue): SimulatedValue {
    const values = a.values.map((x, i) => x * b.values[i]);
    const level = Math.max(a.level, b.level);
    return { values, level: level + 1, scale: (a.scale * b.scale) / this.rescaleFactor(level) };
  }
  add(a: SimulatedValue, b: SimulatedValue): SimulatedValue {
    assertSameScale(a.scale, b.scale);
    return { values: a.values.map((x, i) => x + b.values[i]), level: Math.max(a.level, b.level), scale: a.scale };
  }
  sub(a: SimulatedValue, b: SimulatedValue): SimulatedValue {
    assertSameScale(a.scale, b.scale);
    return { values: a.values.map((x, i) => x - b.values[i]), level: Math.max(a.level, b.level), scale: a.scale };
  }
  negate(a: SimulatedValue): SimulatedValue {
    return { values: a.values.map((x) => -x), level: a.level, scale: a.scale };
  }
  addConstant(a: SimulatedValue, c: number): SimulatedValue {
    return { values: a.values.map((x) => x + c), level: a.level, scale: a.scale };
  }
  multiplyConstant(a: SimulatedValue, c: number, level: number, scale: number): SimulatedValue {
    assertDeeper(a.level, level);
    return { values: a.values.map((x) => x * c), level, scale };
  }
}

/** Scales of two operands of an addition must agree (SEAL throws on a mismatch; so do we, to catch scheme bugs in plaintext). */
export function assertSameScale(a: number, b: number): void {
  if (Math.abs(a - b) > 1e-12 * Math.max(Math.abs(a), Math.abs(b))) {
    throw new Error(`scale mismatch in an addition: ${a} vs ${b} (a bug in the evaluation scheme)`);
  }
}

/** A constant multiplication consumes a level, so it can only land deeper than its operand. */
export function assertDeeper(from: number, to: number): void {
  if (!(to > from)) throw new Error(`a constant multiplication cannot land at level ${to} from level ${from} (a bug in the evaluation scheme)`);
}
