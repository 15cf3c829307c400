/**
 * Signals to the runner (#15 item 7): `npm start` on a notebook whose cell waits for ten minutes,
 * a signal (SIGTERM, SIGINT or SIGHUP) to npm or to scripts/start.ts once the kernel runs, then
 * every process of the tree must be gone within 6 s: no orphaned start.ts, run-notebooks.ts or
 * kernel. Linux only (the process tree is read from /proc); elsewhere the case passes trivially.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FuzzCommand } from '../command';
import type { FuzzRng } from '../values';

const ROOT = resolve(__dirname, '..', '..', '..');

interface Proc { readonly pid: number; readonly start: string; readonly cmd: string }

function stat(pid: number): { ppid: number; start: string } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), start: fields[19] };
  } catch {
    return undefined;
  }
}

function cmdline(pid: number): string {
  try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim(); } catch { return ''; }
}

/** Every live descendant of `root`. */
function descendants(root: number): Proc[] {
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const s = stat(Number(d));
    if (s) children.set(s.ppid, [...(children.get(s.ppid) ?? []), Number(d)]);
  }
  const out: Proc[] = [];
  const stack = [root];
  while (stack.length > 0) {
    for (const c of children.get(stack.pop()!) ?? []) {
      const s = stat(c);
      if (s) out.push({ pid: c, start: s.start, cmd: cmdline(c) });
      stack.push(c);
    }
  }
  return out;
}

const alive = (p: Proc): boolean => stat(p.pid)?.start === p.start;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function waitingNotebook(): string {
  return JSON.stringify({
    cells: [{ cell_type: 'code', id: 'wait', metadata: {}, execution_count: null, outputs: [], source: ['await new Promise((r) => setTimeout(r, 600000));'] }],
    metadata: { kernelspec: { name: 'polyact', display_name: 'TypeScript (polyact)', language: 'typescript' } },
    nbformat: 4, nbformat_minor: 5,
  });
}

/** One case: [signal, target ('npm' | 'start'), extra delay in ms after the kernel is up]. */
export async function runSignalCase(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  if (!existsSync('/proc/self/stat')) return { code: 0, out: 'skipped: no /proc\n', err: '' };
  const [signal, target, delay] = argv as [NodeJS.Signals, string, string];
  const dir = mkdtempSync(join(tmpdir(), 'polyact-fuzz-signal-'));
  const nb = join(dir, 'wait.ipynb');
  writeFileSync(nb, waitingNotebook());
  const npm = spawn('npm', ['start', '--', nb, '--out', join(dir, 'out'), '--quiet'], { cwd: ROOT, stdio: 'ignore' });
  const seen = new Map<string, Proc>();
  const record = (): Proc[] => {
    const now = descendants(npm.pid!);
    for (const p of now) seen.set(`${p.pid}:${p.start}`, p);
    return now;
  };
  try {
    const t0 = Date.now();
    while (Date.now() - t0 < 12000 && !record().some((p) => p.cmd.includes('launch.js'))) await sleep(100);
    await sleep(Number(delay));
    record();
    const startProc = [...seen.values()].find((p) => p.cmd.includes('scripts/start.ts') && alive(p));
    const victim = target === 'start' && startProc ? startProc.pid : npm.pid!;
    process.kill(victim, signal);
    const t1 = Date.now();
    let left: Proc[] = [];
    while (Date.now() - t1 < 6000) {
      left = [...seen.values()].filter(alive);
      if (left.length === 0) break;
      await sleep(100);
    }
    if (left.length === 0) return { code: 0, out: `no orphans (${seen.size} processes)\n`, err: '' };
    for (const p of left) { try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone */ } }
    return { code: 1, out: '', err: `orphaned 6 s after ${signal} to ${target}: ${left.map((p) => `${p.pid} ${p.cmd.slice(0, 80)}`).join('; ')}\n` };
  } finally {
    try { if (npm.exitCode === null) npm.kill('SIGKILL'); } catch { /* gone */ }
    rmSync(dir, { recursive: true, force: true });
  }
}

function generate(r: FuzzRng): string[] {
  return [r.pick(['SIGTERM', 'SIGTERM', 'SIGINT', 'SIGHUP']), r.pick(['npm', 'npm', 'start']), String(r.int(0, 1000))];
}

export const signals: FuzzCommand = {
  name: 'signals',
  weight: 0.3,
  generate,
  execute: runSignalCase,
  reproducer: (argv) => `node --import tsx -e "require('./scripts/fuzz/commands/signals').runSignalCase(${JSON.stringify(argv).replace(/"/g, "'")}).then((r) => console.log(r))"`,
};
