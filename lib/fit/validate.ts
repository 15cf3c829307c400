/** Argument checks shared by the fitting methods. */
import type { Activation } from '../activations';
import { requireFiniteOn } from '../activations';
import { InputError, NotReachedError, echo, requireInteger, requireInterval } from '../errors';
import type { FitResult } from './types';
import { linspace } from '../metrics';
import type { Interval } from '../polynomial';

/** The largest degree any method accepts: far beyond what HE can afford, and still well conditioned in the Chebyshev basis. */
export const MAX_DEGREE = 64;

/**
 * What every method promises about intervals: the numerics work in t = (2x - (a + b))/(b - a) on
 * [-1, 1], which needs x - (a + b)/2 resolved to a small fraction of the half-width. An interval
 * narrower than MIN_RELATIVE_WIDTH of its largest |x| leaves fewer than ~4500 doubles in it (x
 * rounds in steps above 2e-4 of the width) and is refused; so is one beyond |x| = MAX_MAGNITUDE
 * (2x overflows) or narrower than MIN_WIDTH (subnormal steps).
 */
export const MIN_RELATIVE_WIDTH = 1e-12;
export const MAX_MAGNITUDE = 1e300;
export const MIN_WIDTH = 1e-300;

/** A finite interval a < b the methods can work on (see MIN_RELATIVE_WIDTH), or an InputError naming `argument`. */
export function requireFitInterval(argument: string, interval: unknown): [number, number] {
  const [a, b] = requireInterval(argument, Array.isArray(interval) ? interval : Array.from(interval as ArrayLike<number>));
  const size = Math.max(Math.abs(a), Math.abs(b));
  if (size > MAX_MAGNITUDE) throw new InputError(argument, `expected |a|, |b| <= ${MAX_MAGNITUDE}, got [${a}, ${b}]`);
  const width = b - a;
  if (width < MIN_WIDTH) throw new InputError(argument, `expected a width b - a >= ${MIN_WIDTH}, got [${a}, ${b}] (width ${width})`);
  if (width < MIN_RELATIVE_WIDTH * size) {
    throw new InputError(argument, `[${a}, ${b}] is too narrow for its distance from 0: its width ${width.toPrecision(3)} is below ${MIN_RELATIVE_WIDTH} of |x| = ${size.toPrecision(3)}, so x cannot be resolved within it in double precision; shift the variable (fit f(x + c) on [a - c, b - c])`);
  }
  return [a, b];
}

/** Validates (f, degree, interval) as every method receives them; returns the interval as a tuple. */
export function checkFitArguments(f: Activation, degree: number, interval: Interval): [number, number] {
  if (!f || typeof f.value !== 'function') throw new InputError('f', 'expected an Activation (use activation(name or formula))');
  requireInteger('degree', degree, 0, MAX_DEGREE);
  const [a, b] = requireFitInterval('interval', interval);
  requireFiniteOn(f, [a, b], FINITE_SAMPLES);
  return [a, b];
}

/** Points where f is checked finite (and sized) before and after every fit. */
const FINITE_SAMPLES = 1001;

/**
 * f whose every evaluation is checked: a non-finite value or derivative mid-fit (between the
 * points requireFiniteOn samples) is an InputError naming f and the point, not a NaN coefficient.
 */
export function finiteGuard(f: Activation): Activation {
  return {
    ...f,
    value: (x) => {
      const y = f.value(x);
      if (!Number.isFinite(y)) throw new InputError('fn', `${echo(f.name)} is not finite at x = ${x} (got ${y})`);
      return y;
    },
    derivative: (x) => {
      const y = f.derivative(x);
      if (!Number.isFinite(y)) throw new InputError('fn', `the derivative of ${echo(f.name)} is not finite at x = ${x} (got ${y})`);
      return y;
    },
  };
}

/** A fit whose coefficients exceed this multiple of max |f| has broken down numerically. */
const BREAKDOWN = 1e100;

/**
 * A fit's result, checked: coefficients that overflowed (the constructor of Polynomial refuses
 * them), whose sum overflows (so p itself would) or exceeds 1e100 max |f| mean the method broke
 * down numerically for this degree and interval - valid input the method cannot serve: NotReachedError.
 */
export function checkedResult(method: string, f: Activation, degree: number, interval: readonly [number, number], run: () => FitResult): FitResult {
  let r: FitResult;
  const failed = (why: string): NotReachedError =>
    new NotReachedError(`${method}: the computed coefficients ${why} for degree ${degree} on [${interval[0]}, ${interval[1]}]; this method cannot serve this degree and interval (try a lower degree or another method)`);
  try {
    r = run();
  } catch (e) {
    if (e instanceof InputError && /^(coefficients|monomial)\[/.test(e.argument)) throw failed('are not finite');
    throw e;
  }
  const sum = r.polynomial.coefficients.reduce((acc, c) => acc + Math.abs(c), 0);
  if (!Number.isFinite(sum * r.polynomial.coefficients.length)) throw failed('overflow');
  // |p| <= sum |c_k| on the interval; a polynomial 1e100 times larger than f approximates nothing (and its squared errors overflow).
  let size = 0;
  for (const x of linspace(FINITE_SAMPLES, interval[0], interval[1])) size = Math.max(size, Math.abs(f.value(x)));
  if (size > 0 && sum > BREAKDOWN * size) throw failed(`reach ${sum.toExponential(1)}, more than ${BREAKDOWN} times max |f| = ${size.toExponential(1)}`);
  return r;
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
