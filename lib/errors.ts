/**
 * Errors for bad input. Every public routine validates its arguments and throws an
 * `InputError` that names the argument and the expected form, so that a notebook cell or the
 * CLI shows one clear line instead of a NaN or a stack trace from deep inside a library.
 */
export class InputError extends Error {
  /** The argument (or CLI option) that was wrong, e.g. `degree` or `--interval`. */
  readonly argument: string;
  constructor(argument: string, message: string) {
    super(`${argument}: ${message}`);
    this.name = 'InputError';
    this.argument = argument;
  }
}

/** A finite number, or an InputError naming `argument`. */
export function requireFinite(argument: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InputError(argument, `expected a finite number, got ${String(value)}`);
  }
  return value;
}

/** An integer in [min, max], or an InputError naming `argument`. */
export function requireInteger(argument: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in ${min}..${max}`;
    throw new InputError(argument, `expected an integer ${range}, got ${String(value)}`);
  }
  return value;
}

/** A finite interval [a, b] with a < b, or an InputError naming `argument`. */
export function requireInterval(argument: string, value: unknown): readonly [number, number] {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new InputError(argument, `expected an interval [a, b], got ${JSON.stringify(value)}`);
  }
  const [a, b] = value;
  if (typeof a !== 'number' || typeof b !== 'number' || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new InputError(argument, `expected finite bounds [a, b], got [${String(a)}, ${String(b)}]`);
  }
  if (!(a < b)) throw new InputError(argument, `expected a < b, got [${a}, ${b}]`);
  return [a, b];
}
