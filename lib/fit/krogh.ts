/**
 * Krogh's interpolation: Newton divided differences that also accept repeated (confluent) nodes,
 * where a repeated node carries the derivative (Hermite interpolation), as scipy's
 * KroghInterpolator. Used by the Taylor method, whose coefficients are the derivatives of the
 * interpolant at z divided by k!.
 */
import { InputError } from '../errors';

/**
 * Newton coefficients a_0..a_{n-1} of the interpolant P(x) = sum a_k prod_{j<k} (x - x_j).
 * Equal nodes must be adjacent; a node repeated twice uses `derivative` at it (multiplicity > 2
 * would need higher derivatives and is rejected).
 */
export function newtonCoefficients(
  xs: readonly number[],
  value: (x: number) => number,
  derivative?: (x: number) => number,
): number[] {
  const n = xs.length;
  if (n === 0) throw new InputError('nodes', 'expected at least one node');
  const col = xs.map((x, i) => {
    const y = value(x);
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new InputError('nodes', `expected finite nodes and values, got f(${x}) = ${y} at index ${i}`);
    return y;
  });
  const out = [col[0]];
  // Column j of the divided-difference table, updated in place from the bottom.
  for (let j = 1; j < n; j++) {
    for (let i = n - 1; i >= j; i--) {
      const dx = xs[i] - xs[i - j];
      if (dx !== 0) col[i] = (col[i] - col[i - 1]) / dx;
      else if (j === 1) {
        if (!derivative) throw new InputError('nodes', `node ${xs[i]} is repeated: expected a derivative for Hermite interpolation`);
        col[i] = derivative(xs[i]);
      } else throw new InputError('nodes', `node ${xs[i]} appears more than twice or not adjacently; expected multiplicity <= 2 with equal nodes adjacent`);
    }
    out.push(col[j]);
  }
  return out;
}

/**
 * Taylor coefficients at z of the Newton-form polynomial: d_k = P^(k)(z)/k!, k = 0..n-1, i.e.
 * P(x) = sum d_k (x - z)^k. Horner on the Newton form: P = a_0 + (x - x_0)(a_1 + (x - x_1)(...)),
 * with (x - x_j) = (x - z) + (z - x_j).
 */
export function newtonToTaylor(newton: readonly number[], xs: readonly number[], z: number): number[] {
  const n = newton.length;
  let r = [newton[n - 1]];
  for (let j = n - 2; j >= 0; j--) {
    const shift = z - xs[j];
    const next = new Array<number>(r.length + 1).fill(0);
    for (let i = 0; i < r.length; i++) {
      next[i + 1] += r[i];
      next[i] += shift * r[i];
    }
    next[0] += newton[j];
    r = next;
  }
  return r;
}
