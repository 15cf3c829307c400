/**
 * worker_threads entry. Messages: `{ run, model, seed }` installs the model of run `run`;
 * `{ run, chunk, count }` runs one chunk of it and answers with the ChunkResult tagged with the
 * run (deviations transferred, not copied). Workers stay alive between runs (pool.ts).
 */
import { parentPort } from 'node:worker_threads';
import { ChunkRunner } from './chunk';
import type { NetworkModel } from './forward';

type Message = { run: number; model: NetworkModel; seed: string | number } | { run: number; chunk: number; count: number };

if (parentPort) {
  const port = parentPort;
  let current: { run: number; runner: ChunkRunner } | null = null;
  port.on('message', (m: Message) => {
    if ('model' in m) { current = { run: m.run, runner: new ChunkRunner(m.model, m.seed) }; return; }
    if (!current || current.run !== m.run) throw new Error(`worker: no model for run ${m.run}`);
    const r = current.runner.run(m.chunk, m.count);
    port.postMessage({ run: m.run, result: r }, [r.deviations.buffer as ArrayBuffer]);
  });
}
