/**
 * The batch layout on worker threads (one SEAL instance each, the session's keys shipped
 * serialised): worker w takes a contiguous range of the pooled cells for conv, activation and
 * pooling (encrypting the pixels its cells read - the client's work, timed as such), and computes
 * dense 1's partial sums over its cells for every hidden unit (each rescaled, and shipped at once
 * when another worker owns the unit: no worker holds all 116); the owner adds them up, runs
 * activation 2 and dense 2's partial sums over its hidden units; the main thread adds the logits'
 * partial sums, rescales and decrypts. The arithmetic is that of BatchRun in one thread, only the
 * sums are split (and dense 1's rescaled once per partial).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { CipherText } from 'node-seal/implementation/cipher-text';
import { startTsWorker } from '../../network/pool';
import { requireInteger } from '../../errors';
import { BatchRun } from './batch';
import type { LayoutContext, LayoutResult } from './layout';
import type { ClockData, FromWorker, Shipped, ToWorker, WorkerInit } from './parallel-protocol';
import type { Phase } from './timing';

/** Contiguous, balanced ranges [from, to) of 0..n-1 for w workers. */
export function splitRange(n: number, w: number): [number, number][] {
  return Array.from({ length: w }, (_, i) => [Math.floor((i * n) / w), Math.floor(((i + 1) * n) / w)] as [number, number]);
}

/** The path of a worker script of this directory (`file`, e.g. worker.ts). */
export function inferenceWorkerScript(file: string): string {
  for (const dir of [__dirname, resolve(process.cwd(), 'lib/he/inference')]) {
    const f = join(dir, file);
    if (existsSync(f)) return f;
  }
  throw new Error(`internal: lib/he/inference/${file} not found`);
}

/** The next message of a worker named `name` (rejecting on its { type: 'error' } message, an error event or its exit). */
export function nextMessage<M extends { readonly type: string }>(w: Worker, name: string): Promise<M> {
  return new Promise((resolvePromise, reject) => {
    const cleanup = (): void => { w.off('message', onMessage); w.off('error', onError); w.off('exit', onExit); };
    const onMessage = (m: M): void => {
      cleanup();
      if (m.type === 'error') reject(new Error(`${name}: ${(m as unknown as { message: string }).message}`));
      else resolvePromise(m);
    };
    const onError = (e: Error): void => { cleanup(); reject(e); };
    const onExit = (code: number): void => { cleanup(); reject(new Error(`${name} exited (code ${code})`)); };
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
  });
}

/** The next message of one batch worker. */
const next = (w: Worker): Promise<FromWorker> => nextMessage<FromWorker>(w, 'batch worker');

export interface ParallelBatchResult extends LayoutResult {
  /** Each worker's phase times (wall and CPU, ms). */
  readonly workerClocks: readonly ClockData[];
  /** Wall-clock ms: worker start-up (SEAL, keys), and from stage 1 to the decrypted logits. */
  readonly startupMs: number;
  readonly wallMs: number;
}

/** Run the batch layout on `workers` threads (ctx: the main thread's session, which decrypts). */
export async function runBatchParallel(ctx: LayoutContext, images: Float64Array, count: number, workers: number): Promise<ParallelBatchResult> {
  requireInteger('workers', workers, 1, 16);
  const main = new BatchRun(ctx, images, count); // validates; finishes the logits
  const cells = splitRange(ctx.net.cells, workers), hidden = splitRange(ctx.net.hidden, workers);
  const keys = ctx.session.exportKeys();
  const { polynomial, ...rest } = ctx.net;
  const net = { ...rest, polynomial: { coefficients: [...polynomial.coefficients], domain: [polynomial.domain[0], polynomial.domain[1]] as [number, number] } };
  // One copy of the images, shared by every worker (a Float64Array over a SharedArrayBuffer is not cloned).
  const shared = new Float64Array(new SharedArrayBuffer(count * 784 * 8));
  shared.set(images.subarray(0, count * 784));
  const t0 = performance.now();
  const pool = cells.map((range, index) => startTsWorker(inferenceWorkerScript('worker.ts'), {
    index, parameters: ctx.session.parameters, keys, net, images: shared, count, cells: range, hidden,
  } satisfies WorkerInit));
  const loaded: CipherText[] = [];
  try {
    await Promise.all(pool.map(next));
    const startupMs = performance.now() - t0;
    const t1 = performance.now();
    const send = (w: Worker, m: ToWorker, transfer: ArrayBuffer[] = []): void => w.postMessage(m, transfer);
    const first = await Promise.all(pool.map((w) => { const r = next(w); send(w, { type: 'stage1' }); return r; }));
    const stage1 = first.map((m) => m as Extract<FromWorker, { type: 'stage1' }>);
    const second = await Promise.all(pool.map((w, v) => {
      const partials = stage1.flatMap((m) => m.partials[v]);
      const r = next(w);
      send(w, { type: 'stage2', partials }, partials.flatMap((s) => (s.bytes ? [s.bytes.buffer as ArrayBuffer] : [])));
      return r;
    }));
    const stage2 = second.map((m) => m as Extract<FromWorker, { type: 'stage2' }>);
    const load = (s: Shipped): CipherText | null => {
      if (!s.bytes) return null;
      const ct = ctx.session.loadCiphertext(s.bytes);
      loaded.push(ct);
      return ct;
    };
    const logits = Array.from({ length: 10 }, (_, r) => stage2.map((m) => load(m.logits[r])));
    const result = main.finishLogits(logits);
    loaded.length = 0; // finishLogits deleted them
    return { ...result, workerClocks: stage2.map((m) => m.clock), startupMs, wallMs: performance.now() - t1 };
  } finally {
    for (const ct of loaded) ct.delete();
    main.delete();
    for (const w of pool) { w.postMessage({ type: 'close' } satisfies ToWorker); void w.terminate(); }
  }
}

/** Per phase the slowest worker's time (they run at once) plus the main thread's; key switches summed. */
export function combineClocks(workers: readonly ClockData[], main: ClockData): ClockData {
  const phases = Object.keys(main.ms) as Phase[];
  const ms = Object.fromEntries(phases.map((p) => [p, Math.max(0, ...workers.map((c) => c.ms[p])) + main.ms[p]])) as Record<Phase, number>;
  const sum = (k: 'relinearize' | 'rotate'): number => workers.reduce((s, c) => s + c.keySwitches[k], main.keySwitches[k]);
  return { ms, keySwitches: { relinearize: sum('relinearize'), rotate: sum('rotate') } };
}
