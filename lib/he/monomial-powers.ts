/**
 * x^2, x^3, ... of an encrypted x by the power tree, computed lazily and each at its least depth
 * ceil(log2 i): x^i = (x^(i/2))^2 for i a power of two, else x^h x^(i - h) with h the largest
 * power of two below i. The monomial schemes (`powers`, `folded`) share it.
 */
import type { Backend } from './backend';

export class MonomialPowers<V> {
  private readonly cache = new Map<number, V>();
  constructor(private readonly backend: Backend<V>, x: V) {
    this.cache.set(1, x);
  }

  /** x^i for i >= 1. */
  get(i: number): V {
    let v = this.cache.get(i);
    if (v === undefined) {
      const [a, b] = powerFactors(i);
      v = this.backend.multiply(this.get(a), this.get(b));
      this.cache.set(i, v);
    }
    return v;
  }
}

/** The exponents whose product the tree forms x^i from (i >= 2): [i/2, i/2] or [h, i - h]. */
export function powerFactors(i: number): [number, number] {
  const h = 2 ** Math.floor(Math.log2(i) + 1e-12);
  return h === i ? [i / 2, i / 2] : [h, i - h];
}

/** Depth of x^i in the power tree: ceil(log2 i) (0 for i = 1). */
export function powerDepth(i: number): number {
  return i <= 1 ? 0 : Math.ceil(Math.log2(i) - 1e-12);
}
