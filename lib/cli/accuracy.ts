/**
 * `polyact accuracy`: the trained network (data/mnist/trained.json) on the 2,000 test digits with
 * a polynomial in place of ReLU in both layers: accuracy, max and mean |f1 - f1*| against the
 * exact network, and the fraction of pre-activations outside [-200, 200] after scaling.
 */
import { InputError, echo } from '../errors';
import { mnistContext, namedPolynomial, evaluateNetwork } from '../mnist/accuracy';
import { parsePolySpec } from '../mnist/polynomials';
import { formatOptions, parseArgs, type OptionSpec } from './args';
import type { Command } from './command';

const options: OptionSpec[] = [
  { name: 'poly', type: 'string', description: 'relu | paper-best-N (N 2..4) | chebyshev-N | minimax-N | rho-optimal-N | weighted-N | coefficients:c0,c1,... (ascending powers of x, on [-200,200])', default: 'relu' },
  { name: 'interval', type: 'string', description: 'auto (bounds = max |pre-activation| over the training digits) | fixed (the paper\'s scaling: every input stays in [-200,200]) | C,D (conv and dense bounds, graph units)', default: 'auto' },
  { name: 'json', type: 'flag', description: 'print exactly one JSON object instead of text' },
];

function help(): string {
  return [
    'Usage: polyact accuracy --poly NAME [--interval auto|fixed|C,D] [--json]',
    '',
    'Runs the Section 5 network trained on MNIST (data/mnist/trained.json; `npm run train` makes it)',
    'on the 2,000 test digits with the polynomial in place of ReLU in both activation layers. The',
    'polynomial lives on [-200,200]; the interval option chooses the factors that scale each layer\'s',
    'pre-activations into it: conv pre-activations in [-C,C] and dense ones in [-D,D] (units of the',
    'trained network, pixels in [0,1]) map onto [-200,200]. Prints the accuracy, max and mean',
    '|f1 - f1*| (f1: softmax output for digit 0 of the exact-ReLU network) and the fraction of',
    'pre-activations outside [-200,200].',
    '',
    'Options:',
    formatOptions(options),
    '',
    'Example: polyact accuracy --poly minimax-4 --interval auto --json',
  ].join('\n');
}

/** --interval: auto -> 'data', fixed, or two positive bounds. */
export function intervalRule(raw: string | boolean | undefined): 'data' | 'fixed' | readonly [number, number] {
  if (raw === undefined || raw === 'auto') return 'data';
  if (raw === 'fixed') return 'fixed';
  const parts = String(raw).split(',');
  const nums = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
  if (parts.length !== 2 || nums.some((v) => !(Number.isFinite(v) && v > 0))) {
    throw new InputError('--interval', `expected auto, fixed or two positive bounds 'C,D' (conv, dense), got '${String(raw)}'`);
  }
  // The network's factors 1/C, C/D and D/200 (lib/mnist/scaling.ts) must be positive doubles.
  const [c, d] = nums, factors = [1 / c, c / d, d / 200];
  if (factors.some((f) => !(Number.isFinite(f) && f > 0))) {
    throw new InputError('--interval', `the bounds ${echo(String(raw))} give the layer factors 1/C, C/D, D/200 = ${factors.map((f) => f.toPrecision(3)).join(', ')}; expected bounds whose factors are finite and nonzero in double precision`);
  }
  return [c, d];
}

const pct = (v: number): string => `${(100 * v).toFixed(2)}%`;

export const command: Command = {
  name: 'accuracy',
  summary: 'Test accuracy of the MNIST-trained network with a polynomial in place of ReLU',
  help,
  run(argv) {
    const args = parseArgs(argv, options);
    if (args.positionals.length > 0) throw new InputError(args.positionals[0], 'unexpected argument; see polyact accuracy --help');
    const spec = typeof args.options.poly === 'string' ? args.options.poly : 'relu';
    parsePolySpec(spec, '--poly'); // bad names fail before the data are loaded
    const rule = intervalRule(args.options.interval);
    const started = Date.now();
    const ctx = mnistContext();
    const polynomial = namedPolynomial(ctx, spec, rule, '--poly');
    const r = evaluateNetwork(ctx, polynomial, rule, { name: spec });
    const seconds = (Date.now() - started) / 1000;
    const out = {
      poly: r.poly,
      interval: { rule: r.scaling.rule, conv: r.interval.conv, dense: r.interval.dense },
      accuracy: r.accuracy,
      correct: r.correct,
      testImages: r.testImages,
      reluAccuracy: ctx.relu.accuracy,
      maxDeviation: r.maxDeviation,
      meanDeviation: r.meanDeviation,
      outOfRange: r.outOfRange.all,
      outOfRangeByLayer: { conv: r.outOfRange.conv, dense: r.outOfRange.dense },
      scales: r.scaling.scales,
      coefficients: polynomial ? polynomial.monomial() : null,
      ...(polynomial ? {} : { coefficientsNote: 'the exact ReLU network: no polynomial' }),
      seconds,
    };
    if (args.options.json) {
      process.stdout.write(JSON.stringify(out) + '\n');
      return 0;
    }
    const g = (v: number): string => v.toPrecision(4);
    process.stdout.write([
      `polynomial:     ${spec}${polynomial ? `   ${polynomial.toString()}` : ''}`,
      `interval:       ${r.scaling.rule}: conv [${g(-r.scaling.convBound)}, ${g(r.scaling.convBound)}], dense [${g(-r.scaling.denseBound)}, ${g(r.scaling.denseBound)}] -> [-200, 200]`,
      `accuracy:       ${pct(r.accuracy)} (${r.correct}/${r.testImages} test digits; exact ReLU ${pct(ctx.relu.accuracy)})`,
      `|f1 - f1*|:     max ${g(r.maxDeviation)}, mean ${g(r.meanDeviation)}`,
      `out of range:   ${pct(r.outOfRange.all)} of pre-activations (conv ${pct(r.outOfRange.conv)}, dense ${pct(r.outOfRange.dense)})`,
      `time:           ${seconds.toFixed(2)} s (load, scaling, forward pass)`,
    ].join('\n') + '\n');
    return 0;
  },
};
