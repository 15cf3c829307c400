/**
 * The fitting methods. Importing this module registers every method; `fit(name, ...)` dispatches
 * through the registry (the CLI and notebooks use it, so a new method is one module plus one
 * import line here).
 */
import type { Activation } from '../activations';
import { InputError, echo } from '../errors';
import { checkedResult, finiteGuard, requireFitInterval } from './validate';
import type { Interval } from '../polynomial';
import type { FitResult } from './types';
import { getMethod, methods } from './types';
import './numerical';
import './chebyshev';
import './taylor';
import './derivative';
// optimal (#6)
import './minimax';
import './rho-optimal';
import './legendre';
import './weighted';

export { numericalFit, numericalFits, leastSquaresChebyshev, leastSquaresChebyshevMany } from './numerical';
export type { NumericalOptions } from './numerical';
export { chebyshevSeries, chebyshevProjection } from './chebyshev';
export { taylor, taylorNodes } from './taylor';
export type { TaylorOptions } from './taylor';
export { derivativeFit } from './derivative';
export type { DerivativeOptions } from './derivative';
export { newtonCoefficients, newtonToTaylor } from './krogh';
export { MAX_DEGREE, MIN_RELATIVE_WIDTH, requireFitInterval } from './validate';
// optimal (#6)
export { minimax, equioscillationCount } from './minimax';
export type { MinimaxOptions, MinimaxCertificate } from './minimax';
export { rhoOptimal } from './rho-optimal';
export type { RhoOptimalOptions, RhoCertificate } from './rho-optimal';
export { legendre, legendreCoefficients, legendreSeriesValue } from './legendre';
export { weightedFit } from './weighted';
export type { WeightedOptions, Histogram } from './weighted';

/**
 * Fit f with the named method (numerical, chebyshev, taylor, derivative, and any registered later).
 * Bad input throws an InputError naming the argument; a method that breaks down numerically
 * (coefficients overflow) or misses its tolerance within its budget throws NotReachedError.
 */
export function fit(method: string, f: Activation, degree: number, interval: Interval, options: Readonly<Record<string, unknown>> = {}): FitResult {
  const m = typeof method === 'string' ? getMethod(method) : undefined;
  if (!m) throw new InputError('method', `unknown method ${echo(String(method))}; expected one of ${methods().map((x) => x.name).join(', ')}`);
  if (!f || typeof f.value !== 'function') throw new InputError('f', 'expected an Activation (use activation(name or formula))');
  const [a, b] = requireFitInterval('interval', interval);
  const guarded = finiteGuard(f);
  return checkedResult(m.name, guarded, degree, [a, b], () => m.fit(guarded, degree, [a, b], options));
}
