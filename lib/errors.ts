/**
 * Errors for bad input. Every public routine validates its arguments and throws an
 * `InputError` that names the argument and the expected form, so that a notebook cell or the
 * CLI shows one clear line instead of a NaN or a stack trace from deep inside a library.
 */
export class InputError extends Error {
  /** The argument (or CLI option) that was wrong, e.g. `degree` or `--interval`. */
  readonly argument: string;
  /** What was wrong and what was expected, without the argument's name. */
  readonly detail: string;
  /** Advice that only the library API can follow (e.g. "pass options.range"); the CLI leaves it out. */
  readonly hint?: string;
  constructor(argument: string, message: string, options: { hint?: string } = {}) {
    super(`${argument}: ${message}${options.hint ? `; ${options.hint}` : ''}`);
    this.name = 'InputError';
    this.argument = argument;
    this.detail = message;
    this.hint = options.hint;
  }
}

/**
 * Valid input, but the method could not reach its tolerance within its budget (iterations,
 * function evaluations, memory): the message says what was reached and what to change. Distinct
 * from InputError (the CLI exits 3 for it, 2 for bad input).
 */
export class NotReachedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotReachedError';
  }
}

/** Longest echoed value; longer ones are cut with an ellipsis so a message stays readable. */
const ECHO_LENGTH = 60;

/**
 * A value as an error message echoes it: single-quoted, control characters (newlines, tabs,
 * escape sequences) written as \n, \t, \u001b, ... so that a message stays one line, and long
 * values cut to 60 characters.
 */
export function echo(value: unknown): string {
  const escaped = escapeControls(String(value));
  return `'${escaped.length > ECHO_LENGTH ? `${escaped.slice(0, ECHO_LENGTH)}...` : escaped}'`;
}

/** Control characters written as \n, \r, \t or \uXXXX: the text then fits on one line. */
export function escapeControls(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
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
