/**
 * The Taylor series method (method 1 of the paper), computed numerically as scipy's
 * approximate_taylor_polynomial(f, z, N, scale, order) does: interpolate f at n = order + 1 nodes
 * z + s cos(th_k) (clustered at the ends to avoid Runge's phenomenon) by Krogh's method, and take
 * the interpolant's derivatives at z divided by k! as the Taylor coefficients of degree <= N.
 *
 * Node rule: th_k = k pi/n, k = 0..n-1, for every n. scipy's source says it includes the
 * endpoint pi for odd n so that z is always a node, but writes `endpoint=n % 1`, which is always
 * 0. SPEC.md states the intended rule (th_k = k pi/(n - 1) for odd n); that rule does NOT
 * reproduce the paper's N = 2 and N = 4 rows (ReLU N = 2 would be 0.002286x^2 + 0.5x instead of
 * the printed 0.001472x^2 + 0.5x + 40), the rule here reproduces all nine Taylor rows of
 * Tables 1-3. The paper's rows use z = 0, s = b - a = 400 (twice the half-width: the nodes reach
 * +-400, outside the interval) and order = N + 2.
 */
import type { Activation } from '../activations';
import { InputError, requireFinite, requireInteger } from '../errors';
import { Polynomial } from '../polynomial';
import type { Interval } from '../polynomial';
import { newtonCoefficients, newtonToTaylor } from './krogh';
import type { FitResult } from './types';
import { registerMethod } from './types';
import { checkFitArguments, MAX_DEGREE, optionsObject, rejectUnknownOptions } from './validate';

export interface TaylorOptions {
  /** Expansion point z in [a, b] (default (a + b)/2, the paper's 0 on [-200, 200]). */
  z?: number;
  /** Node spread s > 0 (default b - a, the paper's 400). */
  scale?: number;
  /** Degree of the interpolant, >= N (default N + 2); f is evaluated order + 1 times. */
  order?: number;
}

/**
 * The interpolation nodes of the Taylor method in the scaled variable w = (x - z)/s: cos(th_k),
 * th_k = k pi/n, k = 0..n-1, computed as scipy does (numpy.linspace(0, pi, n, endpoint=False)).
 * For even n one node is cos(pi/2) = 6.1e-17, i.e. z up to rounding (this is where the paper's
 * noise constant 8.965·10^-15 of ReLU N = 3 comes from); for odd n, z is not a node.
 */
export function taylorNodes(n: number): number[] {
  requireInteger('n', n, 1);
  const step = Math.PI / n;
  return Array.from({ length: n }, (_, k) => Math.cos(k * step));
}

/** The paper's Taylor method: Taylor coefficients at z of the Krogh interpolant of f. */
export function taylor(f: Activation, degree: number, interval: Interval, options: TaylorOptions = {}): FitResult {
  const [a, b] = checkFitArguments(f, degree, interval);
  rejectUnknownOptions('taylor', optionsObject(options), ['z', 'scale', 'order']);
  const z = requireFinite('z', options.z ?? (a + b) / 2);
  if (z < a || z > b) throw new InputError('z', `expected an expansion point in [${a}, ${b}], got ${z}`);
  const s = requireFinite('scale', options.scale ?? b - a);
  if (!(s > 0)) throw new InputError('scale', `expected a positive number, got ${s}`);
  const order = requireInteger('order', options.order ?? degree + 2, degree, MAX_DEGREE + 8);
  // Work in w = (x - z)/s: nodes in [-1, 1], so the divided differences stay well scaled.
  const ws = taylorNodes(order + 1);
  const xs = ws.map((w) => z + s * w);
  if (xs.some((x, i) => i > 0 && x === xs[i - 1]) || xs.some((x) => !Number.isFinite(x))) {
    throw new InputError('scale', `the nodes z + s cos(th_k) coincide or overflow in double precision at z = ${z}, s = ${s}; expected a node spread s resolvable at z`);
  }
  const g = (w: number): number => {
    try {
      return f.value(z + s * w);
    } catch (e) {
      // The nodes reach [z - s, z + s], beyond the interval with the paper's s = b - a: say so.
      if (e instanceof InputError && e.argument === 'fn') throw new InputError('fn', `${e.detail} (a Taylor node: the nodes z + s cos(th_k) span [${z - s}, ${z + s}]; a smaller scale keeps them where f is finite)`);
      throw e;
    }
  };
  const newton = newtonCoefficients(ws, g);
  const d = newtonToTaylor(newton, ws, 0).slice(0, degree + 1);
  return {
    polynomial: Polynomial.fromPowerSeries(d, [a, b], z, s),
    method: 'taylor',
    params: { z, scale: s, order },
  };
}

registerMethod({
  name: 'taylor',
  description: 'Taylor coefficients at z of the Krogh interpolant at z + s cos(th_k) (scipy approximate_taylor_polynomial)',
  options: [
    { name: 'z', type: 'number', description: 'expansion point in [a, b]', default: '(a+b)/2' },
    { name: 'scale', type: 'number', description: 'node spread s > 0', default: 'b-a' },
    { name: 'order', type: 'integer', description: 'degree of the interpolant, >= N', default: 'N+2' },
  ],
  fit: (f, degree, interval, options) => taylor(f, degree, interval, options as TaylorOptions),
});
