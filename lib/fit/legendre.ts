/**
 * `legendre`: the continuous least-squares projection of f onto polynomials of degree N on [a, b]
 * (uniform weight), i.e. the truncated Legendre series
 *   p = sum_k l_k P_k(t),  l_k = (2k + 1)/2 * integral_{-1}^{1} f(x(t)) P_k(t) dt.
 * This is what CryptoDL printed under the label "Chebyshev" (ReLU, N = 2:
 * 0.00234x^2 + 0.5x + 18.75 = 100 (t + 3/16 + 15/16 t^2)).
 *
 * Quadrature: the N + 1 integrals are computed together by the adaptive 16-point Gauss-Legendre
 * panels of lib/quadrature.ts, split at f's breakpoints (the kink of ReLU is then integrated
 * exactly) and bisected until two estimates agree to 1e-15 * max|f| per unit length - a few
 * hundred to a few thousand evaluations of f. The Legendre series is then converted exactly to
 * the Chebyshev basis by interpolation at N + 1 Chebyshev points (a polynomial of degree N is
 * reproduced to rounding).
 */
import type { Activation } from '../activations';
import { chebyshevInterpolation } from '../chebyshev';
import { Polynomial } from '../polynomial';
import type { Interval } from '../polynomial';
import { integrateVector, requireQuadratureAccuracy } from '../quadrature';
import type { FitResult } from './types';
import { registerMethod } from './types';
import { checkFitArguments, optionsObject, rejectUnknownOptions } from './validate';

/** sum_k l_k P_k(t) by the three-term recurrence. */
export function legendreSeriesValue(l: readonly number[], t: number): number {
  let p0 = 1, p1 = t, v = l[0];
  if (l.length > 1) v += l[1] * t;
  for (let k = 2; k < l.length; k++) {
    const p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k;
    v += l[k] * p2;
    p0 = p1;
    p1 = p2;
  }
  return v;
}

/** Legendre coefficients l_0..l_N of f on [a, b] (continuous least squares). */
export function legendreCoefficients(f: Activation, degree: number, a: number, b: number): { coefficients: number[]; evaluations: number; relativeError: number } {
  const m = (a + b) / 2, h = (b - a) / 2;
  let scale = 0;
  for (let i = 0; i <= 64; i++) scale = Math.max(scale, Math.abs(f.value(m + h * Math.cos((i * Math.PI) / 64))));
  if (scale === 0) scale = 1;
  const edges = [-1, 1];
  for (const x of f.breakpoints ?? []) {
    const t = (x - m) / h;
    if (t > -1 && t < 1) edges.push(t);
  }
  // Sixteen initial panels so that narrow features (the sigmoid's transition) are sampled at all.
  for (let i = 1; i < 16; i++) edges.push(-1 + i / 8);
  edges.sort((u, v) => u - v);
  const n = degree + 1;
  const { values, evaluations, error } = integrateVector(
    (t, out) => {
      const y = f.value(m + h * t);
      let p0 = 1, p1 = t;
      out[0] = y;
      if (n > 1) out[1] = y * t;
      for (let k = 2; k < n; k++) {
        const p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k;
        out[k] = y * p2;
        p0 = p1;
        p1 = p2;
      }
    },
    n,
    { tolerance: 1e-15 * scale, edges },
  );
  // |l_k| <= (2k + 1)/2 * |integral|: the worst coefficient's error relative to max|f|.
  const relativeError = ((2 * degree + 1) / 2) * (error / scale);
  requireQuadratureAccuracy('legendre', relativeError, evaluations);
  return { coefficients: Array.from(values, (v, k) => ((2 * k + 1) / 2) * v), evaluations, relativeError };
}

/** The continuous least-squares (Legendre) projection of f of degree N on the interval. */
export function legendre(f: Activation, degree: number, interval: Interval): FitResult {
  const [a, b] = checkFitArguments(f, degree, interval);
  const { coefficients, evaluations, relativeError } = legendreCoefficients(f, degree, a, b);
  const cheb = chebyshevInterpolation((t) => legendreSeriesValue(coefficients, t), degree, degree + 1);
  return { polynomial: new Polynomial(cheb, [a, b]), method: 'legendre', params: { evaluations, quadratureError: relativeError, legendreCoefficients: coefficients } };
}

registerMethod({
  name: 'legendre',
  description: 'Continuous least squares on [a, b] (truncated Legendre series); CryptoDL\'s "Chebyshev" rows',
  options: [],
  fit: (f, degree, interval, options) => {
    rejectUnknownOptions('legendre', optionsObject(options), []);
    return legendre(f, degree, interval);
  },
});
