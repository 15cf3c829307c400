/**
 * `polyact network`: the Section 5 experiment - max |f1 - f1*| of the CNN over seeded random
 * inputs, with quantiles, the adversarial-search lower bound, the certified upper bound and the
 * throughput; `--json` prints one JSON object.
 */
import { InputError } from '../errors';
import { networkReport, type NetworkReport } from '../network/report';
import { PRESET_NAMES } from '../network/presets';
import { requireScaling } from '../network/scaling';
import { formatOptions, integerOption, parseArgs, seedValue, stringOption, type OptionSpec } from './args';
import type { Command } from './command';

const options: OptionSpec[] = [
  { name: 'inputs', type: 'integer', description: 'number of random inputs', default: 1000000 },
  { name: 'seed', type: 'string', description: 'seed of the random inputs', default: '1' },
  { name: 'weight-seed', type: 'string', description: 'seed of the weights (i.i.d. uniform on [-1, 1])', default: '1' },
  { name: 'scaling', type: 'string', description: 'fixed | per-input (see lib/network/scaling.ts)', default: 'fixed' },
  { name: 'poly', type: 'string', description: `${PRESET_NAMES.join(' | ')} | coefficients:c0,c1,... (ascending powers of x, on [-200,200])`, default: 'paper-best-4' },
  { name: 'workers', type: 'integer', description: 'worker threads, 1..64 (results do not depend on it)', default: 2 },
  { name: 'search-steps', type: 'integer', description: 'gradient steps per search start; 0 skips the search', default: 100 },
  { name: 'json', type: 'flag', description: 'print exactly one JSON object instead of text' },
];

function help(): string {
  return [
    'Usage: polyact network [--inputs N] [--seed S] [--scaling fixed|per-input] [--poly NAME] [--workers W] [--json]',
    '',
    'The paper\'s Section 5: the CNN (conv 5x5, ReLU, 2x2 mean pool, first 116, dense 116 + ReLU,',
    'dense 10, softmax) with exact ReLU and with a polynomial; prints max |f1 - f1*| over N random',
    'inputs (pixels uniform in [-200, 200]), its quantiles, the best deviation an adversarial search',
    'finds, a certified upper bound valid for every input, and inputs/second. Progress on stderr.',
    '',
    'Options:',
    formatOptions(options),
  ].join('\n');
}


function progress(json: boolean): ((done: number, total: number) => void) | undefined {
  const err = process.stderr;
  let lastQuarter = -1, lastTime = 0;
  return (done, total) => {
    const pct = (100 * done) / total;
    if (err.isTTY) {
      const now = Date.now();
      if (now - lastTime > 200 || done === total) {
        lastTime = now;
        err.write(`\r  ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} inputs (${pct.toFixed(0)}%)${done === total ? '\n' : ''}`);
      }
    } else if (!json) {
      const quarter = Math.floor(pct / 25);
      if (quarter > lastQuarter && quarter > 0) { lastQuarter = quarter; err.write(`  ${done} / ${total} inputs\n`); }
    }
  };
}

function text(r: NetworkReport): string {
  const e = r.experiment, f = (v: number) => v.toPrecision(6);
  const lines = [
    `polynomial:      ${r.poly}`,
    `scaling:         ${r.scaling}   weight seed: ${r.weightSeed}   input seed: ${String(e.seed)}`,
    `inputs:          ${e.inputs}`,
    `max |f1 - f1*|:  ${f(e.max)}  (input #${e.argmax})   paper: ${r.paper}`,
    `quantiles:       ${e.quantiles.map((q) => `q${q.q}=${f(q.value)}`).join('  ')}`,
    `mean:            ${f(e.mean)}`,
    `out of range:    conv ${e.outOfRange.conv}, dense ${e.outOfRange.dense} pre-activations outside [-200, 200]`,
  ];
  if (r.search) lines.push(`search max:      ${f(Math.max(r.search.deviation, e.max))}  (start: ${r.search.start}, ${r.search.evaluations} evaluations)`);
  lines.push(
    `certified bound: ${f(r.bound.bound)}  (every input; ${r.bound.limitedBy === 'range' ? 'range of f1 - the per-input logit normalisation is not Lipschitz' : 'error propagation'}; max |p - ReLU| = ${f(r.bound.activationError)})`,
    `throughput:      ${Math.round(e.inputsPerSecond)} inputs/s (${e.seconds.toFixed(2)} s, ${e.execution})`,
  );
  return lines.join('\n');
}

export const command: Command = {
  name: 'network',
  summary: 'Section 5: max |f1 - f1*| of the CNN over random inputs, search and certified bound',
  help,
  async run(argv) {
    const args = parseArgs(argv, options);
    if (args.positionals.length > 0) throw new InputError(args.positionals[0], 'unexpected argument; see polyact network --help');
    const inputs = integerOption(args, 'inputs', 1000000)!;
    if (inputs < 1 || inputs > 1e9) throw new InputError('--inputs', `expected an integer in 1..1000000000, got ${inputs}`);
    const workers = integerOption(args, 'workers', 2)!;
    if (workers < 1 || workers > 64) throw new InputError('--workers', `expected an integer in 1..64, got ${workers}`);
    const searchSteps = integerOption(args, 'search-steps', 100)!;
    if (searchSteps < 0 || searchSteps > 100000) throw new InputError('--search-steps', `expected an integer in 0..100000, got ${searchSteps}`);
    let scaling;
    try { scaling = requireScaling(stringOption(args.options.scaling, 'fixed')); } catch { throw new InputError('--scaling', `expected fixed or per-input, got '${String(args.options.scaling)}'`); }
    const poly = stringOption(args.options.poly, 'paper-best-4');
    const json = args.options.json === true;
    let report: NetworkReport;
    try {
      report = await networkReport({
        poly, scaling, inputs, workers, searchSteps,
        seed: seedValue(stringOption(args.options.seed, '1')),
        weightSeed: seedValue(stringOption(args.options['weight-seed'], '1')),
        onProgress: progress(json),
      });
    } catch (e) {
      if (e instanceof InputError && e.argument === 'poly') throw new InputError('--poly', e.message.replace(/^poly: /, ''));
      throw e;
    }
    if (json) {
      const { worstInput: _w, ...rest } = report;
      process.stdout.write(JSON.stringify(rest) + '\n');
    } else process.stdout.write(text(report) + '\n');
    return 0;
  },
};
