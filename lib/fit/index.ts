/**
 * The fitting methods. Importing this module registers every method; `fit(name, ...)` dispatches
 * through the registry (the CLI and notebooks use it, so a new method is one module plus one
 * import line here).
 */
import type { Activation } from '../activations';
import { InputError } from '../errors';
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

export { numericalFit, leastSquaresChebyshev } from './numerical';
export type { NumericalOptions } from './numerical';
export { chebyshevSeries, chebyshevProjection } from './chebyshev';
export { taylor, taylorNodes } from './taylor';
export type { TaylorOptions } from './taylor';
export { derivativeFit } from './derivative';
export type { DerivativeOptions } from './derivative';
export { newtonCoefficients, newtonToTaylor } from './krogh';
export { MAX_DEGREE } from './validate';
// optimal (#6)
export { minimax, equioscillationCount } from './minimax';
export type { MinimaxOptions, MinimaxCertificate } from './minimax';
export { rhoOptimal } from './rho-optimal';
export type { RhoOptimalOptions, RhoCertificate } from './rho-optimal';
export { legendre, legendreCoefficients, legendreSeriesValue } from './legendre';
export { weightedFit } from './weighted';
export type { WeightedOptions, Histogram } from './weighted';

/** Fit f with the named method (numerical, chebyshev, taylor, derivative, and any registered later). */
export function fit(method: string, f: Activation, degree: number, interval: Interval, options: Readonly<Record<string, unknown>> = {}): FitResult {
  const m = typeof method === 'string' ? getMethod(method) : undefined;
  if (!m) throw new InputError('method', `unknown method '${String(method)}'; expected one of ${methods().map((x) => x.name).join(', ')}`);
  return m.fit(f, degree, interval, options);
}
