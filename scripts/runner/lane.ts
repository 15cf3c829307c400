/**
 * A lane of the headless runner: one kernel that runs notebooks one after the other, made fresh
 * between them (FRESH_CELL: every variable forgotten, every lib/ module evaluated again at the
 * next import, execution counts from 1), so only the first notebook pays for starting tslab and
 * TypeScript (5.4 s and 7.7 CPU-s in the workspace bench; a kernel per notebook cost the old runner
 * about 100 CPU-s for 12 notebooks, measured). A kernel that died or was killed (a cell timed out)
 * is replaced by a new one for the next notebook.
 */
import { blankCopy, runCells, type NotebookRun, type RunOptions } from './execute';
import { Kernel } from './kernel';
import type { Notebook } from './notebook';

/** The cell that makes a used polyact kernel fresh; jupyter/kernels/polyact/kernel.js (FRESH) answers it. */
export const FRESH_CELL = '%polyact fresh';

export class Lane {
  private kernel: Kernel | null = null;

  constructor(private readonly options: Pick<RunOptions, 'root' | 'env'>) {}

  /** Run `nb` on this lane's kernel (started, or made fresh); never throws for a notebook's error. */
  async run(nb: Notebook, options: Pick<RunOptions, 'timeoutMs' | 'onStart' | 'onCell'>): Promise<NotebookRun & { reused: boolean; cpuSeconds?: number }> {
    const t0 = performance.now();
    const cpu0 = this.kernel?.alive ? this.kernel.cpuSeconds : 0;
    let reused = false;
    if (this.kernel?.alive) {
      // After a failed cell tslab aborts what arrives in the next 200 ms: ask again once.
      for (let attempt = 0; attempt < 2 && !reused; attempt++) {
        try {
          const r = await this.kernel.execute(FRESH_CELL, 60_000);
          reused = r.status === 'ok';
          if (r.status === 'abort') await new Promise((done) => setTimeout(done, 300));
          else break;
        } catch {
          break; // died or timed out: replaced below
        }
      }
      if (!reused) this.kernel.kill();
    }
    if (!reused) {
      try {
        this.kernel = await Kernel.start({ root: this.options.root, env: this.options.env });
      } catch (e) {
        this.kernel = null;
        return { notebook: blankCopy(nb), startup: 0, cellSeconds: new Map(), reused, failure: { cell: 0, firstLine: '', message: `kernel start failed: ${(e as Error).message}` } };
      }
    }
    const kernel = this.kernel as Kernel;
    const startup = (performance.now() - t0) / 1000;
    options.onStart?.({ pid: kernel.pid, seconds: startup, reused });
    const run = await runCells(kernel, nb, options);
    // The kernel's CPU for this notebook (its start-up included when it was started for it).
    const cpu1 = kernel.cpuSeconds;
    const cpuSeconds = cpu0 !== undefined && cpu1 !== undefined ? cpu1 - (reused ? cpu0 : 0) : undefined;
    if (!kernel.alive) this.kernel = null;
    return { ...run, startup, reused, cpuSeconds };
  }

  /** Shut the kernel down. */
  async close(): Promise<void> {
    const k = this.kernel;
    this.kernel = null;
    await k?.shutdown();
  }
}
