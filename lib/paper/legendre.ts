/**
 * The Legendre projection: the continuous least-squares polynomial of degree N on [a, b],
 * argmin_p integral_a^b (f - p)^2 dx (unit weight; the Chebyshev series uses 1/sqrt(1 - t^2)).
 * Needed to show that CryptoDL's "Chebyshev" rows (Tables 4-5) are this projection.
 *
 * Solved in the Chebyshev basis (never monomials on [-200, 200]): the Gram matrix
 * G_jk = integral_{-1}^{1} T_j T_k dt has a closed form, the right-hand side
 * r_j = integral f(x(t)) T_j(t) dt comes from adaptive Gauss-Legendre (lib/quadrature) split at the
 * breakpoints of f, and G c = r is solved with ml-matrix.
 */
import { Matrix, solve } from 'ml-matrix';
import type { Activation } from '../activations';
import { requireInteger, requireInterval } from '../errors';
import { Polynomial } from '../polynomial';
import type { Interval } from '../polynomial';
import { integrateVector } from '../quadrature';

/** integral_{-1}^{1} T_n(t) dt: 2/(1 - n^2) for even n, 0 for odd n. */
function integralT(n: number): number {
  return n % 2 === 1 ? 0 : 2 / (1 - n * n);
}

/** The Legendre (continuous least-squares, unit weight) projection of f of degree N on the interval. */
export function legendreProjection(f: Activation, degree: number, interval: Interval): Polynomial {
  requireInteger('degree', degree, 0, 30);
  const [a, b] = requireInterval('interval', Array.from(interval));
  const n = degree + 1, m = (a + b) / 2, h = (b - a) / 2;
  // T_j T_k = (T_{j+k} + T_{|j-k|}) / 2.
  const G = new Matrix(n, n);
  for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) G.set(j, k, (integralT(j + k) + integralT(Math.abs(j - k))) / 2);
  // Panel edges: the breakpoints of f and 64 equal panels, so narrow features (the sigmoid's
  // transition, 0.02 wide in t on [-200, 200]) are sampled before the adaptive bisection starts.
  const edges = Array.from({ length: 65 }, (_, i) => -1 + i / 32);
  for (const x of f.breakpoints ?? []) {
    const t = (x - m) / h;
    if (t > -1 && t < 1) edges.push(t);
  }
  edges.sort((u, v) => u - v);
  let scale = 0;
  for (let i = 0; i <= 64; i++) scale = Math.max(scale, Math.abs(f.value(m + h * (-1 + i / 32))));
  const { values } = integrateVector((t, out) => {
    const y = f.value(m + h * t);
    let t0 = 1, t1 = t;
    out[0] = y;
    if (n > 1) out[1] = y * t;
    for (let k = 2; k < n; k++) {
      const t2 = 2 * t * t1 - t0;
      out[k] = y * t2;
      t0 = t1;
      t1 = t2;
    }
  }, n, { tolerance: 1e-15 * (scale || 1), edges });
  const c = solve(G, Matrix.columnVector(Array.from(values))).getColumn(0);
  return new Polynomial(c, [a, b]);
}
