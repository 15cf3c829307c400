/**
 * `polyact he`: fit a polynomial, evaluate it on a CKKS ciphertext holding every slot's x across
 * the interval (Microsoft SEAL via node-seal), and print the row of the HE table: depth,
 * multiplications, HE error, error versus the activation, parameters and times.
 */
import { InputError } from '../errors';
import { encryptedEvaluate, type EncryptedEvaluation } from '../he/encrypted';
import { heCost } from '../he/cost';
import { formatOptions, integerOption, parseArgs, type OptionSpec } from './args';
import type { Command } from './command';
import { FIT_OPTIONS, fitFromArgs, methodHelp, methodOptionSpecs } from './fit-options';

const options: OptionSpec[] = [
  ...FIT_OPTIONS,
  { name: 'scheme', type: 'string', description: 'tree (depth-optimal) or bsgs (fewest products)', default: 'tree' },
  { name: 'scale-bits', type: 'integer', description: 'log2 of the CKKS scale, 20..58', default: 40 },
  { name: 'poly-modulus-degree', type: 'integer', description: 'force the ring dimension N (4096..32768); default: the smallest that fits at 128-bit security' },
  { name: 'json', type: 'flag', description: 'print exactly one JSON object' },
];

function help(): string {
  return [
    'Usage: polyact he --fn <name> --method <method> --degree N [--interval=-200,200] [--scheme tree|bsgs] [--scale-bits 40] [--json]',
    '',
    'Fits the polynomial, encrypts every slot of one CKKS ciphertext with x evenly across the interval,',
    'evaluates the polynomial homomorphically (Chebyshev basis, 128-bit security, parameters chosen from',
    'the depth), decrypts, and reports depth, multiplications, the HE error versus the plaintext',
    'polynomial, the error versus the activation and the times.',
    '',
    'Options:',
    formatOptions(options),
    '',
    ...methodHelp(),
    '',
    'Example: polyact he --fn relu --method minimax --degree 4 --interval=-200,200',
  ].join('\n');
}

/** The printable summary of a run (no per-slot arrays). */
export function summary(r: EncryptedEvaluation, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    ...extra,
    scheme: r.scheme, degree: r.degree, depth: r.depth, levelsConsumed: r.levelsConsumed, counts: r.counts,
    parameters: r.parameters, primeBits: r.primeBits.map((b) => Number(b.toFixed(3))), slots: r.inputs.length,
    heError: r.heError, tolerance: r.tolerance, trueError: r.trueError, timingsMs: r.timings,
    evaluateUsPerActivation: r.evaluateUsPerActivation,
  };
}

export const command: Command = {
  name: 'he',
  summary: 'Evaluate a fitted polynomial under CKKS encryption (SEAL) and report depth, error and time',
  help,
  async run(argv: string[]): Promise<number> {
    const args = parseArgs(argv, [...options, ...methodOptionSpecs(options)]);
    if (args.options.degree !== undefined && integerOption(args, 'degree')! < 1) {
      throw new InputError('--degree', `expected an integer >= 1, got ${String(args.options.degree)}`);
    }
    const scheme = String(args.options.scheme ?? 'tree');
    if (scheme !== 'tree' && scheme !== 'bsgs') throw new InputError('--scheme', `expected tree or bsgs, got '${scheme}'`);
    const scaleBits = integerOption(args, 'scale-bits', 40) as number;
    const polyModulusDegree = integerOption(args, 'poly-modulus-degree');
    const { f, method: { name: method }, degree, interval, result: { polynomial: p } } = fitFromArgs(args, options);
    let r: EncryptedEvaluation;
    try {
      r = await encryptedEvaluate(p, { scheme, scaleBits, polyModulusDegree, activation: f });
    } catch (e) {
      // Name the CLI option rather than the library argument.
      if (e instanceof InputError && e.argument === 'polyModulusDegree') throw new InputError('--poly-modulus-degree', e.message.slice(e.argument.length + 2));
      if (e instanceof InputError && e.argument === 'scaleBits') throw new InputError('--scale-bits', e.message.slice(e.argument.length + 2));
      throw e;
    }
    let lo = Infinity, hi = -Infinity;
    for (const x of r.inputs) { const v = f.value(x); lo = Math.min(lo, v); hi = Math.max(hi, v); }
    const width = hi - lo;
    const horner = heCost(p, 'horner');
    if (args.options.json === true) {
      process.stdout.write(JSON.stringify(summary(r, {
        fn: f.name, method, interval, polynomial: p.toString({ digits: 6 }), chebyshev: p.coefficients, monomial: p.monomial(),
        hornerDepth: horner.depth, maxLossNormalised: r.trueError!.encrypted.max / width,
      })) + '\n');
      return 0;
    }
    const P = r.parameters, t = r.timings;
    const g = (v: number): string => v.toPrecision(3);
    const lines = [
      `${f.name}, ${method}, N = ${degree} on [${interval[0]}, ${interval[1]}]: ${p.toString()}`,
      `scheme ${r.scheme}: depth ${r.depth} (SEAL levels consumed ${r.levelsConsumed}; Horner on the monomial form: ${horner.depth}), ${r.counts.nonscalar} ciphertext products, ${r.counts.scalar} constant products, ${r.counts.additions + r.counts.constantAdditions} additions`,
      `CKKS: N = ${P.polyModulusDegree} (${P.slots} slots, all used), primes [${P.coeffModulusBits.join(', ')}] bits = ${P.totalBits} of ${P.maxBits} allowed at 128-bit security, scale 2^${P.scaleBits}`,
      `HE error vs plaintext: max ${g(r.heError.max)}, mean ${g(r.heError.mean)} (a priori bound ${g(r.tolerance)})`,
      `error vs ${f.name}: max ${g(r.trueError!.encrypted.max)} (normalised max_loss ${g(r.trueError!.encrypted.max / width)}; plaintext ${g(r.trueError!.plaintext.max / width)})`,
      `time: keygen ${t.keygen.toFixed(0)} ms, encode ${t.encode.toFixed(1)} ms, encrypt ${t.encrypt.toFixed(1)} ms, evaluate ${t.evaluate.toFixed(1)} ms (${r.evaluateUsPerActivation.toFixed(2)} us per activation), decrypt ${t.decrypt.toFixed(1)} ms, decode ${t.decode.toFixed(1)} ms`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};
