/**
 * `polyact network`: small input counts (the run time is linear in --inputs, ~10^5 inputs/s; the
 * fuzzer keeps to <= 20000 so a case fits its 20 s watchdog), seeds, scalings, presets and
 * coefficient lists.
 */
import type { FuzzCommand } from '../command';
import { FuzzRng, integerText, noise, numberText, option, seedText } from '../values';
import { checkFinite } from '../checks';

function poly(r: FuzzRng): string {
  return r.weighted<() => string>([
    [10, () => r.pick(['paper-best-4', 'chebyshev-4', 'cryptodl-4', 'minimax-4'])],
    [6, () => `coefficients:${Array.from({ length: r.int(1, 6) }, () => (r.chance(0.8) ? (r.next() * 2 - 1).toPrecision(3) : numberText(r))).join(',')}`],
    [3, () => r.pick(['coefficients:', 'coefficients:1,,2', 'coefficients:1e308,1e308,1e308', 'coefficients:0', 'coefficients:1e-300', 'poly', '', 'coefficients:1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20'])],
  ])();
}

function generate(r: FuzzRng): string[] {
  const argv: string[] = [];
  argv.push(...option(r, 'inputs', r.chance(0.9) ? String(r.pick([1, 2, 10, 100, 1000, 5000, 20000])) : integerText(r, [1, 100], [0, -1, 1000000001])));
  if (r.chance(0.5)) argv.push(...option(r, 'seed', seedText(r)));
  if (r.chance(0.3)) argv.push(...option(r, 'weight-seed', seedText(r)));
  if (r.chance(0.5)) argv.push(...option(r, 'scaling', r.pick(['fixed', 'per-input', 'none', ''])));
  if (r.chance(0.6)) argv.push(...option(r, 'poly', poly(r)));
  if (r.chance(0.4)) argv.push(...option(r, 'workers', integerText(r, [1, 2], [0, 64, 65])));
  argv.push(...option(r, 'search-steps', r.chance(0.9) ? String(r.pick([0, 1, 5, 20])) : integerText(r, [0, 10], [-1, 100001])));
  if (r.chance(0.6)) argv.push('--json');
  return r.chance(0.08) ? noise(r, argv, ['inputs', 'seed', 'weight-seed', 'scaling', 'poly', 'workers', 'search-steps', 'json']) : argv;
}

export const network: FuzzCommand = {
  name: 'network',
  weight: 10,
  generate,
  check: (_argv, json) => (json ? checkFinite(json) : undefined),
};
