/**
 * `polyact infer`: argument validation, and a few small encrypted runs. An encrypted run costs
 * ~11-20 s even for the smallest slice at load ~7 (key generation and encrypting the 784 pixel
 * ciphertexts at N = 16384 dominate; the full network takes minutes, N = 32768 ~60 s), so:
 * - 1 case in 25 is a real run on the cheapest path: batch layout, --cells and --hidden 1..2,
 *   --images 1..16, --workers 1, the scale left to the chooser or 25..36 bits (N = 16384);
 *   this command's watchdog is 60 s instead of 20 s;
 * - every other case carries at least one input the command rejects before any encryption
 *   (layout, --images, --cells, --hidden, --workers, --scale-bits, --poly-modulus-degree or
 *   --poly out of range or misspelled, unknown option, positional, flag with a value), with the
 *   other options drawn valid or boundary, or asks for --help. --weights trained is drawn only
 *   with such an input. Cases are not shrunk: dropping the rejected input would run for minutes.
 */
import type { FuzzCommand } from '../command';
import { checkInferJson } from '../checks';
import { FuzzRng, INTEGER_SPELLINGS, NON_NUMBERS, noise, numberText, option, seedText } from '../values';

const PRESETS = ['paper-best-4', 'chebyshev-4', 'cryptodl-4', 'minimax-4'];

function poly(r: FuzzRng): string {
  return r.chance(0.8) ? r.pick(PRESETS) : `coefficients:${Array.from({ length: r.int(1, 4) }, () => (r.next() * 2 - 1).toPrecision(3)).join(',')}`;
}

/** Values each option rejects before any encryption. */
const REJECTED: Record<string, readonly string[]> = {
  layout: ['Batch', 'packed ', 'both', '', 'slots', 'batch\n'],
  // Not 8193: with packed or N = 32768 it is a valid run of thousands of images. 10^9 is more
  // than memory holds (784 x 10^9 pixels): to be refused at once, whatever the layout.
  images: ['0', '-1', '1.5', '1e1', '0x4', '1000000000', ...NON_NUMBERS.slice(0, 8)],
  cells: ['0', '117', '-1', '1000', '1.5', 'abc'],
  hidden: ['0', '117', '-1', '1000', '2.0', 'abc'],
  workers: ['0', '17', '-1', '64', 'two'],
  'scale-bits': ['19', '59', '60', '0', '-30', '36.5', 'abc'],
  'poly-modulus-degree': ['1024', '4096', '5000', '65536', '0', '16385'],
  poly: ['nosuch', 'coefficients:', 'coefficients:1,,2', 'coefficients:1e308,1e308,1e308', 'coefficients:NaN', 'paper-best-9', 'relu'],
};

/** One input rejected before any encryption (or --help). */
function rejected(r: FuzzRng): string[] {
  return r.weighted<() => string[]>([
    [20, () => { const name = r.pick(Object.keys(REJECTED)); return option(r, name, r.pick(REJECTED[name])); }],
    [3, () => [`--${r.pick(['image', 'layouts', 'N', 'slots', 'bogus'])}`, r.pick(['2', 'x'])]],
    [2, () => [r.pick(['extra', '4', '-1', 'batch'])]],
    [2, () => [r.pick(['--help', '-h'])]],
    [2, () => [r.pick(['--json=1', '--trace=yes', '--images=', '--layout='])]],
  ])();
}

/** The cheapest encrypted run: a 1..2 x 1..2 slice of the batch layout in one thread. */
function realRun(r: FuzzRng): string[] {
  const argv = [...option(r, 'layout', 'batch'), ...option(r, 'cells', String(r.int(1, 2))), ...option(r, 'hidden', String(r.int(1, 2))),
    ...option(r, 'images', String(r.pick([1, 2, 3, 16]))), ...option(r, 'workers', '1')];
  if (r.chance(0.4)) argv.push(...option(r, 'seed', seedText(r)));
  if (r.chance(0.3)) argv.push(...option(r, 'weight-seed', seedText(r)));
  if (r.chance(0.5)) argv.push(...option(r, 'poly', poly(r)));
  if (r.chance(0.3)) argv.push(...option(r, 'scale-bits', String(r.pick([20, 22, 25, 30, 36]))));
  if (r.chance(0.2)) argv.push('--trace');
  if (r.chance(0.7)) argv.push('--json');
  return argv;
}

function generate(r: FuzzRng): string[] {
  if (r.chance(1 / 25)) return realRun(r);
  const argv: string[] = [];
  if (r.chance(0.7)) argv.push(...option(r, 'layout', r.pick(['batch', 'packed'])));
  if (r.chance(0.5)) argv.push(...option(r, 'images', r.pick(['1', '2', '16', '8192', '07', ...INTEGER_SPELLINGS.slice(0, 3)])));
  if (r.chance(0.2)) argv.push(...option(r, 'weights', r.pick(['random', 'trained', 'Trained', 'mnist', ''])));
  if (r.chance(0.3)) argv.push(...option(r, 'seed', seedText(r)));
  if (r.chance(0.2)) argv.push(...option(r, 'weight-seed', seedText(r)));
  if (r.chance(0.3)) argv.push(...option(r, 'poly', poly(r)));
  if (r.chance(0.2)) argv.push(...option(r, 'scale-bits', r.pick(['20', '21', '30', '36', '37', '58'])));
  if (r.chance(0.15)) argv.push(...option(r, 'poly-modulus-degree', r.pick(['8192', '16384', '32768'])));
  if (r.chance(0.2)) argv.push(...option(r, 'blocks', r.pick(['1', '2', '3', '4', '8', '16', '32', numberText(r)])));
  if (r.chance(0.3)) argv.push(...option(r, 'cells', r.pick(['1', '2', '116'])));
  if (r.chance(0.3)) argv.push(...option(r, 'hidden', r.pick(['1', '2', '116'])));
  if (r.chance(0.3)) argv.push(...option(r, 'workers', r.pick(['1', '2', '16'])));
  if (r.chance(0.15)) argv.push('--trace');
  if (r.chance(0.5)) argv.push('--json');
  // Between two options, never between an option and its value (that would make the value a positional).
  const at = r.int(0, argv.length);
  const cut = at < argv.length && !argv[at].startsWith('--') ? at + 1 : at;
  argv.splice(cut, 0, ...rejected(r));
  return r.chance(0.08) ? noise(r, argv, ['layout', 'images', 'weights', 'seed', 'poly', 'scale-bits', 'blocks', 'cells', 'hidden', 'workers', 'json']) : argv;
}

export const infer: FuzzCommand = {
  name: 'infer',
  weight: 5,
  timeoutMs: 60000,
  generate,
  shrink: false,
  check: (argv, json) => (json ? checkInferJson(argv, json) : undefined),
};
