/**
 * The report of a private-inference run: parameters, keys, memory, times, and how far the
 * decrypted logits are from the float64 mirror of the same polynomial network.
 */
import { OUTPUTS } from '../../network/architecture';
import { firstSoftmax, type MirrorResult } from './mirror';
import type { LayerName } from './network';
import type { LayoutName } from './layout';
import type { PhaseSeconds } from './timing';

export interface LogitComparison {
  /** max |z decrypted - z mirror| over every logit of every image. */
  readonly maxLogitError: number;
  /** max |softmax(z decrypted)_1 - f1 mirror|. */
  readonly maxF1Error: number;
  /** Images whose decrypted argmax equals the mirror's. */
  readonly argmaxAgreement: number;
  /** max z - min z of the mirror's logits (all images). */
  readonly logitRange: number;
  /** -log2(maxLogitError / logitRange). */
  readonly precisionBits: number;
}

/** Index of the largest of z[offset .. offset + OUTPUTS). */
export function argmax(z: ArrayLike<number>, offset = 0): number {
  let best = 0;
  for (let r = 1; r < OUTPUTS; r++) if (z[offset + r] > z[offset + best]) best = r;
  return best;
}

/** Compare decrypted logits (count x 10) with the mirror. */
export function compareLogits(logits: Float64Array, reference: MirrorResult): LogitComparison {
  const ref = reference.layers.dense2, count = reference.images;
  let maxLogitError = 0, maxF1Error = 0, agree = 0, lo = Infinity, hi = -Infinity;
  for (let n = 0; n < count; n++) {
    const o = n * OUTPUTS;
    for (let r = 0; r < OUTPUTS; r++) {
      const e = Math.abs(logits[o + r] - ref[o + r]);
      if (!(e <= maxLogitError)) maxLogitError = e;
      lo = Math.min(lo, ref[o + r]);
      hi = Math.max(hi, ref[o + r]);
    }
    const f1 = Math.abs(firstSoftmax(logits.subarray(o, o + OUTPUTS)) - reference.f1[n]);
    if (!(f1 <= maxF1Error)) maxF1Error = f1;
    if (argmax(logits, o) === argmax(ref, o)) agree++;
  }
  const logitRange = hi - lo;
  return { maxLogitError, maxF1Error, argmaxAgreement: agree, logitRange, precisionBits: -Math.log2(maxLogitError / logitRange) };
}

/** Images whose argmax equals the label. */
export function correctCount(logits: ArrayLike<number>, labels: ArrayLike<number>): number {
  let right = 0;
  for (let n = 0; n < labels.length; n++) if (argmax(logits, n * OUTPUTS) === labels[n]) right++;
  return right;
}

/** Fraction of images whose argmax equals the label. */
export function accuracy(logits: ArrayLike<number>, labels: ArrayLike<number>): number {
  return correctCount(logits, labels) / labels.length;
}

/** Accuracy against the labels of the decrypted logits and of the float64 mirror's, with the counts. */
export interface LabelledAccuracy {
  readonly encrypted: number;
  readonly plaintext: number;
  /** Images whose argmax equals the label: decrypted logits, mirror logits. */
  readonly correct: { readonly encrypted: number; readonly plaintext: number };
  /** Labelled images (= images). */
  readonly labelled: number;
}

export function labelledAccuracy(decrypted: ArrayLike<number>, mirror: ArrayLike<number>, labels: ArrayLike<number>): LabelledAccuracy {
  const correct = { encrypted: correctCount(decrypted, labels), plaintext: correctCount(mirror, labels) };
  return { encrypted: correct.encrypted / labels.length, plaintext: correct.plaintext / labels.length, correct, labelled: labels.length };
}

export interface InferenceReport extends LogitComparison {
  readonly layout: LayoutName;
  readonly images: number;
  /** The network and the images (one line). */
  readonly source: string;
  readonly polyModulusDegree: number;
  readonly coeffModulusBits: readonly number[];
  readonly scaleBits: number;
  readonly depth: number;
  readonly levelsConsumed: number;
  /** Levels per layer (the cost model) and the activation's scheme. */
  readonly levels: Readonly<Record<LayerName, number>>;
  /** giantStep: Chebyshev plans' (`none` otherwise); inputFactor: the factor alpha conv and dense 1 fold in (folded scheme; 1 otherwise). */
  readonly activation: { readonly scheme: string; readonly giantStep: string; readonly degree: number; readonly products: number; readonly inputFactor: number };
  /** Galois keys (= distinct rotation steps used) and the steps. */
  readonly galoisKeys: number;
  readonly galoisSteps: readonly number[];
  /** Bytes of the evaluation keys: relinearisation + Galois (2 L (L + 1) N x 8 each). */
  readonly keyBytes: number;
  /** Key switches per run: relinearisations and rotations. */
  readonly keySwitches: { readonly relinearize: number; readonly rotate: number };
  /** The process's peak resident memory (MB) at the end of the run (worker threads included). */
  readonly peakRssMB: number;
  /** The machine's load averages (1, 5, 15 minutes) at the end of the run, and its cores: the times depend on them. */
  readonly load: readonly number[];
  readonly cores: number;
  /** Threads (batch layout: worker threads splitting the cells and hidden units; 1 = this thread, always for the packed layout). */
  readonly workers: number;
  /**
   * Wall-clock seconds: key generation, set-up (once per network: weight encoding, worker
   * start-up, the packed layout's warm-up run), the packed client's work ahead of each image (its
   * encryptions of zero, summed), encrypt, evaluate per layer, decrypt. With worker threads, each phase is the slowest worker's
   * (they run at once) plus the main thread's.
   */
  readonly seconds: PhaseSeconds & { readonly keygen: number };
  /** CPU seconds of the process (every thread) from the first encryption to the decrypted logits, weight encoding / worker start-up included. */
  readonly cpuSeconds: number;
  /** Wall-clock ms per image: batch, the run's latency / images (amortised over the batch); packed, the latency. */
  readonly msPerImage: number;
  /** Wall-clock seconds from the first encryption to the decrypted logits: the whole run for batch (every image returns together), per image for packed. */
  readonly latencySeconds: number;
  /**
   * Packed: the client's image-independent work per image, done before the image is there (one
   * symmetric encryption of zero per client ciphertext; the image is then only encoded and added),
   * so not in `latencySeconds`; latency + this = the client's and server's whole work per image.
   * 0 for batch.
   */
  readonly aheadSecondsPerImage: number;
  /** The a priori bound the chosen scale buys (parameters.ts), per layer and on the logits. */
  readonly bound: { readonly perLayer: Readonly<Record<LayerName, number>>; readonly logits: number; readonly precisionBits: number };
  /** Measured max |decrypted - mirror| per layer (when traced). */
  readonly layerErrors?: Readonly<Partial<Record<LayerName, number>>>;
  /** Accuracy against the labels (trained weights on real digits): decrypted logits and the float64 mirror on the same images. */
  readonly accuracy?: LabelledAccuracy;
  /** The decrypted logits, count x 10 image-major (only when asked: PrivateInferenceOptions.logits). */
  readonly logits?: readonly number[];
  /** The parameter choice in one sentence, and the scale-versus-N trade-off it was made from. */
  readonly parameterSummary: string;
  readonly tradeoff: readonly { readonly polyModulusDegree: number; readonly maxScaleBits: number | null; readonly precisionBits: number | null; readonly note?: string }[];
}

const f = (v: number, d = 3): string => v.toPrecision(d);

/** The report as text lines (the CLI's default output). */
export function formatReport(r: InferenceReport): string {
  const s = r.seconds;
  const layers = (Object.entries(s.evaluate) as [LayerName, number][]).map(([l, v]) => `${l} ${v.toFixed(2)}`).join(', ');
  const lines = [
    `private inference, ${r.layout} layout: ${r.source}`,
    `CKKS: N = ${r.polyModulusDegree}, primes [${r.coeffModulusBits.join(', ')}], scale 2^${r.scaleBits}; depth ${r.depth} (${Object.entries(r.levels).map(([l, v]) => `${l} ${v}`).join(', ')}), levels consumed ${r.levelsConsumed}; activation: ${r.activation.scheme} scheme (${r.activation.products} ciphertext products, degree ${r.activation.degree}${r.activation.inputFactor !== 1 ? `, input u = ${r.activation.inputFactor.toPrecision(4)} t from conv and dense 1` : ''})`,
    `keys: relinearisation + ${r.galoisKeys} Galois${r.galoisKeys ? ` (steps ${r.galoisSteps.join(', ')})` : ''} = ${(r.keyBytes / 2 ** 20).toFixed(0)} MiB; key switches: ${r.keySwitches.relinearize} relinearisations, ${r.keySwitches.rotate} rotations; peak RSS ${r.peakRssMB.toFixed(0)} MB`,
    `seconds: keygen ${s.keygen.toFixed(2)}, set-up ${s.prepare.toFixed(2)}, ${s.ahead > 0 ? `ahead of the images ${s.ahead.toFixed(2)}, ` : ''}encrypt ${s.encrypt.toFixed(2)}, evaluate ${s.evaluateTotal.toFixed(2)} (${layers}), decrypt ${s.decrypt.toFixed(2)}; CPU ${r.cpuSeconds.toFixed(1)} s`,
    `${r.images} image${r.images === 1 ? '' : 's'}${r.workers > 1 ? ` on ${r.workers} worker threads` : ''}: ${r.msPerImage.toFixed(1)} ms per image, latency ${r.latencySeconds.toFixed(2)} s${r.aheadSecondsPerImage > 0 ? ` (+ ${r.aheadSecondsPerImage.toFixed(2)} s per image of the client's encryptions of zero, made before the image)` : ''} (load average ${r.load.map((v) => v.toFixed(2)).join(' ')} on ${r.cores} cores)`,
    `vs the float64 polynomial network: max |logit error| ${f(r.maxLogitError)} (bound ${f(r.bound.logits)}), max |f1 error| ${f(r.maxF1Error)}, argmax agrees on ${r.argmaxAgreement}/${r.images}, precision ${r.precisionBits.toFixed(1)} bits of the logit range ${f(r.logitRange)}`,
  ];
  if (r.layerErrors) lines.push(`max error per layer: ${(Object.entries(r.layerErrors) as [LayerName, number][]).map(([l, e]) => `${l} ${f(e, 2)}`).join(', ')}`);
  if (r.accuracy) {
    const a = r.accuracy;
    lines.push(`accuracy on the ${a.labelled} labelled images: encrypted ${(100 * a.encrypted).toFixed(2)}% (${a.correct.encrypted}/${a.labelled}), float64 polynomial network ${(100 * a.plaintext).toFixed(2)}% (${a.correct.plaintext}/${a.labelled})`);
  }
  lines.push(`parameters: ${r.parameterSummary}`);
  return lines.join('\n');
}
