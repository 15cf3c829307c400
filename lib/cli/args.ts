/**
 * The argument conventions every subcommand shares (and new commands reuse):
 * - `--key value` and `--key=value` (needed for negative values such as `--interval=-200,200`,
 *   but `--interval -200,200` works too), boolean flags, positionals;
 * - an unknown option, an option given twice, a flag with a value or an option without one is
 *   an InputError naming the option as typed;
 * - numbers follow the one rule of lib/text-numbers.ts (integers are decimal digits: `07` = 7,
 *   `1e1` and `0x4` are refused), seeds the rule of `normalizeSeed` (lib/sampling.ts);
 * - echoed values are quoted and escaped by `echo` (lib/errors.ts), so a rejection is one line.
 * Exit codes and the one-line error report are in ./exit.ts.
 */
import { InputError, echo, escapeControls } from '../errors';
import { normalizeSeed } from '../sampling';
import { integerFromText, numberFromText } from '../text-numbers';

export interface OptionSpec {
  readonly name: string;
  /** `flag` takes no value. */
  readonly type: 'string' | 'number' | 'integer' | 'flag';
  readonly description: string;
  readonly default?: string | number | boolean;
}

export interface ParsedArgs {
  readonly options: Record<string, string | boolean>;
  readonly positionals: string[];
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const options: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--') || arg === '--') {
      if (arg !== '--') positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const spec = byName.get(name);
    const typed = `--${escapeControls(name)}`;
    if (!spec) throw new InputError(typed, `unknown option; expected one of ${specs.map((s) => `--${s.name}`).join(', ')}`);
    if (options[name] !== undefined) throw new InputError(typed, 'given more than once; give it once');
    if (spec.type === 'flag') {
      if (eq >= 0) throw new InputError(typed, 'is a flag and takes no value');
      options[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || value === '') throw new InputError(typed, `expected a value (${spec.description})`);
    options[name] = value;
  }
  return { options, positionals };
}

/** Rejects positional arguments (every command takes options only). */
export function rejectPositionals(args: ParsedArgs, command: string): void {
  if (args.positionals.length > 0) {
    throw new InputError(`argument ${echo(args.positionals[0])}`, `unexpected; options are written --name value (see polyact ${command} --help)`);
  }
}

/** A bounded range for a numeric option: `min..max` inclusive. */
export interface Range {
  readonly min?: number;
  readonly max?: number;
}

function checkRange(name: string, v: number, range: Range, what: string): number {
  const { min = -Infinity, max = Infinity } = range;
  if (v < min || v > max) {
    const text = Number.isFinite(min) && Number.isFinite(max) ? `in ${min}..${max}` : Number.isFinite(min) ? `>= ${min}` : `<= ${max}`;
    throw new InputError(`--${name}`, `expected ${what} ${text}, got ${v}`);
  }
  return v;
}

/** A string option with its default. */
export function stringOption(args: ParsedArgs, name: string, fallback: string): string;
export function stringOption(args: ParsedArgs, name: string, fallback?: string): string | undefined;
export function stringOption(args: ParsedArgs, name: string, fallback?: string): string | undefined {
  const raw = args.options[name];
  return typeof raw === 'string' ? raw : fallback;
}

/** A number option (decimal, optional exponent), with its default and range; errors name the option. */
export function numberOption(args: ParsedArgs, name: string, fallback?: number, range: Range = {}): number | undefined {
  const raw = args.options[name];
  if (raw === undefined) return fallback;
  const v = typeof raw === 'string' ? numberFromText(raw) : undefined;
  if (v === undefined) throw new InputError(`--${name}`, `expected a finite number such as 0.5 or 1e-3, got ${echo(raw)}`);
  return checkRange(name, v, range, 'a number');
}

/** An integer option (decimal digits), with its default and range; errors name the option. */
export function integerOption(args: ParsedArgs, name: string, fallback?: number, range: Range = {}): number | undefined {
  const raw = args.options[name];
  if (raw === undefined) return fallback;
  const v = typeof raw === 'string' ? integerFromText(raw) : undefined;
  if (v === undefined) throw new InputError(`--${name}`, `expected an integer written in decimal digits, got ${echo(raw)}`);
  return checkRange(name, v, range, 'an integer');
}

/** A seed option: an integer in any spelling of the integer rule is that integer (`07` = `7`), any other text is used verbatim. */
export function seedOption(args: ParsedArgs, name: string, fallback: string | number): string | number {
  const raw = args.options[name];
  if (raw === undefined) return fallback;
  try {
    return normalizeSeed(raw);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`--${name}`, e.detail);
    throw e;
  }
}

/** `a,b` -> [a, b] with a < b, both finite (the number rule). */
export function intervalOption(args: ParsedArgs, name: string, fallback?: readonly [number, number]): readonly [number, number] | undefined {
  const raw = args.options[name];
  if (raw === undefined) return fallback;
  const parts = String(raw).split(',');
  const nums = parts.map((p) => numberFromText(p));
  if (parts.length !== 2 || nums[0] === undefined || nums[1] === undefined) {
    throw new InputError(`--${name}`, `expected two finite numbers 'a,b' (e.g. --${name}=-200,200), got ${echo(raw)}`);
  }
  if (!(nums[0] < nums[1])) throw new InputError(`--${name}`, `expected a < b, got ${echo(raw)}`);
  return [nums[0], nums[1]];
}

/** A required string option, or an InputError saying what is expected. */
export function requireOption(args: ParsedArgs, name: string, expected: string): string {
  const v = args.options[name];
  if (v === undefined || v === true) throw new InputError(`--${name}`, `is required; expected ${expected}`);
  return String(v);
}

/** Help text for a list of options. */
export function formatOptions(specs: readonly OptionSpec[]): string {
  const rows = specs.map((s) => {
    const left = `  --${s.name}${s.type === 'flag' ? '' : ` <${s.type === 'string' ? 'value' : s.type}>`}`;
    const def = s.default !== undefined ? ` (default: ${String(s.default)})` : '';
    return `${left.padEnd(30)} ${s.description}${def}`;
  });
  return rows.join('\n');
}

