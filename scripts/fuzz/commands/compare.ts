/** `polyact compare`: degree ranges and lists (0..64 included), grids, method filters, the value families. */
import type { FuzzCommand } from '../command';
import { FuzzRng, fnValue, intervalText, integerText, noise, option, INTEGER_SPELLINGS, WITH_NEWLINES } from '../values';
import { checkCompareJson } from '../checks';
import { compareBudgetSeconds, parseDegrees } from '../../../lib/cli/compare';
import { METHODS } from './fit';

function degrees(r: FuzzRng): string {
  return r.weighted<() => string>([
    [20, () => String(r.int(0, 6))],
    [12, () => { const lo = r.int(0, 6); return `${lo}..${lo + r.int(0, 3)}`; }],
    [6, () => [r.int(0, 8), r.int(0, 8), r.int(0, 8)].join(',')],
    [2, () => r.pick(['0..64', '60..64', '64', '65', '0..65', '30..32'])],
    [4, () => r.pick(['4..2', 'x', '2..x', '2...4', '2..3..4', '', ',', '1,,2', '-1', '2 ,3', ...INTEGER_SPELLINGS, ...WITH_NEWLINES.slice(1, 3)])],
  ])();
}

function generate(r: FuzzRng): string[] {
  const argv: string[] = [];
  if (r.chance(0.97)) argv.push(...option(r, 'fn', fnValue(r)));
  if (r.chance(0.7)) argv.push(...option(r, 'interval', intervalText(r)));
  if (r.chance(0.9)) argv.push(...option(r, 'degrees', degrees(r)));
  // The default grid (100001) makes every degree cost seconds: drawn, but rarely.
  argv.push(...option(r, 'grid', r.chance(0.93) ? integerText(r, [201, 301, 1001, 2694], [0, 1, 2, 3, 10000001]) : '100001'));
  if (r.chance(0.3)) {
    const ms = METHODS.filter(() => r.chance(0.4));
    argv.push(...option(r, 'methods', r.chance(0.9) ? ms.join(',') || 'chebyshev' : r.pick(['magic', 'chebyshev,', ',', 'numerical (uniform)', 'chebyshev\nminimax'])));
  }
  if (r.chance(0.6)) argv.push('--json');
  return r.chance(0.08) ? noise(r, argv, ['fn', 'interval', 'degrees', 'grid', 'methods', 'json']) : argv;
}

/** The value of an option in argv (`--name v` or `--name=v`), the last one winning. */
function optionValue(argv: readonly string[], name: string): string | undefined {
  let v: string | undefined;
  argv.forEach((a, i) => { if (a === `--${name}`) v = argv[i + 1]; else if (a.startsWith(`--${name}=`)) v = a.slice(name.length + 3); });
  return v;
}

/** compare's documented budget for the case (its --help): per degree, by grid size; the watchdog is never below 20 s. */
function budgetMs(argv: readonly string[]): number | undefined {
  try {
    const degrees = parseDegrees(optionValue(argv, 'degrees') ?? '2..4').length;
    const grid = Number(optionValue(argv, 'grid') ?? 100001);
    return Number.isFinite(grid) ? 1000 * compareBudgetSeconds(degrees, grid) : undefined;
  } catch {
    return undefined; // rejected arguments: the plain watchdog
  }
}

export const compare: FuzzCommand = {
  name: 'compare',
  weight: 22,
  budgetMs,
  generate,
  check: (argv, json) => (json ? checkCompareJson(argv, json) : undefined),
};
