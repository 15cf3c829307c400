/**
 * `polyact fit`: fit a polynomial to an activation with any registered method and print it in the
 * paper's style with its metrics, or (--json) as exactly one JSON object. Method options come
 * from the method registry, so a new method needs no change here. When the monomial form means
 * nothing in double precision (tiny or far-off intervals, high degrees: Polynomial.monomialForm)
 * the text shows the Chebyshev form and says why, and --json has `coefficients: null` with a
 * `monomialNote`.
 */
import { escapeControls } from '../errors';
import { DEFAULT_GRID, MAX_GRID, metrics } from '../metrics';
import { formatOptions, integerOption, parseArgs, rejectPositionals } from './args';
import type { OptionSpec } from './args';
import type { Command } from './command';
import { FIT_OPTIONS, fitFromArgs, methodHelp, methodOptionSpecs } from './fit-options';
import { jsonLine } from './json';

const commonOptions: OptionSpec[] = [
  ...FIT_OPTIONS,
  { name: 'grid', type: 'integer', description: `points of the uniform metrics grid, 2..${MAX_GRID} (the paper's tables: 201)`, default: DEFAULT_GRID },
  { name: 'digits', type: 'integer', description: 'significant digits of the printed coefficients, 1..17', default: 4 },
  { name: 'json', type: 'flag', description: 'print exactly one JSON object (full precision) instead of text' },
];

const allOptions = (): OptionSpec[] => [...commonOptions, ...methodOptionSpecs(commonOptions)];

function help(): string {
  return [
    'Usage: polyact fit --fn <name|formula> --method <method> --degree N [--interval=-200,200] [method options] [--json]',
    '',
    'Fits a polynomial of degree N to the activation on the interval and prints it in the paper\'s',
    'style with its normalised MSE, MAE, max_loss and rho on a uniform grid. Where the monomial',
    'form means nothing in double precision it prints the Chebyshev form in t = (x - m)/h instead.',
    '',
    'Options:',
    formatOptions(commonOptions),
    '',
    ...methodHelp(),
    '',
    'Exit codes: 0 success, 2 bad input, 3 the method could not reach its tolerance or budget.',
    'Example: polyact fit --fn relu --method chebyshev --degree 2 --interval=-200,200 --grid 201',
  ].join('\n');
}

function run(argv: string[]): number {
  const args = parseArgs(argv, allOptions());
  rejectPositionals(args, 'fit');
  const grid = integerOption(args, 'grid', DEFAULT_GRID, { min: 2, max: MAX_GRID })!;
  const digits = integerOption(args, 'digits', 4, { min: 1, max: 17 })!;
  // Methods that optimise on the metrics grid (rho-optimal, minimax's grid max) see the same --grid the metrics use.
  const { f, degree, interval, result } = fitFromArgs(args, commonOptions, { grid });
  const p = result.polynomial;
  const m = metrics(f, p, interval, { grid });
  const mono = p.monomialForm();
  if (args.options.json) {
    process.stdout.write(jsonLine({
      function: f.name,
      method: result.method,
      degree,
      interval: [interval[0], interval[1]],
      coefficients: mono.coefficients,
      ...(mono.note ? { monomialNote: mono.note } : {}),
      chebyshev: [...p.coefficients],
      range: m.range,
      metrics: { grid: m.grid, mse: m.mse, mae: m.mae, maxLoss: m.maxLoss, rho: m.rho },
      params: result.params,
      ...(result.certificate ? { certificate: result.certificate } : {}),
    }));
    return 0;
  }
  const params = Object.entries(result.params).map(([k, v]) => `${k}=${escapeControls(String(v))}`).join(' ');
  const fmt = (v: number): string => v.toPrecision(6);
  const lines = [
    `${f.name} on [${interval[0]}, ${interval[1]}], ${result.method}, degree ${degree}${params ? ` (${params})` : ''}`,
    `p(x) = ${p.toString({ digits })}`,
    ...(mono.note ? [`  (${mono.note})`] : []),
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
  options: allOptions,
};
