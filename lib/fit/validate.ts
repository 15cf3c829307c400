/** Argument checks shared by the fitting methods. */
import type { Activation } from '../activations';
import { requireFiniteOn } from '../activations';
import { InputError, requireInteger, requireInterval } from '../errors';
import type { Interval } from '../polynomial';

/** The largest degree any method accepts: far beyond what HE can afford, and still well conditioned in the Chebyshev basis. */
export const MAX_DEGREE = 64;

/** Validates (f, degree, interval) as every method receives them; returns the interval as a tuple. */
export function checkFitArguments(f: Activation, degree: number, interval: Interval): [number, number] {
  if (!f || typeof f.value !== 'function') throw new InputError('f', 'expected an Activation (use activation(name or formula))');
  requireInteger('degree', degree, 0, MAX_DEGREE);
  const [a, b] = requireInterval('interval', Array.isArray(interval) ? interval : Array.from(interval as ArrayLike<number>));
  requireFiniteOn(f, [a, b]);
  return [a, b];
}

/** An options object (undefined -> {}). */
export function optionsObject(options: unknown): Record<string, unknown> {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) throw new InputError('options', 'expected an object of method options');
  return options as Record<string, unknown>;
}

/** Throws for option names the method does not know (catches typos such as `{ node: ... }`). */
export function rejectUnknownOptions(method: string, options: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (options[key] !== undefined && !known.includes(key)) {
      throw new InputError(key, `is not an option of method '${method}'; expected one of ${known.join(', ') || '(none)'}`);
    }
  }
}
