/**
 * Division in the Chebyshev basis: p = q * T_n + r with deg r < n, for deg p <= 2n. From
 * 2 T_n T_j = T_n+j + T_n-j (j <= n): T_n+j = 2 T_j T_n - T_n-j, so a coefficient c of T_n+j moves
 * 2c to q_j and -c to r_n-j (and c T_n itself is q_0 = c).
 */
import { InputError } from '../errors';

export interface ChebyshevQuotient {
  readonly q: number[];
  readonly r: number[];
}

export function chebyshevDivide(c: readonly number[], n: number): ChebyshevQuotient {
  const deg = c.length - 1;
  if (!(n >= 1 && deg >= n && deg <= 2 * n)) throw new InputError('n', `expected 1 <= n <= degree <= 2n, got n = ${n}, degree ${deg}`);
  const q = new Array<number>(deg - n + 1).fill(0);
  const r = c.slice(0, n);
  q[0] = c[n];
  for (let i = n + 1; i <= deg; i++) {
    const j = i - n;
    q[j] += 2 * c[i];
    r[n - j] -= c[i];
  }
  return { q, r };
}

/** The coefficients without trailing zeros (|c| <= negligible; at least one coefficient is kept). */
export function trimTrailingZeros(c: readonly number[], negligible = 0): number[] {
  let n = c.length;
  while (n > 1 && Math.abs(c[n - 1]) <= negligible) n--;
  return c.slice(0, n);
}
