/**
 * The Section 5 experiment: `inputs` seeded random inputs through both networks, on worker
 * threads. Inputs are seeded per chunk (inputs.ts) and results are stored by chunk number, so
 * the deviations - and every statistic - are bit-identical for any number of workers.
 */
import { InputError, requireInteger } from '../errors';
import { ChunkRunner, type ChunkResult } from './chunk';
import type { NetworkModel } from './forward';
import { CHUNK } from './inputs';
import { runOnWorkers, workerScript } from './pool';
import { deviationStatistics, type DeviationStatistics } from './statistics';

export interface ExperimentOptions {
  /** Number of random inputs (default 10^6). */
  inputs?: number;
  /** Seed of the inputs (default 1). */
  seed?: string | number;
  /** Worker threads (default 2). 1 runs in the calling thread; so does a run of a single chunk (4096 inputs). */
  workers?: number;
  /** Called after every chunk with (inputs done, total). */
  onProgress?: (done: number, total: number) => void;
}

export interface ExperimentResult extends DeviationStatistics {
  readonly inputs: number;
  readonly seed: string | number;
  readonly workers: number;
  /** |f1 - f1*| for every input, in input order. */
  readonly deviations: Float64Array;
  /** Pre-activations outside the polynomial's interval (conv layer, dense layer); 0 with either scaling by construction. */
  readonly outOfRange: { readonly conv: number; readonly dense: number };
  readonly seconds: number;
  readonly inputsPerSecond: number;
  /** How the work ran: `workers` or `in-thread` (with the reason if workers were requested but unavailable). */
  readonly execution: string;
}

/** Runs the experiment for `model`. */
export async function runNetworkExperiment(model: NetworkModel, options: ExperimentOptions = {}): Promise<ExperimentResult> {
  const total = requireInteger('inputs', options.inputs ?? 1_000_000, 1, 1e9);
  const workers = requireInteger('workers', options.workers ?? 2, 1, 64);
  const seed = options.seed ?? 1;
  if (typeof seed !== 'string' && !(typeof seed === 'number' && Number.isFinite(seed))) throw new InputError('seed', `expected a string or a finite number, got ${String(seed)}`);
  const chunks = Math.ceil(total / CHUNK);
  const deviations = new Float64Array(total);
  let outConv = 0, outDense = 0, done = 0;
  const accept = (r: ChunkResult): void => {
    deviations.set(r.deviations, r.chunk * CHUNK);
    outConv += r.outOfRangeConv;
    outDense += r.outOfRangeDense;
    done += r.deviations.length;
    options.onProgress?.(done, total);
  };
  const countOf = (c: number): number => Math.min(CHUNK, total - c * CHUNK);
  const start = process.hrtime.bigint();
  let execution = 'in-thread';
  let useWorkers = Math.min(workers, chunks);
  const script = useWorkers > 1 ? workerScript() : undefined;
  if (useWorkers > 1 && script) {
    await runOnWorkers(script, model, seed, chunks, countOf, useWorkers, accept);
    execution = `${useWorkers} workers`;
  } else {
    useWorkers = 1;
    if (workers > 1 && chunks > 1) execution = 'in-thread (worker script not found)';
    const runner = new ChunkRunner(model, seed);
    for (let c = 0; c < chunks; c++) {
      accept(runner.run(c, countOf(c)));
      // Let a notebook's display or the CLI's progress line update between chunks.
      if (options.onProgress && c % 8 === 7) await new Promise((r) => setImmediate(r));
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return {
    inputs: total, seed, workers: useWorkers, deviations, ...deviationStatistics(deviations),
    outOfRange: { conv: outConv, dense: outDense }, seconds, inputsPerSecond: total / seconds, execution,
  };
}
