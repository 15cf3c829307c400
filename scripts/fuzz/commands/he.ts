/** `polyact he`: fitted polynomials under CKKS (degrees kept <= 16 mostly: SEAL time grows with the depth), schemes, scales, ring sizes. */
import type { FuzzCommand } from '../command';
import { FuzzRng, degreeText, fnValue, intervalText, integerText, noise, option } from '../values';
import { checkFinite } from '../checks';
import { METHODS } from './fit';

function generate(r: FuzzRng): string[] {
  const argv: string[] = [];
  argv.push(...option(r, 'fn', fnValue(r)));
  argv.push(...option(r, 'method', r.chance(0.95) ? r.pick(METHODS) : 'spline'));
  argv.push(...option(r, 'degree', r.chance(0.85) ? String(r.int(1, 8)) : r.chance(0.5) ? String(r.pick([0, 16, 32, 64])) : degreeText(r)));
  if (r.chance(0.6)) argv.push(...option(r, 'interval', intervalText(r)));
  if (r.chance(0.3)) argv.push(...option(r, 'scheme', r.pick(['tree', 'bsgs', 'horner', ''])));
  if (r.chance(0.3)) argv.push(...option(r, 'scale-bits', integerText(r, [30, 40, 50], [19, 20, 58, 59, 60])));
  if (r.chance(0.15)) argv.push(...option(r, 'poly-modulus-degree', integerText(r, [8192, 16384], [1024, 4096, 32768, 65536, 5000])));
  if (r.chance(0.6)) argv.push('--json');
  return r.chance(0.08) ? noise(r, argv, ['fn', 'method', 'degree', 'interval', 'scheme', 'scale-bits', 'poly-modulus-degree', 'json']) : argv;
}

export const he: FuzzCommand = {
  name: 'he',
  weight: 8,
  generate,
  check: (_argv, json) => (json ? checkFinite(json) : undefined),
};
