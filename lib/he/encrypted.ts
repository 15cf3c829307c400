/**
 * Evaluate a polynomial on CKKS-encrypted inputs with SEAL and compare with the plaintext.
 *
 * The inputs x (default: every slot, evenly across the interval) are encoded at scale
 * Delta / h and the ciphertext's scale is then declared Delta, so it decrypts to x / h: the map
 * t = (x - m) / h onto the Chebyshev window costs no level (the shift -m/h is a plaintext
 * addition). Done as a homomorphic constant multiplication, as OpenFHE's EvalChebyshevFunction
 * does, it would cost one level more.
 */
import { linspace } from '../metrics';
import { InputError } from '../errors';
import type { Activation } from '../activations';
import type { Polynomial } from '../polynomial';
import type { CipherText } from 'node-seal/implementation/cipher-text';
import { CountingBackend, type OpCounts } from './backend';
import { type CkksParameters, chooseParameters, type ParameterOptions } from './parameters';
import { evaluatePlan, planScheme, type SchemeName } from './schemes';
import { CkksSession, SealBackend, timed } from './seal';

export interface EncryptedEvaluationOptions extends ParameterOptions {
  /** Chebyshev scheme (default `tree`, the depth-optimal one). */
  scheme?: 'tree' | 'bsgs';
  /** The x values (any length: split over as many ciphertexts as needed). Default: all slots of one ciphertext, evenly spaced over the interval. */
  inputs?: ArrayLike<number>;
  /** The function p approximates, for the error versus the true activation. */
  activation?: Activation;
  /** Reuse a session (its parameters must have at least the depth needed). Otherwise one is created and deleted. */
  session?: CkksSession;
}

export interface ErrorSummary {
  readonly max: number;
  readonly mean: number;
}

export interface EncryptedEvaluation {
  readonly scheme: SchemeName;
  readonly degree: number;
  /** Depth planned by the scheme. */
  readonly depth: number;
  /** Levels SEAL actually consumed (primes dropped from the ciphertext). */
  readonly levelsConsumed: number;
  /** Operations per ciphertext. */
  readonly counts: OpCounts;
  readonly parameters: CkksParameters;
  /** Actual primes' bit counts (log2 of each prime, q0 first). */
  readonly primeBits: readonly number[];
  readonly inputs: Float64Array;
  /** Decrypted results. */
  readonly decrypted: Float64Array;
  /** p(x) in plaintext (Clenshaw, double precision). */
  readonly plaintext: Float64Array;
  /** |decrypted - plaintext|. */
  readonly heError: ErrorSummary;
  /** |decrypted - f(x)| and |plaintext - f(x)| when an activation is given. */
  readonly trueError?: { readonly encrypted: ErrorSummary; readonly plaintext: ErrorSummary };
  /** A priori bound on the HE error from the scale (see heTolerance). */
  readonly tolerance: number;
  readonly ciphertexts: number;
  /** Milliseconds, summed over ciphertexts (keygen once). */
  readonly timings: { readonly keygen: number; readonly encode: number; readonly encrypt: number; readonly evaluate: number; readonly decrypt: number; readonly decode: number };
  /** Evaluation time per ciphertext (ms) and per activation (microseconds: per ciphertext / slots). */
  readonly evaluateMsPerCiphertext: number;
  readonly evaluateUsPerActivation: number;
}

/**
 * A priori bound on |decrypted - plaintext|, from the scale. CKKS adds an error of order
 * N / Delta to a value at every step (encryption noise, encoding and rescale rounding; measured
 * here at 0.1-1 N / Delta). An error e in t reaches T_k(t) as at most k^2 e (Markov: |T_k'| <= k^2)
 * and is multiplied by |c_k|; each of the depth levels adds a fresh one. So
 * tolerance = 4 (depth + 1) N (1 + sum_k k^2 |c_k|) / Delta.
 */
export function heTolerance(p: Polynomial, depth: number, parameters: Pick<CkksParameters, 'polyModulusDegree' | 'scaleBits'>): number {
  const sum = p.coefficients.reduce((s, c, k) => s + Math.max(1, k * k) * Math.abs(c), 0);
  return (4 * (depth + 1) * parameters.polyModulusDegree * (1 + sum)) / 2 ** parameters.scaleBits;
}

/** Encrypt inputs, evaluate p under CKKS, decrypt, and compare. */
export async function encryptedEvaluate(p: Polynomial, options: EncryptedEvaluationOptions = {}): Promise<EncryptedEvaluation> {
  const scheme = options.scheme ?? 'tree';
  if (scheme !== 'tree' && scheme !== 'bsgs') throw new InputError('scheme', `expected tree or bsgs (Chebyshev schemes), got '${String(scheme)}'`);
  const scaleBits = options.session?.parameters.scaleBits ?? options.scaleBits ?? 40;
  // Constants below 1/scale encode to zero: drop their terms (see PlanOptions.negligible).
  const plan = planScheme(p, scheme, { negligible: 2 ** -scaleBits });
  const magnitude = 2 * p.coefficients.reduce((s, c) => s + Math.abs(c), 0);
  const parameters = options.session?.parameters ?? chooseParameters(plan.depth, { ...options, magnitude: Math.max(1, magnitude) });
  if (parameters.depth < plan.depth) throw new InputError('session', `the session has ${parameters.depth} levels; this polynomial needs ${plan.depth}`);
  if (parameters.coeffModulusBits[0] < parameters.scaleBits + Math.log2(Math.max(1, magnitude)) + 1) {
    throw new InputError('session', `its last prime (${parameters.coeffModulusBits[0]} bits) cannot hold values up to ${magnitude.toPrecision(3)} at scale 2^${parameters.scaleBits}`);
  }
  const session = options.session ?? (await CkksSession.create(parameters));
  try {
    const [a, b] = p.domain;
    const h = (b - a) / 2, m = (a + b) / 2;
    const slots = session.slots;
    const inputs = options.inputs !== undefined ? Float64Array.from(options.inputs) : linspace(slots, a, b);
    if (inputs.length === 0) throw new InputError('inputs', 'expected at least one input');
    inputs.forEach((x, i) => { if (!Number.isFinite(x)) throw new InputError(`inputs[${i}]`, `expected a finite number, got ${x}`); });
    const delta = 2 ** parameters.scaleBits;
    const decrypted = new Float64Array(inputs.length);
    const timings = { keygen: options.session ? 0 : session.keygenMs, encode: 0, encrypt: 0, evaluate: 0, decrypt: 0, decode: 0 };
    let counts: OpCounts = { nonscalar: 0, scalar: 0, additions: 0, constantAdditions: 0 };
    let levelsConsumed = 0, ciphertexts = 0;
    for (let start = 0; start < inputs.length; start += slots) {
      const chunk = inputs.subarray(start, Math.min(start + slots, inputs.length));
      const enc = session.encrypt(chunk, delta / h);
      timings.encode += enc.encodeMs;
      timings.encrypt += enc.encryptMs;
      const backend = new SealBackend(session);
      const counting = new CountingBackend(backend);
      const run = timed(() => {
        const x = enc.ciphertext;
        x.setScale(delta); // now decrypts to x / h
        const t = m !== 0 ? counting.addConstant(x, -m / h) : x;
        const extra = m !== 0 ? 1 : 0;
        const out = evaluatePlan(counting, t, plan);
        return { out, extra };
      });
      timings.evaluate += run.ms;
      const out: CipherText = run.value.out;
      levelsConsumed = backend.level(out);
      counts = { ...counting.counts, constantAdditions: counting.counts.constantAdditions - run.value.extra };
      const dec = session.decrypt(out);
      timings.decrypt += dec.decryptMs;
      timings.decode += dec.decodeMs;
      decrypted.set(dec.values.subarray(0, chunk.length), start);
      backend.release();
      enc.ciphertext.delete();
      ciphertexts++;
    }
    const plaintext = p.evaluateMany(inputs);
    const heError = summarise(decrypted, plaintext);
    let trueError: EncryptedEvaluation['trueError'];
    if (options.activation) {
      const f = Float64Array.from(inputs, (x) => options.activation!.value(x));
      trueError = { encrypted: summarise(decrypted, f), plaintext: summarise(plaintext, f) };
    }
    return {
      scheme, degree: plan.degree, depth: plan.depth, levelsConsumed, counts, parameters,
      primeBits: session.primes.map((q) => Math.log2(q)),
      inputs, decrypted, plaintext, heError, trueError,
      tolerance: heTolerance(p, plan.depth, parameters),
      ciphertexts, timings,
      evaluateMsPerCiphertext: timings.evaluate / ciphertexts,
      evaluateUsPerActivation: (1000 * timings.evaluate) / (ciphertexts * slots),
    };
  } finally {
    if (!options.session) session.delete();
  }
}


function summarise(x: ArrayLike<number>, y: ArrayLike<number>): ErrorSummary {
  let max = 0, sum = 0;
  for (let i = 0; i < x.length; i++) {
    const e = Math.abs(x[i] - y[i]);
    if (e > max) max = e;
    sum += e;
  }
  return { max, mean: sum / x.length };
}
