/** One chunk of the experiment: generate its inputs, run both networks, return |f1 - f1*| per input. The unit of work of the workers. */
import { INPUT_SIZE } from './architecture';
import { forwardBatch, Workspace, type NetworkModel } from './forward';
import { CHUNK, InputStream } from './inputs';

/** Inputs per forward batch inside a chunk (buffers stay in L2). */
export const BATCH = 32;

export interface ChunkResult {
  readonly chunk: number;
  /** |f1 - f1*| for each input of the chunk. */
  readonly deviations: Float64Array;
  readonly outOfRangeConv: number;
  readonly outOfRangeDense: number;
}

/** Reusable buffers for `runChunk`. */
export class ChunkRunner {
  private readonly ws = new Workspace(BATCH);
  constructor(private readonly model: NetworkModel, private readonly seed: string | number) {}

  /** Runs the first `count` (<= CHUNK) inputs of chunk `chunk`. */
  run(chunk: number, count: number = CHUNK): ChunkResult {
    const stream = new InputStream(this.seed, chunk, this.ws.simd);
    const deviations = new Float64Array(count);
    let outConv = 0, outDense = 0;
    for (let start = 0; start < count; start += BATCH) {
      const n = Math.min(BATCH, count - start);
      stream.fill(this.ws.inputs, 0, n * INPUT_SIZE);
      const r = forwardBatch(this.model, this.ws.inputs, n, this.ws);
      for (let i = 0; i < n; i++) deviations[start + i] = Math.abs(r.f1[i] - r.f1Star[i]);
      outConv += r.outOfRangeConv;
      outDense += r.outOfRangeDense;
    }
    return { chunk, deviations, outOfRangeConv: outConv, outOfRangeDense: outDense };
  }
}
