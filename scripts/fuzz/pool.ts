/**
 * The fuzzer's worker pool: each worker runs one case at a time; a case that outlives the
 * watchdog gets its worker terminated (a hang is a defect) and a fresh worker takes its place. On
 * Linux the watchdog counts the CPU time of the case's worker thread (/proc/self/task/<tid>/stat),
 * so other processes loading the shared machine do not turn a slow case into a "hang" (at load 10
 * on 2 cores a 6 s compare took 21 s of wall time); a case is stopped anyway after WALL_FACTOR
 * times the limit in wall time (threads the case starts itself are not in its CPU time). A
 * worker that dies (out of memory) reports the case as crashed. Workers load TypeScript through
 * tsx's CommonJS hook, like lib/network/pool.ts.
 */
import { readFileSync } from 'node:fs';
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

/** A case is stopped after this many times its limit in wall time, whatever its CPU time. */
const WALL_FACTOR = 4;

/** Clock ticks per second of /proc stat times (USER_HZ: 100 on Linux). */
const TICKS = 100;

/** CPU time (user + system, ms) of thread `tid` of this process, or undefined where /proc has none. */
function threadCpuMs(tid: number | undefined): number | undefined {
  if (tid === undefined || !Number.isInteger(tid)) return undefined;
  try {
    const s = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / TICKS;
  } catch {
    return undefined;
  }
}

/** Heap of each worker: what a CLI process gets by default on a 64-bit machine with several GB of memory. */
const HEAP_MB = 2048;

export class FuzzPool {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private readonly waiting: ((w: Worker) => void)[] = [];
  private readonly tids = new Map<Worker, number>();
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
    const onReady = (m: { ready?: boolean; tid?: number }): void => {
      if (!m.ready) return;
      if (m.tid !== undefined) this.tids.set(w, m.tid);
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
          this.tids.delete(w);
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
      const limit = job.timeoutMs ?? this.timeoutMs, tid = this.tids.get(w), cpu0 = threadCpuMs(tid);
      // At the limit: stop the case if its thread has used the limit in CPU time (or /proc cannot
      // tell) or WALL_FACTOR x the limit in wall time has passed; otherwise look again when it could have.
      const check = (): void => {
        const wall = performance.now() - t0, cpu = cpu0 === undefined ? undefined : threadCpuMs(tid);
        if (cpu === undefined || cpu - cpu0! >= limit || wall >= WALL_FACTOR * limit) finish({ code: -1, out: '', err: '', ms: wall, timedOut: true }, true);
        else timer = setTimeout(check, Math.min(Math.max(limit - (cpu - cpu0!), 500), WALL_FACTOR * limit - wall));
      };
      let timer = setTimeout(check, limit);
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
