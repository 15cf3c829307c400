/**
 * `polyact fit`: fit a polynomial to an activation with any registered method and print it in the
 * paper's style with its metrics, or (--json) as exactly one JSON object. Method options come
 * from the method registry, so a new method needs no change here.
 */
import { InputError } from '../errors';
import { DEFAULT_GRID, metrics } from '../metrics';
import { formatOptions, integerOption, parseArgs } from './args';
import type { OptionSpec } from './args';
import type { Command } from './command';
import { FIT_OPTIONS, fitFromArgs, methodHelp, methodOptionSpecs } from './fit-options';

const commonOptions: OptionSpec[] = [
  ...FIT_OPTIONS,
  { name: 'grid', type: 'integer', description: 'points of the uniform metrics grid (the paper\'s tables: 201)', default: DEFAULT_GRID },
  { name: 'digits', type: 'integer', description: 'significant digits of the printed coefficients', default: 4 },
  { name: 'json', type: 'flag', description: 'print exactly one JSON object (full precision) instead of text' },
];

function help(): string {
  return [
    'Usage: polyact fit --fn <name|formula> --method <method> --degree N [--interval=-200,200] [method options] [--json]',
    '',
    'Fits a polynomial of degree N to the activation on the interval and prints it in the paper\'s',
    'style with its normalised MSE, MAE, max_loss and rho on a uniform grid.',
    '',
    'Options:',
    formatOptions(commonOptions),
    '',
    ...methodHelp(),
    '',
    'Example: polyact fit --fn relu --method chebyshev --degree 2 --interval=-200,200 --grid 201',
  ].join('\n');
}

function run(argv: string[]): number {
  const args = parseArgs(argv, [...commonOptions, ...methodOptionSpecs(commonOptions)]);
  if (args.positionals.length > 0) throw new InputError(args.positionals[0], 'unexpected argument; options are written --name value');
  const grid = integerOption(args, 'grid', DEFAULT_GRID)!;
  if (grid < 2) throw new InputError('--grid', `expected an integer >= 2, got ${grid}`);
  const digits = integerOption(args, 'digits', 4)!;
  if (digits < 1 || digits > 17) throw new InputError('--digits', `expected an integer 1..17, got ${digits}`);
  // Methods that optimise on the metrics grid (rho-optimal, minimax's grid max) see the same --grid the metrics use.
  const { f, degree, interval, result } = fitFromArgs(args, commonOptions, { grid });
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
