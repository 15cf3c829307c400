/**
 * T_1(t), T_2(t), ... of an encrypted t, computed lazily and each at its minimal depth
 * ceil(log2 i): T_2n = 2 T_n^2 - 1 and T_2n+1 = 2 T_n T_n+1 - T_1. The factor 2 is an addition
 * (a + a), not a constant multiplication, so it costs no level.
 */
import type { Backend } from './backend';

export class ChebyshevPowers<V> {
  private readonly cache = new Map<number, V>();
  constructor(private readonly backend: Backend<V>, t: V) {
    this.cache.set(1, t);
  }

  /** T_i(t) for i >= 1. */
  get(i: number): V {
    const hit = this.cache.get(i);
    if (hit !== undefined) return hit;
    const B = this.backend;
    let result: V;
    if (i % 2 === 0) {
      const h = this.get(i / 2);
      const p = B.multiply(h, h);
      result = B.addConstant(B.add(p, p), -1);
    } else {
      const n = (i - 1) / 2;
      const p = B.multiply(this.get(n), this.get(n + 1));
      const twice = B.add(p, p);
      // T_1 sits at level 0 with the input's scale; bring it to the product's level and scale exactly.
      const t1 = B.multiplyConstant(this.get(1), 1, B.level(twice), B.scale(twice));
      result = B.sub(twice, t1);
    }
    this.cache.set(i, result);
    return result;
  }
}

/** The depth at which ChebyshevPowers produces T_i: 0 for i = 1, ceil(log2 i) otherwise. */
export function chebyshevPowerDepth(i: number): number {
  if (i <= 1) return 0;
  if (i % 2 === 0) return chebyshevPowerDepth(i / 2) + 1;
  const n = (i - 1) / 2;
  return Math.max(chebyshevPowerDepth(n), chebyshevPowerDepth(n + 1)) + 1;
}
