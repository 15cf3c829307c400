/**
 * `polyact train`: argument validation only. A real training run takes minutes (an epoch is tens
 * of seconds), far beyond the watchdog, so every case carries at least one input the command
 * rejects before it trains (a bad --epochs, an unknown option, a positional, an --out it cannot
 * write, a flag with a value, a repeated option) or asks for --help; the other options are drawn
 * valid or boundary. --out points into the system temp folder only (never data/mnist/), and no
 * case reaches the write. Cases are not shrunk: dropping the rejected input would start training.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FuzzCommand } from '../command';
import { FuzzRng, noise, option, seedText, WITH_NEWLINES } from '../values';

/** A file the run would write (in the temp folder), and paths it must refuse before training. */
const OUT_FILE = join(tmpdir(), 'polyact-fuzz-train.json');
const OUT_REFUSED = [tmpdir(), join(tmpdir(), 'polyact-fuzz-missing-folder', 'net.json'), join(OUT_FILE, 'under-a-file.json')];

/** --epochs values outside 1..100 or not integers in decimal digits. */
const BAD_EPOCHS = ['0', '101', '-1', '1000000', '1e1', '0x4', '4.5', 'abc', '', ' ', 'NaN', 'Infinity', ...WITH_NEWLINES.slice(1, 3)];

/** One input rejected before any training (or --help). */
function rejected(r: FuzzRng): string[] {
  return r.weighted<() => string[]>([
    [10, () => option(r, 'epochs', r.pick(BAD_EPOCHS))],
    [4, () => [`--${r.pick(['epoch', 'lr', 'Epochs', 'batch', 'bogus'])}`, r.pick(['2', 'x'])]],
    [3, () => [r.pick(['extra', '8', '-1', '-x'])]],
    [3, () => [r.pick(['--help', '-h'])]],
    [5, () => option(r, 'out', r.pick(OUT_REFUSED))],
    [2, () => [r.pick(['--json=1', '--json=', '--out=', '--seed='])]],
    [2, () => ['--epochs', '2', '--epochs=3']],
  ])();
}

function generate(r: FuzzRng): string[] {
  const argv: string[] = [];
  if (r.chance(0.5)) argv.push(...option(r, 'seed', seedText(r)));
  if (r.chance(0.5)) argv.push(...option(r, 'epochs', r.pick(['1', '2', '8', '100', '07', '+4'])));
  if (r.chance(0.3)) argv.push(...option(r, 'out', OUT_FILE));
  if (r.chance(0.5)) argv.push('--json');
  const bad = rejected(r);
  // Anywhere in the line: a rejected input is rejected wherever it stands.
  argv.splice(r.int(0, argv.length), 0, ...bad);
  return r.chance(0.1) ? noise(r, argv, ['seed', 'epochs', 'out', 'json']) : argv;
}

export const train: FuzzCommand = {
  name: 'train',
  weight: 4,
  generate,
  shrink: false,
};
