/**
 * `polyact infer`: private inference of the whole Section 5 network under CKKS (SEAL) - the
 * client encrypts, the server evaluates every layer on ciphertexts, the client decrypts - in the
 * batch or the packed layout, compared with the same polynomial network in float64. A thin shell
 * over lib/he/inference (privateInference); `--json` prints the report as one object.
 */
import { InputError } from '../errors';
import { PRESET_NAMES } from '../network/presets';
import { LAYOUT_NAMES, type LayoutName } from '../he/inference/layout';
import { formatReport } from '../he/inference/report';
import { privateInference } from '../he/inference/run';
import { randomSource, requireWeightsKind, WEIGHTS_KINDS, type InferenceSource } from '../he/inference/source';
import { trainedSource, TRAINED_DEFAULT_POLY } from '../he/inference/trained';
import { intervalRule } from './accuracy';
import { formatOptions, integerOption, parseArgs, rejectPositionals, seedOption, stringOption, type OptionSpec } from './args';
import type { Command } from './command';

/** The most images one run takes (N/2 slots of the largest ring dimension, 32768). */
const MAX_IMAGES = 16384;

const options: OptionSpec[] = [
  { name: 'layout', type: 'string', description: `${LAYOUT_NAMES.join(' | ')}: slots = images, no rotations | one image per ciphertext, rotations`, default: 'batch' },
  { name: 'images', type: 'integer', description: 'number of images (batch: at most N/2; default a full batch for batch - trained: all 2,000 test digits -, 1 for packed)' },
  { name: 'weights', type: 'string', description: `${WEIGHTS_KINDS.join(' | ')}: the paper's random network on random inputs | the network trained on MNIST (data/mnist/trained.json) on its test digits, with the encrypted accuracy`, default: 'random' },
  { name: 'weight-seed', type: 'string', description: 'seed of the random weights (random only)', default: '1' },
  { name: 'seed', type: 'string', description: 'seed of the random inputs (random only)', default: '1' },
  { name: 'poly', type: 'string', description: `activation polynomial. random: ${PRESET_NAMES.join(' | ')} | coefficients:c0,c1,... (default paper-best-4); trained: any \`polyact accuracy --poly\` name but relu (paper-best-N, minimax-N, weighted-N, ...) | finetuned-N (the network fine-tuned with it) (default ${TRAINED_DEFAULT_POLY})` },
  { name: 'interval', type: 'string', description: 'trained only: auto (bounds = max |pre-activation| over the training digits) | fixed (the paper\'s scaling) | C,D, as polyact accuracy', default: 'auto' },
  { name: 'scale-bits', type: 'integer', description: 'log2 of the CKKS scale, 20..47 (q0 stays 5 bits below the 60-bit special prime; default: the largest that fits the smallest N holding >= 30 bits)' },
  { name: 'poly-modulus-degree', type: 'integer', description: 'force the ring dimension N (8192..32768)' },
  { name: 'blocks', type: 'integer', description: 'packed: blocks per client ciphertext, 2 | 4 | 8 | 16 (ceil(25 / blocks) ciphertexts, log2(blocks) conv rotations)', default: 4 },
  { name: 'cells', type: 'integer', description: 'a prefix slice for quick checks: pooled cells kept, 1..116', default: 116 },
  { name: 'hidden', type: 'integer', description: 'a prefix slice for quick checks: hidden units kept, 1..116', default: 116 },
  { name: 'workers', type: 'integer', description: 'batch: worker threads splitting the cells and hidden units, 1..16 (1 = this thread); packed: runs in one thread', default: 2 },
  { name: 'trace', type: 'flag', description: 'also decrypt every layer (outside the timings) and report the error per layer (batch: in one thread)' },
  { name: 'json', type: 'flag', description: 'print exactly one JSON object instead of text' },
];

function help(): string {
  return [
    'Usage: polyact infer --layout batch|packed [--images K] [--weights random|trained] [--weight-seed S] [--seed S] [--poly P] [--interval auto|fixed|C,D] [--json]',
    '',
    'Runs the Section 5 network end to end under CKKS encryption (Microsoft SEAL, 128-bit security):',
    'the client encodes and encrypts its images, the server evaluates the convolution, the activation',
    'polynomial, the pooling, both dense layers and the second activation on ciphertexts only, the',
    'client decrypts the logits. Reports the parameters (the chooser trades the scale against the ring',
    'dimension N and states the precision the scale buys), the keys, the peak memory, the times per layer,',
    'and the error against the same polynomial network in float64 (max logit and f1 error, argmax',
    'agreement, precision bits = -log2(max logit error / logit range)).',
    '',
    '  batch   CryptoNets: slot n of every ciphertext is image n (up to N/2 images per run, no Galois key);',
    '          the cost of a run does not depend on the number of images (about 4 CPU minutes here).',
    '  packed  one image per run on ceil(25 / blocks) ciphertexts, rotations with Galois keys for the steps',
    '          used only; low latency (0.8 to 0.9 s per image here, the set-up apart; one thread).',
    '',
    'With --weights trained the images are the first K of the 2,000 MNIST test digits (pixels in [0, 1])',
    'through the trained network with the polynomial --poly under the interval --interval; the report adds',
    'the accuracy against the labels of the decrypted logits and of the float64 polynomial network on the',
    'same digits (the latter over all 2,000 digits is what polyact accuracy --poly P --interval I prints).',
    '--weight-seed and --seed are refused with --weights trained, --interval with --weights random.',
    '',
    'Options:',
    formatOptions(options),
    '',
    'Examples: polyact infer --layout packed --images 2 --json',
    '          polyact infer --layout batch --weights trained --poly weighted-4 --images 2000',
  ].join('\n');
}


/** Library argument -> the option as typed. */
const OPTION_OF: Record<string, string> = {
  images: '--images', layout: '--layout', weights: '--weights', scaleBits: '--scale-bits', minScaleBits: '--scale-bits',
  polyModulusDegree: '--poly-modulus-degree', blocks: '--blocks', cells: '--cells', hidden: '--hidden', poly: '--poly', seed: '--weight-seed', slots: '--poly-modulus-degree', workers: '--workers',
  interval: '--interval',
};

export const command: Command = {
  name: 'infer',
  summary: 'Private inference: the whole network under CKKS (batch or packed layout), error and cost',
  help,
  async run(argv) {
    const args = parseArgs(argv, options);
    rejectPositionals(args, 'infer');
    const layout = stringOption(args, 'layout', 'batch');
    if (!LAYOUT_NAMES.includes(layout as LayoutName)) throw new InputError('--layout', `expected ${LAYOUT_NAMES.join(' or ')}, got '${layout}'`);
    // Trained, batch: all the test digits by default (trainedSource's default).
    // At most N/2 of the largest ring (32768) in either layout: a batch holds no more, and the packed
    // layout's images are allocated up front (10^9 would be 6 TB of pixels).
    const images = integerOption(args, 'images', layout === 'batch' ? (args.options.weights === 'trained' ? undefined : 8192) : 1, { min: 1, max: MAX_IMAGES });
    const scaleBits = integerOption(args, 'scale-bits');
    const polyModulusDegree = integerOption(args, 'poly-modulus-degree');
    const blocks = integerOption(args, 'blocks', 4)!;
    const cells = integerOption(args, 'cells', 116)!, hidden = integerOption(args, 'hidden', 116)!;
    const workers = integerOption(args, 'workers', 2)!;
    const json = args.options.json === true;
    try {
      const weights = requireWeightsKind(stringOption(args, 'weights', 'random'));
      // Options of the other kind of network are refused rather than silently ignored.
      for (const name of weights === 'trained' ? ['weight-seed', 'seed'] : ['interval']) {
        if (args.options[name] !== undefined) throw new InputError(`--${name}`, `applies to --weights ${weights === 'trained' ? 'random' : 'trained'} only, not --weights ${weights}`);
      }
      const source: InferenceSource = weights === 'trained'
        ? trainedSource(images, { poly: stringOption(args, 'poly', TRAINED_DEFAULT_POLY), interval: intervalRule(stringOption(args, 'interval', 'auto')), cells, hidden })
        : randomSource(images ?? 8192, {
          weightSeed: seedOption(args, 'weight-seed', 1), inputSeed: seedOption(args, 'seed', 1),
          poly: stringOption(args, 'poly', 'paper-best-4'), cells, hidden,
        });
      const report = await privateInference(source, { layout: layout as LayoutName, scaleBits, polyModulusDegree, blocks, workers, trace: args.options.trace === true });
      process.stdout.write((json ? JSON.stringify(report) : formatReport(report)) + '\n');
      return 0;
    } catch (e) {
      // Name the option as typed rather than the library's argument.
      if (e instanceof InputError && OPTION_OF[e.argument]) throw new InputError(OPTION_OF[e.argument], e.message.slice(e.argument.length + 2));
      throw e;
    }
  },
};
