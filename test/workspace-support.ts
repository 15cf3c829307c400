/**
 * Shared by the workspace tests: the project root, running the headless runner as a child process,
 * and the rule for optional Debian tools (Jupyter, Chromium): present -> run; absent -> a loud SKIP
 * with the install command; absent under CI=true -> fail.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..');

export interface Tool {
  name: string;
  available: boolean;
  install: string;
}

/** `skip` option for node:test: false when the tool is there; a reason (printed loudly) when not. Throws under CI. */
export function skipUnless(tool: Tool): false | string {
  if (tool.available) return false;
  const reason = `${tool.name} not installed; install with: ${tool.install}`;
  if (process.env.CI === 'true') throw new Error(`CI=true and ${reason}`);
  process.stderr.write(`\n${'#'.repeat(72)}\n# SKIP: ${reason}\n${'#'.repeat(72)}\n`);
  return reason;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run `node --import tsx scripts/run-notebooks.ts ...args` in the project root. */
export function runRunner(args: readonly string[], options: { onStdout?: (text: string, child: ReturnType<typeof spawn>) => void; env?: Record<string, string> } = {}): Promise<RunResult> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'run-notebooks.ts'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      options.onStdout?.(stdout, child);
    });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code, signal) => resolveRun({ code, signal, stdout, stderr }));
  });
}

/** Kernel pids the runner reported ("kernel pid N ready"). */
export function kernelPids(stdout: string): number[] {
  return [...stdout.matchAll(/kernel pid (\d+) ready/g)].map((m) => Number(m[1]));
}

/** Whether a process is still running (a zombie counts as gone). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.split(') ')[1]?.[0] !== 'Z';
  } catch {
    return true;
  }
}

/** Pids of the live processes whose environment holds `NAME=value` (Linux /proc; [] elsewhere). */
export function processesWithEnv(name: string, value: string): number[] {
  const needle = `${name}=${value}`;
  const found: number[] = [];
  let entries: string[] = [];
  try { entries = readdirSync('/proc'); } catch { return found; }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(needle) && processAlive(Number(entry))) found.push(Number(entry));
    } catch { /* gone, or not ours */ }
  }
  return found;
}

/**
 * Whether `pid` is gone within `ms` (a SIGKILLed process takes a moment to leave the process table,
 * more on a loaded machine).
 */
export async function goneWithin(pid: number, ms = 3000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (processAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}
