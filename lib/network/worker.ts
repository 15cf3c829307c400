/**
 * worker_threads entry: receives the model and seed in workerData, then chunk numbers as
 * messages; answers each with its ChunkResult (deviations transferred, not copied).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ChunkRunner } from './chunk';
import type { NetworkModel } from './forward';

interface Job { chunk: number; count: number }

if (parentPort) {
  const port = parentPort;
  const data = workerData as { model: NetworkModel; seed: string | number };
  const runner = new ChunkRunner(data.model, data.seed);
  port.on('message', (job: Job | null) => {
    if (job === null) { port.close(); return; }
    const r = runner.run(job.chunk, job.count);
    port.postMessage(r, [r.deviations.buffer as ArrayBuffer]);
  });
}
