/**
 * `polyact train`: trains the Section 5 network on the seeded MNIST split with tfjs and reports the
 * test accuracy, the loss per epoch, the time and whether the weights are bit-identical to the
 * stored network; `--out FILE` writes the stored form (the format of data/mnist/trained.json).
 * `npm run train` rewrites the stored files themselves (with the fine-tuned networks).
 */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError, echo } from '../errors';
import { trainRecord } from '../mnist/record';
import { mnistDataDir, TRAINED_FILE, weightsSha256, writeStored, type TrainedFile } from '../mnist/trained';
import { TRAIN_DEFAULTS } from '../mnist/train';
import { formatOptions, integerOption, parseArgs, rejectPositionals, seedOption, stringOption, type OptionSpec } from './args';
import type { Command } from './command';

const options: OptionSpec[] = [
  { name: 'seed', type: 'string', description: 'seed of the initial weights and of the batch order', default: String(TRAIN_DEFAULTS.seed) },
  { name: 'epochs', type: 'integer', description: 'passes over the 8,000 training digits, 1..100', default: TRAIN_DEFAULTS.epochs },
  { name: 'out', type: 'string', description: 'write the trained network to this JSON file (atomically); default: write nothing' },
  { name: 'json', type: 'flag', description: 'print exactly one JSON object instead of text' },
];

function help(): string {
  return [
    'Usage: polyact train [--seed S] [--epochs E] [--out FILE] [--json]',
    '',
    'Trains the paper\'s Section 5 network (conv 5x5, ReLU, 2x2 mean pool, first 116, dense 116 +',
    'ReLU, dense 10) on 8,000 MNIST digits (seeded split of the mnist package), Adam, batch 64, with',
    'TensorFlow.js (cpu backend), deterministically: the same seed gives bit-identical weights.',
    'Prints the test accuracy on the other 2,000 digits and compares the weights with the stored',
    'data/mnist/trained.json. Progress per epoch on stderr; an epoch takes tens of seconds.',
    '',
    'Options:',
    formatOptions(options),
  ].join('\n');
}

/** --out: a file path (not a folder) in an existing folder this process may write. */
function requireWritableFile(out: string): void {
  if (existsSync(out) && statSync(out).isDirectory()) throw new InputError('--out', `expected a file path, got the folder ${echo(out)}`);
  const folder = dirname(out);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new InputError('--out', `expected a file in an existing folder, got ${echo(out)} (no folder ${echo(folder)})`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new InputError('--out', `cannot write into the folder ${echo(folder)}`);
  }
}

export const command: Command = {
  name: 'train',
  summary: 'Train the Section 5 network on MNIST digits (tfjs, deterministic)',
  help,
  async run(argv) {
    const args = parseArgs(argv, options);
    rejectPositionals(args, 'train');
    const epochs = integerOption(args, 'epochs', TRAIN_DEFAULTS.epochs, { min: 1, max: 100 })!;
    // The one seed rule of every command (`07` = `7`); seeds enter seedrandom as text (`mnist-init:<seed>`).
    const seed = seedOption(args, 'seed', TRAIN_DEFAULTS.seed);
    const out = stringOption(args, 'out');
    // Before minutes of training, not after: a path the run could not write is bad input now.
    if (out !== undefined) requireWritableFile(out);
    const { file } = await trainRecord({ seed, epochs, onEpoch: (e) => process.stderr.write(`  epoch ${e.epoch}/${epochs}: loss ${e.loss.toFixed(4)} (${e.seconds.toFixed(1)} s)\n`) });
    const storedPath = join(mnistDataDir(), TRAINED_FILE);
    let identical: boolean | null = null;
    if (existsSync(storedPath)) {
      const stored = JSON.parse(readFileSync(storedPath, 'utf8')) as TrainedFile;
      identical = weightsSha256(stored.weights) === weightsSha256(file.weights);
    }
    if (out !== undefined) writeStored(out, file);
    const result = {
      seed, epochs, seconds: file.training.seconds,
      accuracy: file.accuracy.test, correct: file.accuracy.correct, testImages: file.accuracy.images,
      loss: file.training.loss,
      weightsSha256: weightsSha256(file.weights),
      identicalToStored: identical,
      scaling: file.scaling,
      out: out ?? null,
    };
    if (args.options.json) {
      process.stdout.write(JSON.stringify(result) + '\n');
      return 0;
    }
    process.stdout.write([
      `trained:        seed ${String(seed)}, ${epochs} epochs in ${file.training.seconds.toFixed(1)} s`,
      `test accuracy:  ${(100 * file.accuracy.test).toFixed(2)}% (${file.accuracy.correct}/${file.accuracy.images})`,
      `loss per epoch: ${file.training.loss.map((l) => l.toFixed(4)).join(' ')}`,
      `weights:        sha256 ${result.weightsSha256}; ${identical === null ? 'no stored network to compare' : identical ? 'bit-identical to data/mnist/trained.json' : 'differ from data/mnist/trained.json (other seed/epochs, or not reproducible)'}`,
      ...(out !== undefined ? [`written:        ${out}`] : []),
    ].join('\n') + '\n');
    return 0;
  },
};
