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
import { randomSource, requireWeightsKind, trainedSource, WEIGHTS_KINDS, type InferenceSource } from '../he/inference/source';
import { formatOptions, integerOption, parseArgs, rejectPositionals, seedOption, stringOption, type OptionSpec } from './args';
import type { Command } from './command';

const options: OptionSpec[] = [
  { name: 'layout', type: 'string', description: `${LAYOUT_NAMES.join(' | ')}: slots = images, no rotations | one image per ciphertext, rotations`, default: 'batch' },
  { name: 'images', type: 'integer', description: 'number of images (batch: at most N/2; default a full batch for batch, 1 for packed)' },
  { name: 'weights', type: 'string', description: `${WEIGHTS_KINDS.join(' | ')}: the paper's random network on random inputs | trained on MNIST digits`, default: 'random' },
  { name: 'weight-seed', type: 'string', description: 'seed of the random weights', default: '1' },
  { name: 'seed', type: 'string', description: 'seed of the random inputs', default: '1' },
  { name: 'poly', type: 'string', description: `activation polynomial: ${PRESET_NAMES.join(' | ')} | coefficients:c0,c1,...`, default: 'paper-best-4' },
  { name: 'scale-bits', type: 'integer', description: 'log2 of the CKKS scale, 20..58 (default: the largest that fits the smallest N holding >= 30 bits)' },
  { name: 'poly-modulus-degree', type: 'integer', description: 'force the ring dimension N (8192..32768)' },
  { name: 'blocks', type: 'integer', description: 'packed: blocks per client ciphertext, 2 | 4 | 8 | 16 (ceil(25 / blocks) ciphertexts, log2(blocks) conv rotations)', default: 8 },
  { name: 'cells', type: 'integer', description: 'a prefix slice for quick checks: pooled cells kept, 1..116', default: 116 },
  { name: 'hidden', type: 'integer', description: 'a prefix slice for quick checks: hidden units kept, 1..116', default: 116 },
  { name: 'workers', type: 'integer', description: 'batch: worker threads splitting the cells and hidden units, 1..16 (1 = this thread)', default: 2 },
  { name: 'trace', type: 'flag', description: 'also decrypt every layer (outside the timings) and report the error per layer (batch: in one thread)' },
  { name: 'json', type: 'flag', description: 'print exactly one JSON object instead of text' },
];

function help(): string {
  return [
    'Usage: polyact infer --layout batch|packed [--images K] [--weights random|trained] [--weight-seed S] [--seed S] [--json]',
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
    '          the cost of a run does not depend on the number of images (about 5 CPU minutes here).',
    '  packed  one image per run on ceil(25 / blocks) ciphertexts, rotations with Galois keys for the steps',
    '          used only; low latency (seconds per image).',
    '',
    'Options:',
    formatOptions(options),
    '',
    'Example: polyact infer --layout packed --images 2 --json',
  ].join('\n');
}


/** Library argument -> the option as typed. */
const OPTION_OF: Record<string, string> = {
  images: '--images', layout: '--layout', weights: '--weights', scaleBits: '--scale-bits', minScaleBits: '--scale-bits',
  polyModulusDegree: '--poly-modulus-degree', blocks: '--blocks', cells: '--cells', hidden: '--hidden', poly: '--poly', seed: '--weight-seed', slots: '--poly-modulus-degree', workers: '--workers',
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
    const images = integerOption(args, 'images', layout === 'batch' ? 8192 : 1)!;
    if (images < 1) throw new InputError('--images', `expected an integer >= 1, got ${images}`);
    const scaleBits = integerOption(args, 'scale-bits');
    const polyModulusDegree = integerOption(args, 'poly-modulus-degree');
    const blocks = integerOption(args, 'blocks', 8)!;
    const cells = integerOption(args, 'cells', 116)!, hidden = integerOption(args, 'hidden', 116)!;
    const workers = integerOption(args, 'workers', 2)!;
    const json = args.options.json === true;
    try {
      const weights = requireWeightsKind(stringOption(args, 'weights', 'random'));
      const source: InferenceSource = weights === 'trained' ? trainedSource(images)
        : randomSource(images, {
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
