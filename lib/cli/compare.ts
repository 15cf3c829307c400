/**
 * `polyact compare`: every fitting method side by side for one activation, interval and range of
 * degrees, with the certified optimum (rho-optimal: rho and its lower bound; minimax: max_loss and
 * its lower bound) and each method's excess over it in percent. --json prints one JSON object.
 */
import { activation } from '../activations';
import { InputError } from '../errors';
import { DEFAULT_GRID } from '../metrics';
import { compareMethods, defaultVariants } from '../optimal/study';
import type { Comparison } from '../optimal/study';
import { formatOptions, integerOption, intervalOption, parseArgs } from './args';
import type { OptionSpec } from './args';
import type { Command } from './command';

const options: OptionSpec[] = [
  { name: 'fn', type: 'string', description: 'activation: a registry name (relu, sigmoid, tanh, gelu, ...) or a mathjs formula in x (required)' },
  { name: 'interval', type: 'string', description: 'interval a,b with a < b (write --interval=-200,200)', default: '-200,200' },
  { name: 'degrees', type: 'string', description: "degrees: a range '2..8', a list '2,3,4' or one degree", default: '2..4' },
  { name: 'grid', type: 'integer', description: "metrics grid points; rho-optimal is optimised on it (the paper's tables: 201)", default: DEFAULT_GRID },
  { name: 'methods', type: 'string', description: 'comma-separated method names to include (default: all)' },
  { name: 'json', type: 'flag', description: 'print exactly one JSON object instead of text' },
];

/** '2..8' | '2,3,4' | '4' -> degrees; an InputError naming --degrees otherwise. */
export function parseDegrees(text: string): number[] {
  const bad = (): never => { throw new InputError('--degrees', `expected a range '2..8', a list '2,3,4' or one integer in 0..64, got '${text}'`); };
  const int = (s: string): number => {
    if (!/^\s*\d+\s*$/.test(s)) bad();
    const v = Number(s);
    if (v > 64) bad();
    return v;
  };
  const range = text.split('..');
  if (range.length === 2) {
    const lo = int(range[0]), hi = int(range[1]);
    if (hi < lo) bad();
    return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  }
  if (range.length > 2) bad();
  return [...new Set(text.split(',').map(int))].sort((u, v) => u - v);
}

function help(): string {
  return [
    'Usage: polyact compare --fn <name|formula> [--interval=-200,200] [--degrees 2..8] [--grid N] [--methods a,b] [--json]',
    '',
    'Fits every method for each degree and prints its normalised MSE, max_loss and rho beside the',
    'certified optimum: the rho-optimal polynomial (the lowest rho any polynomial of that degree can',
    'reach on the grid, with a lower bound) and the minimax polynomial (the lowest max error on the',
    'interval, with its de la Vallee Poussin lower bound). "+%" is the excess over the optimum.',
    '',
    'Options:',
    formatOptions(options),
    '',
    `Methods: ${defaultVariants().map((v) => v.label).join(', ')}`,
    '',
    'Example: polyact compare --fn sigmoid --interval=-200,200 --degrees 2..4 --grid 201',
  ].join('\n');
}

function text(c: Comparison): string {
  const lines = [`${c.fn} on [${c.interval[0]}, ${c.interval[1]}], metrics on ${c.grid} points (normalised)`];
  const fmt = (v: number): string => (Number.isFinite(v) ? v.toPrecision(5) : '-').padStart(11);
  const pct = (v: number): string => (Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${v.toFixed(1)}%` : '-').padStart(9);
  for (const o of c.optimum) {
    lines.push('', `degree ${o.degree}: optimal rho ${o.rho.toPrecision(6)} (certified >= ${o.rhoLower.toPrecision(6)}), minimax max_loss ${o.maxLoss.toPrecision(6)} (certified >= ${o.maxLossLower.toPrecision(6)})`);
    lines.push(`  ${'method'.padEnd(24)}${'MSE'.padStart(11)}${'max_loss'.padStart(11)}${'rho'.padStart(11)}${'rho +%'.padStart(9)}${'max +%'.padStart(9)}`);
    for (const r of c.rows.filter((row) => row.degree === o.degree)) {
      if (r.error) lines.push(`  ${r.label.padEnd(24)}failed: ${r.error}`);
      else lines.push(`  ${r.label.padEnd(24)}${fmt(r.mse)}${fmt(r.maxLoss)}${fmt(r.rho)}${pct(r.rhoExcessPercent)}${pct(r.maxLossExcessPercent)}`);
    }
  }
  return lines.join('\n');
}

function run(argv: string[]): number {
  const args = parseArgs(argv, options);
  if (args.positionals.length > 0) throw new InputError(args.positionals[0], 'unexpected argument; options are written --name value');
  const fnText = args.options.fn;
  if (typeof fnText !== 'string') throw new InputError('--fn', 'is required; expected an activation name or a formula in x');
  const interval = intervalOption(args, 'interval', [-200, 200])!;
  const degrees = parseDegrees(String(args.options.degrees ?? '2..4'));
  const grid = integerOption(args, 'grid', DEFAULT_GRID)!;
  if (grid < 2 || grid > 1e7) throw new InputError('--grid', `expected an integer in 2..10000000, got ${grid}`);
  let variants = defaultVariants();
  if (typeof args.options.methods === 'string') {
    const wanted = args.options.methods.split(',').map((s) => s.trim());
    const known = new Set(variants.map((v) => v.method));
    const unknown = wanted.filter((w) => !known.has(w));
    if (unknown.length > 0) throw new InputError('--methods', `unknown method '${unknown[0]}'; expected some of ${[...known].join(', ')}`);
    variants = variants.filter((v) => wanted.includes(v.method));
  }
  const f = activation(fnText);
  const c = compareMethods(f, interval, degrees, { grid, variants });
  if (args.options.json) {
    const rows = c.rows.map(({ polynomial, ...r }) => ({ ...r, coefficients: polynomial ? polynomial.monomial() : undefined }));
    process.stdout.write(JSON.stringify({ function: c.fn, interval: c.interval, grid: c.grid, optimum: c.optimum, rows }) + '\n');
  } else {
    process.stdout.write(text(c) + '\n');
  }
  return 0;
}

export const command: Command = {
  name: 'compare',
  summary: 'Every method side by side with the certified optimum (minimax, rho-optimal)',
  help,
  run,
};
