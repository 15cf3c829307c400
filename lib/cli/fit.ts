/**
 * `polyact fit`: fit a polynomial to an activation with any registered method and print it in the
 * paper's style with its metrics, or (--json) as exactly one JSON object. Method options come
 * from the method registry, so a new method needs no change here.
 */
import { activation } from '../activations';
import { InputError } from '../errors';
import { fit } from '../fit/index';
import type { FitMethod, MethodOption } from '../fit/types';
import { getMethod, methods } from '../fit/types';
import { DEFAULT_GRID, metrics } from '../metrics';
import { formatOptions, integerOption, intervalOption, numberOption, parseArgs } from './args';
import type { OptionSpec } from './args';
import type { Command } from './command';

const DEFAULT_INTERVAL: readonly [number, number] = [-200, 200];

const commonOptions: OptionSpec[] = [
  { name: 'fn', type: 'string', description: 'activation: relu, sigmoid, tanh, gelu, silu, softplus, elu, leaky_relu, or a mathjs formula in x (required)' },
  { name: 'method', type: 'string', description: 'fitting method (required): see the methods below' },
  { name: 'degree', type: 'integer', description: 'polynomial degree N, 0..64 (required)' },
  { name: 'interval', type: 'string', description: 'interval a,b with a < b (write --interval=-200,200 or --interval -200,200)', default: '-200,200' },
  { name: 'grid', type: 'integer', description: 'points of the uniform metrics grid (the paper\'s tables: 201)', default: DEFAULT_GRID },
  { name: 'digits', type: 'integer', description: 'significant digits of the printed coefficients', default: 4 },
  { name: 'json', type: 'flag', description: 'print exactly one JSON object (full precision) instead of text' },
];

/** Every method option, once per name (the same name means the same thing across methods). */
function methodOptionSpecs(): OptionSpec[] {
  const seen = new Map<string, OptionSpec>();
  for (const m of methods()) {
    for (const o of m.options) {
      if (!seen.has(o.name) && !commonOptions.some((c) => c.name === o.name)) {
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

function help(): string {
  const lines = [
    'Usage: polyact fit --fn <name|formula> --method <method> --degree N [--interval=-200,200] [method options] [--json]',
    '',
    'Fits a polynomial of degree N to the activation on the interval and prints it in the paper\'s',
    'style with its normalised MSE, MAE, max_loss and rho on a uniform grid.',
    '',
    'Options:',
    formatOptions(commonOptions),
    '',
    'Methods and their options:',
  ];
  for (const m of methods()) {
    lines.push(`  ${m.name}: ${m.description}`);
    for (const o of m.options) lines.push(describeOption(o));
  }
  lines.push('', 'Example: polyact fit --fn relu --method chebyshev --degree 2 --interval=-200,200 --grid 201');
  return lines.join('\n');
}

/** Parses the method's own options by their registered types; rejects options of other methods. */
function methodOptions(method: FitMethod, args: ReturnType<typeof parseArgs>): Record<string, unknown> {
  const own = new Set(method.options.map((o) => o.name));
  const out: Record<string, unknown> = {};
  for (const spec of methodOptionSpecs()) {
    if (args.options[spec.name] === undefined) continue;
    if (!own.has(spec.name)) {
      throw new InputError(`--${spec.name}`, `is not an option of method '${method.name}'; its options: ${method.options.map((o) => `--${o.name}`).join(', ') || '(none)'}`);
    }
  }
  for (const o of method.options) {
    if (args.options[o.name] === undefined) continue;
    const raw = String(args.options[o.name]);
    if (o.type === 'number') out[o.name] = numberOption(args, o.name);
    else if (o.type === 'integer') out[o.name] = integerOption(args, o.name);
    else {
      if (o.choices && !o.choices.includes(raw)) throw new InputError(`--${o.name}`, `expected one of ${o.choices.join(', ')}, got '${raw}'`);
      out[o.name] = raw;
    }
  }
  return out;
}

function requireOption(args: ReturnType<typeof parseArgs>, name: string, expected: string): string {
  const v = args.options[name];
  if (v === undefined || v === true) throw new InputError(`--${name}`, `is required; expected ${expected}`);
  return String(v);
}

function run(argv: string[]): number {
  const args = parseArgs(argv, [...commonOptions, ...methodOptionSpecs()]);
  if (args.positionals.length > 0) throw new InputError(args.positionals[0], 'unexpected argument; options are written --name value');
  const fnText = requireOption(args, 'fn', 'an activation name or a formula in x');
  const methodName = requireOption(args, 'method', `one of ${methods().map((m) => m.name).join(', ')}`);
  const method = getMethod(methodName);
  if (!method) throw new InputError('--method', `unknown method '${methodName}'; expected one of ${methods().map((m) => m.name).join(', ')}`);
  requireOption(args, 'degree', 'an integer 0..64');
  const degree = integerOption(args, 'degree')!;
  const interval = intervalOption(args, 'interval', DEFAULT_INTERVAL)!;
  const grid = integerOption(args, 'grid', DEFAULT_GRID)!;
  if (grid < 2) throw new InputError('--grid', `expected an integer >= 2, got ${grid}`);
  const digits = integerOption(args, 'digits', 4)!;
  if (digits < 1 || digits > 17) throw new InputError('--digits', `expected an integer 1..17, got ${digits}`);
  const f = activation(fnText);
  const options = methodOptions(method, args);
  // Methods that optimise on the metrics grid (rho-optimal, minimax's grid max) see the same --grid the metrics use.
  if (method.options.some((o) => o.name === 'grid')) options.grid = grid;
  const result = fit(method.name, f, degree, interval, options);
  const m = metrics(f, result.polynomial, interval, { grid });
  if (args.options.json) {
    const out = {
      function: f.name,
      method: result.method,
      degree,
      interval: [interval[0], interval[1]],
      coefficients: result.polynomial.monomial(),
      chebyshev: [...result.polynomial.coefficients],
      range: m.range,
      metrics: { grid: m.grid, mse: m.mse, mae: m.mae, maxLoss: m.maxLoss, rho: m.rho },
      params: result.params,
      ...(result.certificate ? { certificate: result.certificate } : {}),
    };
    process.stdout.write(JSON.stringify(out) + '\n');
    return 0;
  }
  const params = Object.entries(result.params).map(([k, v]) => `${k}=${String(v)}`).join(' ');
  const fmt = (v: number): string => v.toPrecision(6);
  const lines = [
    `${f.name} on [${interval[0]}, ${interval[1]}], ${result.method}, degree ${degree}${params ? ` (${params})` : ''}`,
    `p(x) = ${result.polynomial.toString({ digits })}`,
    '',
    `metrics on ${m.grid} points, normalised by the range [${fmt(m.range[0])}, ${fmt(m.range[1])}]:`,
    `  MSE       ${fmt(m.mse)}`,
    `  MAE       ${fmt(m.mae)}`,
    `  max_loss  ${fmt(m.maxLoss)}`,
    `  rho       ${fmt(m.rho)}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

export const command: Command = {
  name: 'fit',
  summary: 'Fit a polynomial to an activation and print it with its metrics',
  help,
  run,
};
