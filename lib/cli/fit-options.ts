/**
 * The options that name a fitted polynomial - `--fn --method --degree --interval` plus every
 * registered method's own options - shared by the subcommands that fit one (`fit`, `he`), so a
 * new method's options work everywhere without a change here.
 */
import { activation } from '../activations';
import type { Activation } from '../activations';
import { InputError, echo } from '../errors';
import { fit } from '../fit/index';
import type { FitMethod, FitResult, MethodOption } from '../fit/types';
import { getMethod, methodOptions as effectiveOptions, methods } from '../fit/types';
import type { Interval } from '../polynomial';
import { integerOption, intervalOption, numberOption, requireOption } from './args';
import type { OptionSpec, ParsedArgs } from './args';

export const DEFAULT_INTERVAL: Interval = [-200, 200];

export const FIT_OPTIONS: readonly OptionSpec[] = [
  { name: 'fn', type: 'string', description: 'activation: relu, sigmoid, tanh, gelu, silu, softplus, elu, leaky_relu, or a mathjs formula in x (required)' },
  { name: 'method', type: 'string', description: 'fitting method (required): see the methods below' },
  { name: 'degree', type: 'integer', description: 'polynomial degree N, 0..64 (required)' },
  { name: 'interval', type: 'string', description: 'interval a,b with a < b (write --interval=-200,200 or --interval -200,200)', default: '-200,200' },
];

/** Every method option, once per name (the same name means the same thing across methods), except the command's own. */
export function methodOptionSpecs(commandOptions: readonly OptionSpec[]): OptionSpec[] {
  const seen = new Map<string, OptionSpec>();
  for (const m of methods()) {
    for (const o of m.options) {
      if (!seen.has(o.name) && !commandOptions.some((c) => c.name === o.name)) {
        seen.set(o.name, { name: o.name, type: o.type, description: o.description, default: o.default });
      }
    }
  }
  return [...seen.values()];
}

function describeOption(o: MethodOption): string {
  const choices = o.choices ? ` (${o.choices.join('|')})` : '';
  const def = o.default !== undefined ? ` [default: ${String(o.default)}]` : '';
  return `      --${o.name} <${o.type === 'string' ? 'value' : o.type}>  ${o.description}${choices}${def}`;
}

/** Help lines: every method with its options. */
export function methodHelp(): string[] {
  const lines = ['Methods and their options:'];
  for (const m of methods()) {
    lines.push(`  ${m.name}: ${m.description}`);
    for (const o of m.options) lines.push(describeOption(o));
    if (m.optionsNote) lines.push(`      ${m.optionsNote}`);
  }
  return lines;
}

/**
 * Parses the method's options by their registered types and rejects options of other methods.
 * The accepted set is the method's for the given arguments (the derivative method also takes its
 * inner method's options), the same set the rejection message lists.
 */
function parseMethodOptions(method: FitMethod, args: ParsedArgs, commandOptions: readonly OptionSpec[]): Record<string, unknown> {
  const given: Record<string, unknown> = {};
  for (const spec of methodOptionSpecs(commandOptions)) if (typeof args.options[spec.name] === 'string') given[spec.name] = args.options[spec.name];
  const accepted = effectiveOptions(method, given);
  const own = new Set(accepted.map((o) => o.name));
  for (const name of Object.keys(given)) {
    if (!own.has(name)) {
      throw new InputError(`--${name}`, `is not an option of method '${method.name}'${method.optionsFor ? ' with these arguments' : ''}; its options: ${accepted.map((o) => `--${o.name}`).join(', ') || '(none)'}`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const o of accepted) {
    if (args.options[o.name] === undefined || commandOptions.some((c) => c.name === o.name)) continue;
    const raw = String(args.options[o.name]);
    if (o.type === 'number') out[o.name] = numberOption(args, o.name);
    else if (o.type === 'integer') out[o.name] = integerOption(args, o.name);
    else {
      if (o.choices && !o.choices.includes(raw)) throw new InputError(`--${o.name}`, `expected one of ${o.choices.join(', ')}, got ${echo(raw)}`);
      out[o.name] = raw;
    }
  }
  return out;
}

export interface FittedFromArgs {
  readonly f: Activation;
  readonly method: FitMethod;
  readonly degree: number;
  readonly interval: Interval;
  readonly result: FitResult;
}

/**
 * The polynomial the arguments name. `shared` holds command-level values that a method also
 * declares as its own option (e.g. `grid`: rho-optimal then optimises on the grid the metrics use).
 */
export function fitFromArgs(args: ParsedArgs, commandOptions: readonly OptionSpec[], shared: Record<string, unknown> = {}): FittedFromArgs {
  const fnText = requireOption(args, 'fn', 'an activation name or a formula in x');
  const names = methods().map((m) => m.name).join(', ');
  const methodName = requireOption(args, 'method', `one of ${names}`);
  const method = getMethod(methodName);
  if (!method) throw new InputError('--method', `unknown method ${echo(methodName)}; expected one of ${names}`);
  requireOption(args, 'degree', 'an integer 0..64');
  const degree = integerOption(args, 'degree')!;
  const interval = intervalOption(args, 'interval', DEFAULT_INTERVAL)!;
  const f = activation(fnText);
  const options = parseMethodOptions(method, args, commandOptions);
  const accepted = effectiveOptions(method, options);
  for (const [name, value] of Object.entries(shared)) if (accepted.some((o) => o.name === name)) options[name] = value;
  return { f, method, degree, interval, result: fit(method.name, f, degree, interval, options) };
}
