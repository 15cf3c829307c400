/**
 * Exit codes and the one-line error report shared by every subcommand.
 *
 * | code | meaning |
 * | --- | --- |
 * | 0 | success |
 * | 1 | internal error: a bug (the line says so; `POLYACT_DEBUG=1` adds the stack) |
 * | 2 | bad input (InputError): the line names the option as typed and what was expected |
 * | 3 | valid input, but the method could not reach its tolerance or budget (NotReachedError): the line says what was reached |
 *
 * A library InputError names its argument (`degree`, `scaleBits`, `degrees[2]`, `f`); the report
 * names the command's option instead (`--degree`, `--scale-bits`, `--degrees`, `--fn`): the
 * argument in kebab-case when the command has that option, or the command's alias for it.
 */
import { InputError, NotReachedError, escapeControls } from '../errors';

export const EXIT = Object.freeze({ ok: 0, internal: 1, badInput: 2, notReached: 3 });

/** Library argument names that every fitting command calls by another option name. */
export const COMMON_ALIASES: Readonly<Record<string, string>> = Object.freeze({ f: 'fn', fn: 'fn', domain: 'interval', interval: 'interval' });

/** `scaleBits` -> `scale-bits`. */
function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * The CLI option (`--name`) for a library argument, or undefined when the command has none:
 * `degrees[2]` -> `--degrees`, `polyModulusDegree` -> `--poly-modulus-degree`, `f` -> `--fn`.
 */
export function cliOption(argument: string, options: readonly string[], aliases: Readonly<Record<string, string>> = {}): string | undefined {
  if (argument.startsWith('--') || argument.startsWith('argument ')) return argument;
  const base = argument.replace(/[[.].*$/, '');
  for (const candidate of [aliases[argument], aliases[base], COMMON_ALIASES[base], base, kebab(base)]) {
    if (candidate !== undefined && options.includes(candidate)) return `--${candidate}`;
  }
  return undefined;
}

/** The exit code and the one stderr line (without the newline) for an error a command threw. */
export function errorReport(command: string, e: unknown, options: readonly string[], aliases: Readonly<Record<string, string>> = {}): { code: number; line: string } {
  const prefix = `polyact ${command}: `;
  if (e instanceof InputError) {
    const option = cliOption(e.argument, options, aliases);
    // Hints are advice for the library API (e.g. "pass options.range"); the CLI cannot follow them.
    const text = option ? `${option}: ${e.detail}` : e.message;
    return { code: EXIT.badInput, line: prefix + escapeControls(text) };
  }
  if (e instanceof NotReachedError) return { code: EXIT.notReached, line: prefix + escapeControls(e.message) };
  const message = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);
  return { code: EXIT.internal, line: `${prefix}internal error (a bug; please report it with the command line): ${escapeControls(message)}` };
}
