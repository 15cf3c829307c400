/**
 * The fuzzer's worker pool: each worker runs one case at a time; a case that outlives the
 * watchdog gets its worker terminated (a hang is a defect) and a fresh worker takes its place; a
 * worker that dies (out of memory) reports the case as crashed. Workers load TypeScript through
 * tsx's CommonJS hook, like lib/network/pool.ts.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RunResult } from './command';

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
require(workerData.tsxApi).register();
require(workerData.script);
`;

export interface Job {
  readonly id: number;
  readonly command: string;
  readonly argv: readonly string[];
  /** Overrides the pool's watchdog for this job. */
  readonly timeoutMs?: number;
}

/** Longest a worker may take to load the CLI before it counts as a failed start. */
const WARM_UP_MS = 180000;

/** Heap of each worker: what a CLI process gets by default on a 64-bit machine with several GB of memory. */
const HEAP_MB = 2048;

export class FuzzPool {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private readonly waiting: ((w: Worker) => void)[] = [];
  private failedStarts = 0;
  private closed = false;

  constructor(size: number, private readonly timeoutMs: number) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  /** A new worker, released to the pool once it reports ready (warm-up is not under the watchdog). */
  private spawn(): Worker {
    const w = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { tsxApi: require.resolve('tsx/cjs/api'), script: join(__dirname, 'worker.ts') },
      resourceLimits: { maxOldGenerationSizeMb: HEAP_MB },
      stdout: true, stderr: true, // anything a case writes outside the capture stays out of the report
    });
    w.stdout.resume();
    w.stderr.resume();
    this.all.add(w);
    const onReady = (m: { ready?: boolean }): void => {
      if (!m.ready) return;
      w.off('message', onReady);
      w.off('error', onDeadBeforeReady);
      w.off('exit', onDeadBeforeReady);
      this.release(w);
    };
    // A worker that cannot even load the CLI is a broken checkout, not a case: stop the run loudly.
    const onDeadBeforeReady = (e: unknown): void => {
      this.all.delete(w);
      if (this.closed) return;
      if (++this.failedStarts > 3) throw new Error(`fuzz: workers keep dying while loading the CLI: ${e instanceof Error ? e.message : String(e)}`);
      this.spawn();
    };
    w.on('message', onReady);
    w.on('error', onDeadBeforeReady);
    w.on('exit', onDeadBeforeReady);
    // Loading the CLI takes seconds; minutes mean the warm-up itself hangs.
    const warmUp = setTimeout(() => { if (this.all.has(w) && !this.idle.includes(w)) void w.terminate(); }, WARM_UP_MS);
    w.once('message', () => clearTimeout(warmUp));
    return w;
  }

  private release(w: Worker): void {
    const next = this.waiting.shift();
    if (next) next(w);
    else this.idle.push(w);
  }

  private acquire(): Promise<Worker> {
    const w = this.idle.pop();
    return w ? Promise.resolve(w) : new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Runs one job on the next free worker, under the watchdog. */
  async run(job: Job): Promise<RunResult> {
    const w = await this.acquire();
    const t0 = performance.now();
    return new Promise<RunResult>((resolve) => {
      let settled = false;
      const finish = (r: RunResult, replace: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        if (replace) {
          this.all.delete(w);
          void w.terminate();
          this.spawn();
        } else this.release(w);
        resolve(r);
      };
      const onMessage = (m: { id: number; code: number; out: string; err: string; ms: number }): void => {
        if (m.id === job.id) finish({ code: m.code, out: m.out, err: m.err, ms: m.ms }, false);
      };
      const onError = (e: Error): void => finish({ code: -1, out: '', err: '', ms: performance.now() - t0, crashed: `${(e as { code?: string }).code ?? e.name}: ${e.message}` }, true);
      const onExit = (code: number): void => finish({ code: -1, out: '', err: '', ms: performance.now() - t0, crashed: `worker exited with code ${code}` }, true);
      const timer = setTimeout(() => finish({ code: -1, out: '', err: '', ms: performance.now() - t0, timedOut: true }, true), job.timeoutMs ?? this.timeoutMs);
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage({ id: job.id, command: job.command, argv: job.argv });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.all].map((w) => w.terminate()));
    this.all.clear();
  }
}
