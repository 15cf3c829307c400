/**
 * `npm start [-- runner options] [notebooks...]`: run the notebooks through the headless runner
 * (report in out/) and, on a full run, `npm run export` (data/results/) beside it. The export
 * depends on lib/ only, not on the notebooks, so a one-notebook run skips it.
 *
 * Signals: each step runs as a child in its own process group (with the kernels it starts). A
 * SIGINT, SIGTERM or SIGHUP to this process is forwarded to each step's group, and so is a SIGTERM when
 * this process or its parent is orphaned: `npm start` killed with SIGTERM forwards it to its shell
 * only (the shell dies, this process is re-parented), killed with SIGHUP it forwards nothing (the
 * shell is re-parented); either is noticed within 250 ms. The child gets 10 s to clean up
 * (run-notebooks reaps its kernels and exits), then the group is killed; no process is left behind,
 * and the exit code is 128 + the signal number.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** How long a signalled child may take to clean up before its process group is killed. */
const GRACE_MS = 10000;
/** How often the parent process id is checked (a changed one means npm is gone). */
const ORPHAN_POLL_MS = 250;
/** Process groups (and negative pids) exist on POSIX systems only. */
const GROUPS = process.platform !== 'win32';
/** The parent at start-up, read as early as possible: npm's shell, until npm is killed. */
const PARENT = process.ppid;
/** Its parent (npm itself under `npm start`), where /proc tells it: npm killed by a signal it does not forward (SIGHUP) leaves the shell waiting. */
const GRANDPARENT = parentOf(PARENT);

/** The parent pid of `pid` from /proc (Linux), or undefined. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** True once this process or its parent has been orphaned (re-parented): whoever started `npm start` is gone. */
function orphaned(): boolean {
  return process.ppid !== PARENT || (GRANDPARENT !== undefined && parentOf(PARENT) !== GRANDPARENT);
}

export interface StepResult {
  readonly code: number;
  /** The signal that stopped the step, forwarded from this process (or SIGTERM when it was orphaned). */
  readonly stoppedBy?: NodeJS.Signals;
}

/** Runs `node --import tsx <script> <argv>` with the signal handling described above. */
export function runStep(script: string, argv: readonly string[]): Promise<StepResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...argv], { stdio: 'inherit', detached: GROUPS });
    let stoppedBy: NodeJS.Signals | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const signalTree = (signal: NodeJS.Signals): void => {
      try {
        if (GROUPS && child.pid !== undefined) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch { /* already gone */ }
    };
    const stop = (signal: NodeJS.Signals): void => {
      if (stoppedBy) return;
      stoppedBy = signal;
      signalTree(signal);
      killTimer = setTimeout(() => signalTree('SIGKILL'), GRACE_MS);
    };
    const handlers = SIGNALS.map((s) => [s, () => stop(s)] as const);
    for (const [s, h] of handlers) process.on(s, h);
    const watch = setInterval(() => { if (orphaned()) stop('SIGTERM'); }, ORPHAN_POLL_MS);
    child.on('exit', (code, signal) => {
      clearInterval(watch);
      clearTimeout(killTimer);
      for (const [s, h] of handlers) process.off(s, h);
      // Whatever the child left in its group after a stop (it should have reaped its kernel) goes too.
      if (stoppedBy) signalTree('SIGKILL');
      const signo = (sig: NodeJS.Signals | null | undefined): number => (sig ? constants.signals[sig] ?? 1 : 0);
      resolve({ code: stoppedBy ? 128 + signo(stoppedBy) : code ?? 128 + signo(signal), stoppedBy });
    });
  });
}

async function main(args: string[]): Promise<number> {
  const fullRun = !args.some((a) => a.endsWith('.ipynb')) && !args.includes('--help');
  if (!fullRun) return (await runStep(join(__dirname, 'run-notebooks.ts'), args)).code;
  // The export reads lib/ only, not the notebooks: it runs beside them (it uses a core when a lane idles).
  const [notebooks, exported] = await Promise.all([
    runStep(join(__dirname, 'run-notebooks.ts'), args),
    runStep(join(__dirname, 'export.ts'), args.includes('--fresh') || args.includes('--recompute') ? ['--fresh'] : []),
  ]);
  return notebooks.code !== 0 ? notebooks.code : exported.code;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
