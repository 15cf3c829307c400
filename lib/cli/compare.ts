/**
 * `polyact compare`: every fitting method side by side for one activation, interval and range of
 * degrees, with the certified optimum (rho-optimal: rho and its lower bound; minimax: max_loss on
 * the grid and a grid-valid lower bound) and each method's excess over it in percent. --json
 * prints one JSON object. A method that fails for a degree (its budget, or input it cannot take)
 * is a row "skipped: <reason>" and the others are kept; excesses against an optimum at rounding
 * level (f is reproduced, e.g. a polynomial of degree <= N) are left blank with the reason.
 */
import { activation } from '../activations';
import { InputError, echo } from '../errors';
import { DEFAULT_GRID, MAX_GRID } from '../metrics';
import { compareMethods, defaultVariants } from '../optimal/study';
import type { Comparison, ComparisonOptimum } from '../optimal/study';
import { formatOptions, integerOption, intervalOption, parseArgs, rejectPositionals, requireOption } from './args';
import type { OptionSpec } from './args';
import type { Command } from './command';
import { jsonLine } from './json';
import { integerFromText } from '../text-numbers';

const options: OptionSpec[] = [
  { name: 'fn', type: 'string', description: 'activation: a registry name (relu, sigmoid, tanh, gelu, ...) or a mathjs formula in x (required)' },
  { name: 'interval', type: 'string', description: 'interval a,b with a < b (write --interval=-200,200)', default: '-200,200' },
  { name: 'degrees', type: 'string', description: "degrees: a range '2..8', a list '2,3,4' or one degree, each in 0..64", default: '2..4' },
  { name: 'grid', type: 'integer', description: `metrics grid points, 2..${MAX_GRID}; rho-optimal is optimised on it (the paper's tables: 201)`, default: DEFAULT_GRID },
  { name: 'methods', type: 'string', description: 'comma-separated method names to include (default: all)' },
  { name: 'json', type: 'flag', description: 'print exactly one JSON object instead of text' },
];

/** More degrees than this print one progress line per degree on stderr. */
const PROGRESS_ABOVE = 4;

/**
 * The documented time budget per degree, in seconds (the fuzzer's watchdog for compare follows it):
 * 65 degrees of tanh on 1001 points took 309 s, three degrees of mod(x, 3) on 1001 points 40 s and one
 * on 100001 points 39 s, all at load 6-7 on 2 cores (CLI runs, start-up included).
 */
export const COMPARE_BUDGET = { small: 15, smallGrid: 10001, large: 45 } as const;

/** The documented budget of `compare` for these degrees and grid, in seconds. */
export function compareBudgetSeconds(degreeCount: number, grid: number): number {
  return degreeCount * (grid <= COMPARE_BUDGET.smallGrid ? COMPARE_BUDGET.small : COMPARE_BUDGET.large);
}

/** '2..8' | '2,3,4' | '4' -> degrees (the integer rule of lib/text-numbers.ts); an InputError naming --degrees otherwise. */
export function parseDegrees(text: string): number[] {
  const bad = (): never => { throw new InputError('--degrees', `expected a range '2..8', a list '2,3,4' or one integer in 0..64, got ${echo(text)}`); };
  const int = (s: string): number => {
    const v = integerFromText(s);
    if (v === undefined || v < 0 || v > 64) return bad();
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
    'certified optimum on the metrics grid: the rho-optimal polynomial (the lowest rho any polynomial',
    'of that degree can reach on the grid, with a certified lower bound) and the minimax polynomial',
    '(its max_loss on the grid, with a lower bound that holds for every polynomial on the grid).',
    '"+%" is the excess over those: rho over the optimal rho, max_loss over the minimax polynomial\'s',
    '(negative when a method beats the minimax polynomial on a coarse grid; never below the bound).',
    'Excesses are blank when the optimum is at rounding level (f is reproduced); a method that cannot',
    'serve a degree (e.g. its evaluation budget) is shown as skipped with the reason.',
    '',
    `Budget: every method within its own budget; at most ${COMPARE_BUDGET.small} s per degree on grids up to ${COMPARE_BUDGET.smallGrid} points and`,
    `${COMPARE_BUDGET.large} s per degree on larger ones (the default grid; f that jump, e.g. mod or floor, cost most), measured`,
    `on a loaded 2-core machine. More than ${PROGRESS_ABOVE} degrees print one progress line per degree on stderr.`,
    '',
    'Options:',
    formatOptions(options),
    '',
    `Methods: ${defaultVariants().map((v) => v.label).join(', ')}`,
    '',
    'Exit codes: 0 success, 2 bad input, 3 valid input the methods could not serve.',
    'Example: polyact compare --fn sigmoid --interval=-200,200 --degrees 2..4 --grid 201',
  ].join('\n');
}

/** The optimum line of a degree: every displayed lower bound is <= its value (certified so). */
function optimumLine(o: ComparisonOptimum): string {
  const g6 = (v: number): string => v.toPrecision(6);
  const rho = Number.isFinite(o.rho) ? `optimal rho ${g6(o.rho)} (certified >= ${g6(o.rhoLower)})${o.rhoAtRoundingLevel ? ' - at rounding level' : ''}` : 'optimal rho not reached';
  const max = Number.isFinite(o.maxLoss) ? `minimax max_loss ${g6(o.maxLoss)} (certified >= ${g6(o.maxLossLower)} on the grid)${o.maxLossAtRoundingLevel ? ' - at rounding level' : ''}` : 'minimax not reached';
  return `degree ${o.degree}: ${rho}, ${max}${o.note ? ` [${o.note}]` : ''}`;
}

function text(c: Comparison): string {
  const lines = [`${c.fn} on [${c.interval[0]}, ${c.interval[1]}], metrics on ${c.grid} points (normalised)`];
  const fmt = (v: number): string => (Number.isFinite(v) ? v.toPrecision(5) : '').padStart(11);
  const pct = (v: number): string => (Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${v.toFixed(1)}%` : '').padStart(9);
  for (const o of c.optimum) {
    lines.push('', optimumLine(o));
    lines.push(`  ${'method'.padEnd(24)}${'MSE'.padStart(11)}${'max_loss'.padStart(11)}${'rho'.padStart(11)}${'rho +%'.padStart(9)}${'max +%'.padStart(9)}`);
    const notes = new Set<string>();
    for (const r of c.rows.filter((row) => row.degree === o.degree)) {
      if (r.error) lines.push(`  ${r.label.padEnd(24)}skipped: ${r.error}`);
      else {
        lines.push(`  ${r.label.padEnd(24)}${fmt(r.mse)}${fmt(r.maxLoss)}${fmt(r.rho)}${pct(r.rhoExcessPercent)}${pct(r.maxLossExcessPercent)}`);
        if (r.note) notes.add(r.note);
      }
    }
    for (const n of notes) lines.push(`  (${n})`);
  }
  return lines.join('\n');
}

/** The JSON form: NaN values as null beside the reason (`skipped` for a row that failed, `note` for blank excesses). */
function json(c: Comparison): unknown {
  const num = (v: number): number | null => (Number.isFinite(v) ? v : null);
  const optimum = c.optimum.map((o) => ({ ...o, rho: num(o.rho), rhoLower: num(o.rhoLower), maxLoss: num(o.maxLoss), maxLossLower: num(o.maxLossLower) }));
  const rows = c.rows.map(({ polynomial, error, note, ...r }) => {
    const mono = polynomial?.monomialForm();
    return {
      ...r,
      mse: num(r.mse), mae: num(r.mae), maxLoss: num(r.maxLoss), rho: num(r.rho),
      rhoExcessPercent: num(r.rhoExcessPercent), maxLossExcessPercent: num(r.maxLossExcessPercent),
      ...(error ? { skipped: error } : {}), ...(note ? { note } : {}),
      ...(polynomial ? { coefficients: mono!.coefficients, ...(mono!.note ? { monomialNote: mono!.note } : {}), chebyshev: [...polynomial.coefficients] } : {}),
    };
  });
  return { function: c.fn, interval: c.interval, grid: c.grid, optimum, rows };
}

function run(argv: string[]): number {
  const args = parseArgs(argv, options);
  rejectPositionals(args, 'compare');
  const fnText = requireOption(args, 'fn', 'an activation name or a formula in x');
  const interval = intervalOption(args, 'interval', [-200, 200])!;
  const degrees = parseDegrees(String(args.options.degrees ?? '2..4'));
  const grid = integerOption(args, 'grid', DEFAULT_GRID, { min: 2, max: MAX_GRID })!;
  let variants = defaultVariants();
  if (typeof args.options.methods === 'string') {
    const wanted = args.options.methods.split(',').map((s) => s.trim());
    const known = new Set(variants.map((v) => v.method));
    const unknown = wanted.filter((w) => !known.has(w));
    if (unknown.length > 0) throw new InputError('--methods', `unknown method ${echo(unknown[0])}; expected some of ${[...known].join(', ')}`);
    variants = variants.filter((v) => wanted.includes(v.method));
  }
  const f = activation(fnText);
  const onProgress = degrees.length > PROGRESS_ABOVE
    ? (degree: number, index: number, total: number, seconds: number) => process.stderr.write(`compare: degree ${degree} done (${index + 1} of ${total}, ${seconds.toFixed(1)} s)\n`)
    : undefined;
  const c = compareMethods(f, interval, degrees, { grid, variants, onProgress });
  process.stdout.write(args.options.json ? jsonLine(json(c)) : text(c) + '\n');
  return 0;
}

export const command: Command = {
  name: 'compare',
  summary: 'Every method side by side with the certified optimum (minimax, rho-optimal)',
  help,
  run,
  options: () => options,
};
