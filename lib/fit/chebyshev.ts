/**
 * "Chebyshev polynomials" (method 3 of the paper): the truncated Chebyshev series of f on [a, b],
 * i.e. the projection with the Chebyshev weight,
 *   c_k = (2/pi) * integral_0^pi f(x(cos th)) cos(k th) dth   (c_0 with 1/pi),
 * where x(t) = (a + b)/2 + t (b - a)/2.
 *
 * How the integrals are computed, and why: a fixed Chebyshev-Gauss rule with M points has an
 * aliasing error of about |c_{2M-k}|, which for ReLU (coefficients ~ 1/k^2) would need
 * M ~ 10^7 points for 1e-14; for the sigmoid on [-200, 200] (poles at x = +-i pi, i.e. 0.016 from
 * the real axis in t) M ~ 3000. Instead the integral in th is split at the breakpoints of f (the
 * kink of ReLU at x = 0 becomes th = pi/2) and integrated by adaptive 16-point Gauss-Legendre
 * panels until two estimates agree to 1e-15 * max|f| per unit length: a few hundred to a few
 * thousand evaluations of f, coefficients exact to ~1e-14 relative to max|f| (checked against the
 * closed form for ReLU in the tests). Kinks that f does not declare are found by the bisection
 * (more panels, same accuracy). Where f itself is only accurate to more than rounding (sin(x) at
 * |x| = 200, central-difference derivatives) the bisection stops at that noise; within a budget of
 * 100000 evaluations (lib/quadrature.ts), and the achieved error relative to max|f| is reported as
 * `quadratureError`; above 1e-8 (f jumps or oscillates faster than the budget resolves) the method
 * stops with a NotReachedError.
 */
import type { Activation } from '../activations';
import { Polynomial } from '../polynomial';
import type { Interval } from '../polynomial';
import { integrateVector, requireQuadratureAccuracy } from '../quadrature';
import type { FitResult } from './types';
import { registerMethod } from './types';
import { checkFitArguments, optionsObject, rejectUnknownOptions } from './validate';

/** Relative tolerance of the quadrature, per unit length of th. */
const RELATIVE_TOLERANCE = 1e-15;

/** The Chebyshev coefficients c_0..c_N of the projection of g onto degree N on [a, b]. */
export function chebyshevProjection(
  g: (x: number) => number,
  degree: number,
  a: number,
  b: number,
  breakpoints: readonly number[] = [],
): { coefficients: number[]; evaluations: number; relativeError: number } {
  const m = (a + b) / 2, h = (b - a) / 2;
  // Scale of f for the absolute tolerance: max |g| on a coarse sample.
  let scale = 0;
  for (let i = 0; i <= 64; i++) scale = Math.max(scale, Math.abs(g(m + h * Math.cos((i * Math.PI) / 64))));
  if (scale === 0) scale = 1;
  const edges = [0, Math.PI];
  for (const x of breakpoints) {
    const t = (x - m) / h;
    if (t > -1 && t < 1) edges.push(Math.acos(t));
  }
  // Eight initial panels so that narrow features (the sigmoid's transition) are sampled at all.
  for (let i = 1; i < 8; i++) edges.push((i * Math.PI) / 8);
  edges.sort((u, v) => u - v);
  const n = degree + 1;
  const { values, evaluations, error } = integrateVector(
    (th, out) => {
      const t = Math.cos(th);
      const x = m + h * t;
      const y = g(x);
      // cos(k th) = T_k(t), by the three-term recurrence.
      let c0 = 1, c1 = t;
      out[0] = y;
      if (n > 1) out[1] = y * t;
      for (let k = 2; k < n; k++) {
        const c2 = 2 * t * c1 - c0;
        out[k] = y * c2;
        c0 = c1;
        c1 = c2;
      }
    },
    n,
    { tolerance: RELATIVE_TOLERANCE * scale, edges },
  );
  const coefficients = Array.from(values, (v, k) => (k === 0 ? v / Math.PI : (2 * v) / Math.PI));
  // The coefficients' error relative to max|g|: at most 2/pi of the integrals' absolute error over scale.
  const relativeError = (2 * error) / (Math.PI * scale);
  requireQuadratureAccuracy('chebyshev', relativeError, evaluations);
  return { coefficients, evaluations, relativeError };
}

/** The truncated Chebyshev series of f of degree N on the interval (the paper's "Chebyshev polynomials"). */
export function chebyshevSeries(f: Activation, degree: number, interval: Interval): FitResult {
  const [a, b] = checkFitArguments(f, degree, interval);
  const { coefficients, evaluations, relativeError } = chebyshevProjection((x) => f.value(x), degree, a, b, f.breakpoints ?? []);
  return {
    polynomial: new Polynomial(coefficients, [a, b]),
    method: 'chebyshev',
    params: { tolerance: RELATIVE_TOLERANCE, evaluations, quadratureError: relativeError },
  };
}

registerMethod({
  name: 'chebyshev',
  description: 'Truncated Chebyshev series (projection with the Chebyshev weight), the paper\'s "Chebyshev polynomials"',
  options: [],
  fit: (f, degree, interval, options) => {
    rejectUnknownOptions('chebyshev', optionsObject(options), []);
    return chebyshevSeries(f, degree, interval);
  },
});
