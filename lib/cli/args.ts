/**
 * A small argument parser shared by every subcommand: `--key value`, `--key=value` (needed for
 * negative values such as `--interval=-200,200`, but `--interval -200,200` works too), boolean
 * flags, and positionals. Unknown options are an error naming the option.
 */
import { InputError } from '../errors';

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
    if (!spec) throw new InputError(`--${name}`, `unknown option; expected one of ${specs.map((s) => `--${s.name}`).join(', ')}`);
    if (spec.type === 'flag') {
      if (eq >= 0) throw new InputError(`--${name}`, 'is a flag and takes no value');
      options[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || value === '') throw new InputError(`--${name}`, `expected a value (${spec.description})`);
    options[name] = value;
  }
  return { options, positionals };
}

/** A number option, with its default; error names the option. */
export function numberOption(args: ParsedArgs, name: string, fallback?: number): number | undefined {
  const raw = args.options[name];
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(v)) throw new InputError(`--${name}`, `expected a finite number, got '${String(raw)}'`);
  return v;
}

/** An integer option, with its default; error names the option. */
export function integerOption(args: ParsedArgs, name: string, fallback?: number): number | undefined {
  const v = numberOption(args, name, fallback);
  if (v !== undefined && !Number.isInteger(v)) throw new InputError(`--${name}`, `expected an integer, got '${String(args.options[name])}'`);
  return v;
}

/** `a,b` -> [a, b] with a < b, both finite. */
export function intervalOption(args: ParsedArgs, name: string, fallback?: readonly [number, number]): readonly [number, number] | undefined {
  const raw = args.options[name];
  if (raw === undefined) return fallback;
  const parts = String(raw).split(',');
  const nums = parts.map((p) => Number(p));
  if (parts.length !== 2 || parts.some((p) => p.trim() === '') || nums.some((n) => !Number.isFinite(n))) {
    throw new InputError(`--${name}`, `expected two finite numbers 'a,b' (e.g. --${name}=-200,200), got '${String(raw)}'`);
  }
  if (!(nums[0] < nums[1])) throw new InputError(`--${name}`, `expected a < b, got '${String(raw)}'`);
  return [nums[0], nums[1]];
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

/** A string option's value, or `fallback` when absent. */
export function stringOption(raw: string | boolean | undefined, fallback: string): string {
  return typeof raw === 'string' ? raw : fallback;
}

/** A seed as typed: an integer when it reads as a safe integer (seedrandom seeds `1` and `'1'` alike differ), else the string. */
export function seedValue(s: string): string | number {
  return /^-?\d+$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : s;
}
