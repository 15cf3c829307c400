/**
 * `polyact accuracy`: the --poly names (every method at degrees 0/1/2/4/8/9/64/65, paper-best
 * outside 2..4, coefficient lists with huge, NaN, empty or many entries, misspellings) and
 * --interval rules (auto, fixed, C,D with boundary bounds). A case runs the 2,000 test digits in
 * ~0.1-3 s in-process (the data load, ~5 s under load, is paid by a worker's first case); degree
 * 64 of minimax and rho-optimal costs ~7-9 s at load 7, so it is drawn rarely.
 */
import type { FuzzCommand } from '../command';
import { checkAccuracyJson, checkAccuracyText } from '../checks';
import { FuzzRng, noise, numberText, option, WITH_NEWLINES } from '../values';

const FAMILIES = ['paper-best', 'chebyshev', 'minimax', 'rho-optimal', 'weighted'];

function coefficients(r: FuzzRng): string {
  return r.weighted<() => string>([
    [8, () => Array.from({ length: r.int(1, 6) }, () => (r.chance(0.8) ? (r.next() * 2 - 1).toPrecision(3) : numberText(r))).join(',')],
    // ReLU-like monomials on [-200, 200]: ~ 20 + x/2 + x^2/400
    [4, () => [20, 0.5, 1 / 400].map((c) => (c * (0.5 + r.next())).toPrecision(4)).join(',')],
    [4, () => r.pick(['', '1,,2', '1,NaN', 'NaN', 'Infinity', '1e308,1e308,1e308', '0', '1e-300', '-0', '1e999', '1,2,', ',1', ' 1, 2', '0x1', '1e308', '5e-324,5e-324'])],
    [2, () => Array.from({ length: r.pick([9, 10, 65, 66]) }, () => r.pick(['0', '1e-150', '1e-300', '1'])).join(',')],
  ])();
}

function poly(r: FuzzRng): string {
  return r.weighted<() => string>([
    [4, () => 'relu'],
    [6, () => `paper-best-${r.pick([2, 3, 4])}`],
    [16, () => `${r.pick(FAMILIES.slice(1))}-${r.pick([1, 2, 3, 4, 5, 6, 8])}`],
    [3, () => `${r.pick(FAMILIES.slice(1))}-${r.pick([9, 16, 24])}`],
    // Degree 64 of the iterative methods is several seconds: rarely.
    [1, () => `${r.pick(FAMILIES)}-64`],
    [4, () => `${r.pick(FAMILIES)}-${r.pick(['0', '1', '5', '65', '100', '-1', '04', '4.0', '1e1', ''])}`],
    [10, () => `coefficients:${coefficients(r)}`],
    [4, () => r.pick(['ReLU', 'relu-4', 'paper-best', 'minimax', 'cryptodl-4', 'taylor-4', 'coefficients', 'coefficients=1,2', 'minimax-4 ', ' relu', ...WITH_NEWLINES.slice(3, 6)])],
  ])();
}

function interval(r: FuzzRng): string {
  return r.weighted<() => string>([
    [10, () => r.pick(['auto', 'fixed'])],
    [6, () => `${r.pick(['5', '5.468', '7', '10', '22', '100', '1'])},${r.pick(['22', '22.18', '86.5', '100', '1000', '1'])}`],
    [4, () => `${r.pick(['1e-300', '5e-324', '1e-15', '1e15', '1e154', '1e308', '1.7976931348623157e308'])},${r.pick(['1e-300', '1', '22', '1e308'])}`],
    [4, () => r.pick(['0,1', '1,0', '-1,1', '1,-1', '1', '1,2,3', ',', '1,', 'NaN,1', 'inf,1', 'Infinity,1', 'a,b', 'Auto', 'fixed,', '', '1e999,1', '0x1,1', ' 1,2'])],
  ])();
}

function generate(r: FuzzRng): string[] {
  const argv: string[] = [];
  if (r.chance(0.95)) argv.push(...option(r, 'poly', poly(r)));
  if (r.chance(0.7)) argv.push(...option(r, 'interval', interval(r)));
  if (r.chance(0.6)) argv.push('--json');
  return r.chance(0.08) ? noise(r, argv, ['poly', 'interval', 'json']) : argv;
}

export const accuracy: FuzzCommand = {
  name: 'accuracy',
  weight: 6,
  generate,
  check: (argv, json, text) => (json ? checkAccuracyJson(argv, json) : checkAccuracyText(text)),
};
