/**
 * Small Chebyshev-basis tools shared by the fitting methods: basis rows T_0..T_N(t), Chebyshev
 * extreme points, and interpolation at Chebyshev points of the first kind.
 */

/** T_0(t)..T_N(t) into `out` (length >= N + 1) by the three-term recurrence; returns out. */
export function chebyshevRow(t: number, degree: number, out: Float64Array = new Float64Array(degree + 1)): Float64Array {
  out[0] = 1;
  if (degree >= 1) out[1] = t;
  for (let k = 2; k <= degree; k++) out[k] = 2 * t * out[k - 1] - out[k - 2];
  return out;
}

/** The n Chebyshev extreme points -cos(pi i / (n - 1)), i = 0..n-1, ascending in [-1, 1] (n >= 2). */
export function chebyshevExtremePoints(n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = -Math.cos((Math.PI * i) / (n - 1));
  // Exact symmetry: the middle point of an odd count is 0, not 6e-17.
  if (n % 2 === 1) out[(n - 1) / 2] = 0;
  return out;
}

/**
 * Chebyshev coefficients c_0..c_N of the degree-N interpolant of g at M >= N + 1 Chebyshev points
 * of the first kind, by the discrete cosine sums. With M = N + 1 a polynomial of degree N is
 * reproduced to rounding (a basis change); with M large it is a close approximation of the
 * truncated Chebyshev series (Remez's near-best starting point).
 */
export function chebyshevInterpolation(g: (t: number) => number, degree: number, points = 4096): number[] {
  const m = Math.max(points, degree + 1);
  const c = new Array<number>(degree + 1).fill(0);
  for (let j = 0; j < m; j++) {
    const theta = (Math.PI * (j + 0.5)) / m;
    const v = g(Math.cos(theta));
    for (let k = 0; k <= degree; k++) c[k] += v * Math.cos(k * theta);
  }
  return c.map((v, k) => (v * (k === 0 ? 1 : 2)) / m);
}
