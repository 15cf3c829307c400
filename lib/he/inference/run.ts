/**
 * Private inference end to end: choose the parameters, generate the keys (the packed layout's
 * Galois keys only for the steps it uses), encrypt, evaluate every layer on ciphertexts only,
 * decrypt, and compare with the float64 mirror. `polyact infer` and notebook 10 call this.
 */
import { availableParallelism, loadavg } from 'node:os';
import { InputError, requireInteger } from '../../errors';
import { simulate } from '../schemes';
import { CkksSession } from '../seal';
import { InferenceBackend } from './backend';
import { BatchRun } from './batch';
import { evaluationKeyBytes } from './keys';
import type { LayoutContext, LayoutName, LayoutResult } from './layout';
import { combineClocks, runBatchParallel } from './parallel';
import { cpuSecondsSince, phaseSeconds, type PhaseSeconds } from './timing';
import { mirrorForward } from './mirror';
import { layerWeights, networkLevels } from './network';
import { PackedModel, packedBlocks, packedCiphertexts, packedGaloisSteps, RHO } from './packed';
import { BATCH_NOISE, chooseNetworkParameters, type LayoutNoise, type NetworkParameterOptions } from './parameters';
import { compareLogits, labelledAccuracy, type InferenceReport } from './report';
import type { InferenceSource } from './source';
import { PhaseClock } from './timing';

export interface PrivateInferenceOptions extends Omit<NetworkParameterOptions, 'noise'> {
  layout: LayoutName;
  /** Packed layout: blocks per client ciphertext (default 4). */
  blocks?: number;
  /** Decrypt intermediates (outside the timings) to measure the error per layer: every `trace`-th ciphertext of a layer in the batch layout (true = 1; runs in one thread), every layer of every image in the packed one. */
  trace?: boolean | number;
  /** Threads (default 1: this one). Batch layout: worker threads splitting the cells, then the hidden units. The packed layout runs in this thread. */
  workers?: number;
  /** Also return the decrypted logits (count x 10) in the report (default false: a full batch is 81,920 numbers). */
  logits?: boolean;
}

/**
 * A rotation's error in units of N / scale: up to ~1.3 measured (max over the slots, q0 at least
 * KEY_SWITCH_GAP_BITS below the special prime: parameters.ts), counted as 2.
 */
const ROTATION_NOISE = 2;

/** The layout's noise for the a priori bound (fresh errors on a logit's path: encryption, rescales, key switches). */
function layoutNoise(layout: LayoutName, blocks: number, parameters: { slots: number; polyModulusDegree: number }): LayoutNoise {
  if (layout === 'batch') return BATCH_NOISE;
  const r = ROTATION_NOISE;
  // dense 2: its 4 giant-step sums each rescaled, 3 baby + 3 giant steps and the rotate-and-sum.
  const fresh = { conv: 2 + r * Math.log2(blocks), dense1: 2 + 2 + r * 7, dense2: 4 + r * (6 + Math.log2(parameters.slots / 1024)) };
  return { fresh, rho: RHO, weightError: 4 * Math.sqrt(parameters.polyModulusDegree / 12) };
}

export async function privateInference(source: InferenceSource, options: PrivateInferenceOptions): Promise<InferenceReport> {
  const layout = options.layout;
  if (layout !== 'batch' && layout !== 'packed') throw new InputError('layout', `expected batch or packed, got '${String(layout)}'`);
  requireInteger('images', source.count, 1);
  const trace = options.trace === true ? 1 : options.trace === false || options.trace === undefined ? 0 : requireInteger('trace', options.trace, 0);
  const requested = requireInteger('workers', options.workers ?? 1, 1, 16);
  // Tracing decrypts intermediates against the mirror in this thread; the packed layout's server work is one chain of operations, and its client's online work (encoding onto prepared encryptions of zero) is too short to pay for shipping ciphertexts between threads.
  const workers = layout === 'batch' && trace === 0 ? requested : 1;
  // The bound's noise depends on the slots: choose once with the batch layout's, then with the layout's.
  const pixelBound = options.pixelBound ?? source.pixelBound;
  let choice = chooseNetworkParameters(source.net, { ...options, pixelBound });
  const blocks = layout === 'packed' ? packedBlocks(choice.parameters.slots, { blocks: options.blocks }) : 0;
  choice = chooseNetworkParameters(source.net, { ...options, pixelBound, noise: layoutNoise(layout, blocks, choice.parameters) });
  const P = choice.parameters;
  if (layout === 'batch' && source.count > P.slots) throw new InputError('images', `the batch layout holds at most ${P.slots} images (the slots of N = ${P.polyModulusDegree}); got ${source.count}`);
  const reference = mirrorForward(source.net, source.images, source.count);
  const galoisSteps = layout === 'packed' ? packedGaloisSteps(P.slots, { blocks }) : [];
  const clock = new PhaseClock();
  const session = await CkksSession.create(P, { galoisSteps });
  const backend = new InferenceBackend(session);
  let result: LayoutResult, seconds: PhaseSeconds, latencySeconds: number;
  let keySwitches = backend.keySwitches, cpuSeconds: number;
  const cpu0 = process.cpuUsage();
  try {
    const ctx: LayoutContext = { session, backend, net: source.net, plan: choice.plan, weights: layerWeights(source.net, choice.plan), clock, reference: trace > 0 ? reference : undefined };
    if (layout === 'batch' && workers > 1) {
      const r = await runBatchParallel(ctx, source.images, source.count, workers);
      const combined = combineClocks(r.workerClocks, { ms: clock.ms, keySwitches: backend.keySwitches });
      combined.ms.prepare += r.startupMs;
      result = r;
      seconds = phaseSeconds(combined.ms);
      keySwitches = combined.keySwitches;
      latencySeconds = r.wallMs / 1000;
    } else if (layout === 'batch') {
      result = new BatchRun(ctx, source.images, source.count, trace).run();
      seconds = clock.seconds();
      latencySeconds = seconds.encrypt + seconds.evaluateTotal + seconds.decrypt;
    } else {
      const model = new PackedModel(ctx, { blocks });
      try {
        result = model.run(source.images, source.count);
      } finally {
        model.delete();
      }
      seconds = clock.seconds();
      latencySeconds = (seconds.encrypt + seconds.evaluateTotal + seconds.decrypt) / source.count;
    }
    cpuSeconds = cpuSecondsSince(cpu0);
  } finally {
    backend.release();
    backend.deleteConstants();
    session.delete();
  }
  const cmp = compareLogits(result.logits, reference);
  const levels = networkLevels(choice.plan.depth);
  return {
    layout, images: source.count, source: source.description + (layout === 'packed' ? `; ${packedCiphertexts(blocks)} client ciphertexts per image (${blocks} blocks)` : ''),
    polyModulusDegree: P.polyModulusDegree, coeffModulusBits: P.coeffModulusBits,
    scaleBits: P.scaleBits, depth: levels.depth, levelsConsumed: result.levelsConsumed, levels: levels.perLayer,
    activation: { scheme: choice.plan.scheme, giantStep: choice.plan.basis === 'chebyshev' ? choice.plan.giantStep ?? 'largest' : 'none', degree: choice.plan.degree, products: simulate(choice.plan).counts.nonscalar, inputFactor: choice.plan.inputFactor ?? 1 },
    galoisKeys: galoisSteps.length, galoisSteps, keyBytes: evaluationKeyBytes(P, galoisSteps.length), keySwitches: { ...keySwitches },
    peakRssMB: process.resourceUsage().maxRSS / 1024, load: loadavg(), cores: availableParallelism(), workers,
    seconds: { ...seconds, keygen: session.keygenMs / 1000 }, cpuSeconds,
    msPerImage: layout === 'batch' ? (1000 * latencySeconds) / source.count : 1000 * latencySeconds,
    latencySeconds,
    aheadSecondsPerImage: seconds.ahead / source.count,
    ...cmp,
    bound: { perLayer: choice.errorBound, logits: choice.logitErrorBound, precisionBits: choice.precisionBits },
    layerErrors: result.layerErrors,
    accuracy: source.labels ? labelledAccuracy(result.logits, reference.layers.dense2, source.labels) : undefined,
    logits: options.logits ? Array.from(result.logits) : undefined,
    parameterSummary: choice.summary,
    tradeoff: choice.tradeoff.map((o) => ({ polyModulusDegree: o.polyModulusDegree, maxScaleBits: o.maxScaleBits, precisionBits: o.precisionBits, ...(o.note ? { note: o.note } : {}) })),
  };
}
