/**
 * Spare kernels: an owner process (`npm run jupyter`; the workspace bench, tests) keeps one polyact
 * kernel warm (tslab loaded, the notebooks' import cell compiled and lib/ loaded; see
 * jupyter/kernels/polyact/spare.js) in a private folder, and kernels started with `env` (the
 * folder in POLYACT_SPARE_DIR) claim it instead of starting cold. The owner reaps every spare it
 * started, claimed or not, when it closes or exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The spare kernel program of the project kernelspec. */
export function spareScript(root: string): string {
  return join(root, 'jupyter', 'kernels', 'polyact', 'spare.js');
}

export interface SpareOptions {
  /** Project root. */
  root: string;
  /** Warm the next spare as soon as one is claimed (Jupyter); else only on `prepare()`. */
  refill?: boolean;
}

const owners = new Set<SpareKernels>();
process.on('exit', () => { for (const o of owners) o.kill(); });

export class SpareKernels {
  /** Private folder (mode 0700) holding the spare's socket. */
  readonly dir = mkdtempSync(join(tmpdir(), 'polyact-spare-'));
  private readonly children = new Set<ChildProcess>();
  /** Launcher pid -> pid of the spare it claimed. */
  private readonly claims = new Map<number, number>();
  private idle: { child: ChildProcess; ready: Promise<boolean> } | null = null;
  private closed = false;

  constructor(private readonly options: SpareOptions) {
    owners.add(this);
  }

  /** Environment entries that let a kernel launcher claim the spare. */
  get env(): Record<string, string> {
    return { POLYACT_SPARE_DIR: this.dir };
  }

  /** Pids of every spare process alive (claimed ones included). */
  get pids(): number[] {
    return [...this.children].map((c) => c.pid).filter((p): p is number => p !== undefined);
  }

  /** Pid of the idle spare (warming or ready), if any. */
  get idlePid(): number | undefined {
    return this.idle?.child.pid;
  }

  /** The pid of the spare that the launcher `launcherPid` claimed, if it claimed one. */
  claimedBy(launcherPid: number | undefined): number | undefined {
    return launcherPid === undefined ? undefined : this.claims.get(launcherPid);
  }

  /** Start warming a spare unless one is already idle (warming or ready). */
  prepare(): void {
    if (this.closed || this.idle) return;
    const child = spawn(process.execPath, [spareScript(this.options.root), join(this.dir, 'kernel.sock')], {
      cwd: this.options.root,
      // Its own process group: a Ctrl-C in the owner's terminal is not an interrupt of a kernel.
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.children.add(child);
    const ready = new Promise<boolean>((resolve) => {
      child.on('message', (m: { ready?: boolean; claimed?: boolean; launcher?: number }) => {
        if (m.ready) resolve(true);
        if (m.claimed) {
          if (typeof m.launcher === 'number' && child.pid !== undefined) this.claims.set(m.launcher, child.pid);
          if (this.idle?.child === child) this.idle = null;
          if (this.options.refill) this.prepare();
        }
      });
      child.on('exit', () => {
        resolve(false);
        this.children.delete(child);
        if (this.idle?.child === child) this.idle = null;
      });
    });
    this.idle = { child, ready };
  }

  /** Whether an idle spare is listening (waits for the one warming, at most `timeoutMs`). */
  async ready(timeoutMs = 120_000): Promise<boolean> {
    if (!this.idle) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs); });
    try {
      return await Promise.race([this.idle.ready, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stop every spare (SIGTERM, then SIGKILL after `graceMs`) and remove the folder. */
  async close(graceMs = 3000): Promise<void> {
    this.closed = true;
    this.idle = null;
    const alive = [...this.children].filter((c) => c.exitCode === null && c.signalCode === null);
    await Promise.all(alive.map((c) => new Promise<void>((resolve) => {
      const timer = setTimeout(() => { try { c.kill('SIGKILL'); } catch { /* gone */ } }, graceMs);
      c.once('exit', () => { clearTimeout(timer); resolve(); });
      try { c.kill('SIGTERM'); } catch { resolve(); }
    })));
    this.kill();
  }

  /** SIGKILL every spare and remove the folder (synchronous: safe in an exit handler). */
  kill(): void {
    this.closed = true;
    this.idle = null;
    for (const c of this.children) {
      if (c.exitCode === null && c.signalCode === null) try { c.kill('SIGKILL'); } catch { /* gone */ }
    }
    rmSync(this.dir, { recursive: true, force: true });
    owners.delete(this);
  }
}
