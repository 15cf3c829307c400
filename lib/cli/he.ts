/**
 * `polyact he`: fit a polynomial, evaluate it on a CKKS ciphertext holding every slot's x across
 * the interval (Microsoft SEAL via node-seal), and print the row of the HE table: depth,
 * multiplications, HE error, error versus the activation, parameters and times.
 */
import { InputError, NotReachedError, echo } from '../errors';
import { linspace } from '../metrics';
import { encryptedEvaluate, type EncryptedEvaluation } from '../he/encrypted';
import { heCost } from '../he/cost';
import { formatOptions, integerOption, parseArgs, rejectPositionals, type OptionSpec } from './args';
import { jsonLine } from './json';
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

const allOptions = (): OptionSpec[] => [...options, ...methodOptionSpecs(options)];

export const command: Command = {
  name: 'he',
  summary: 'Evaluate a fitted polynomial under CKKS encryption (SEAL) and report depth, error and time',
  help,
  options: allOptions,
  async run(argv: string[]): Promise<number> {
    const args = parseArgs(argv, allOptions());
    rejectPositionals(args, 'he');
    integerOption(args, 'degree', undefined, { min: 1, max: 64 });
    const scheme = String(args.options.scheme ?? 'tree');
    if (scheme !== 'tree' && scheme !== 'bsgs') throw new InputError('--scheme', `expected tree or bsgs, got ${echo(scheme)}`);
    const scaleBits = integerOption(args, 'scale-bits', 40, { min: 20, max: 58 })!;
    const polyModulusDegree = integerOption(args, 'poly-modulus-degree');
    const { f, method: { name: method }, degree, interval, result: { polynomial: p } } = fitFromArgs(args, options);
    // The error is normalised by the range of f: refuse a constant f before paying for SEAL.
    let lo = Infinity, hi = -Infinity;
    for (const x of linspace(1001, interval[0], interval[1])) { const v = f.value(x); lo = Math.min(lo, v); hi = Math.max(hi, v); }
    if (!(hi > lo)) throw new InputError('--fn', `${echo(f.name)} is constant (${lo}) on [${interval[0]}, ${interval[1]}]; the error is normalised by its range, which is 0`);
    let r: EncryptedEvaluation;
    try {
      r = await encryptedEvaluate(p, { scheme, scaleBits, polyModulusDegree, activation: f });
    } catch (e) {
      // Every coefficient of degree >= 1 is below the CKKS precision: there is nothing to evaluate under encryption.
      if (e instanceof InputError && e.argument === 'polynomial') {
        throw new NotReachedError(`the fitted polynomial is constant at the CKKS precision 2^-${scaleBits} (no coefficient of degree >= 1 above it), so there is nothing to evaluate under encryption; widen --interval or raise --scale-bits`);
      }
      throw e;
    }
    // As before: the range of f over the encrypted inputs (the slots across the interval).
    lo = Infinity; hi = -Infinity;
    for (const x of r.inputs) { const v = f.value(x); lo = Math.min(lo, v); hi = Math.max(hi, v); }
    const width = hi - lo;
    const horner = heCost(p, 'horner');
    if (args.options.json === true) {
      const mono = p.monomialForm();
      process.stdout.write(jsonLine(summary(r, {
        fn: f.name, method, interval, polynomial: p.toString({ digits: 6 }), chebyshev: p.coefficients,
        monomial: mono.coefficients, ...(mono.note ? { monomialNote: mono.note } : {}),
        hornerDepth: horner.depth, maxLossNormalised: r.trueError!.encrypted.max / width,
      })));
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
