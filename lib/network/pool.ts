/**
 * A pool of worker threads kept alive between experiments (starting a worker compiles the
 * TypeScript sources through tsx, ~1 s, which would dominate short runs). Idle workers are
 * unref'd so they never keep a CLI process or a test alive.
 *
 * Workers load lib/ from disk when they start. A notebook kernel that imports lib/ again after an
 * edit runs this module again: the new instance starts a fresh pool (new code), and the previous
 * instance's workers are terminated (idle ones at once, busy ones when their run ends).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ChunkResult } from './chunk';
import type { NetworkModel } from './forward';

// Workers load TypeScript through tsx's CommonJS hook, whatever loader the parent uses (tsx, tslab).
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
require(workerData.tsxApi).register();
require(workerData.script);
`;

const pool: Worker[] = [];
const busy = new Set<Worker>();
let runCounter = 0;
let retired = false;

const INSTANCE = Symbol.for('polyact.network.pool');
const registry = globalThis as { [INSTANCE]?: { retire(): void } };
registry[INSTANCE]?.retire();
registry[INSTANCE] = {
  retire: () => {
    retired = true;
    for (const w of pool.splice(0, pool.length)) if (!busy.has(w)) void w.terminate();
  },
};

/** Number of pooled workers (idle or busy) of this module instance. */
export function workerPoolSize(): number {
  return pool.length;
}

/** The worker entry (worker.ts next to this file; under tslab __dirname may be unusual, so also try the project layout). */
export function workerScript(): string | undefined {
  for (const dir of [__dirname, resolve(process.cwd(), 'lib/network')]) {
    const f = join(dir, 'worker.ts');
    if (existsSync(f)) return f;
  }
  return undefined;
}

/** A worker thread running the TypeScript file `script` (through tsx); `data` reaches it as workerData.data. */
export function startTsWorker(script: string, data?: unknown): Worker {
  return new Worker(BOOTSTRAP, { eval: true, workerData: { tsxApi: require.resolve('tsx/cjs/api'), script, data } });
}

function spawn(script: string): Worker {
  const w = startTsWorker(script);
  // A worker that dies leaves the pool; the run that used it fails with its error.
  const drop = (): void => { const i = pool.indexOf(w); if (i >= 0) pool.splice(i, 1); };
  w.on('error', drop);
  w.on('exit', drop);
  pool.push(w);
  return w;
}

/** Terminates every pooled worker (tests, or to free memory in a long notebook session). */
export async function closeWorkerPool(): Promise<void> {
  const all = pool.splice(0, pool.length);
  await Promise.all(all.map((w) => w.terminate()));
}

/**
 * Runs chunks 0..chunks-1 on n workers, handing out chunks as workers become free (two in
 * flight per worker); `accept` gets each result. Chunk c's result depends only on (model, seed, c).
 */
export function runOnWorkers(
  script: string, model: NetworkModel, seed: string | number, chunks: number,
  countOf: (c: number) => number, n: number, accept: (r: ChunkResult) => void,
): Promise<void> {
  while (pool.length < n) spawn(script);
  const workers = pool.slice(0, n);
  for (const w of workers) busy.add(w);
  const run = ++runCounter;
  return new Promise<void>((resolvePromise, reject) => {
    let next = 0, finished = 0, done = false;
    const cleanup = (): void => {
      done = true;
      for (const w of workers) {
        w.off('message', onMessage.get(w)!); w.off('error', onError); w.unref();
        busy.delete(w);
        if (retired) void w.terminate();
      }
    };
    const onError = (e: Error): void => { if (!done) { cleanup(); reject(e); } };
    const feed = (w: Worker): void => {
      if (next < chunks) { const c = next++; w.postMessage({ run, chunk: c, count: countOf(c) }); }
    };
    const onMessage = new Map<Worker, (m: { run: number; result: ChunkResult }) => void>();
    for (const w of workers) {
      const handler = (m: { run: number; result: ChunkResult }): void => {
        if (done || m.run !== run) return;
        accept(m.result);
        finished++;
        if (finished === chunks) { cleanup(); resolvePromise(); } else feed(w);
      };
      onMessage.set(w, handler);
      w.on('message', handler);
      w.on('error', onError);
      w.ref();
      w.postMessage({ run, model, seed });
      feed(w);
      feed(w);
    }
  });
}
