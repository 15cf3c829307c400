/**
 * Signals to the runner (#15 item 7): `npm start` on a notebook whose cell waits for ten minutes,
 * a signal (SIGTERM, SIGINT or SIGHUP) to npm or to scripts/start.ts once the kernel runs, then
 * every process of the tree must be gone within 15 s: no orphaned start.ts, run-notebooks.ts or
 * kernel. Linux only (the process tree is read from /proc); elsewhere the case passes trivially.
 * Its own watchdog is 60 s (starting a kernel under load takes a while).
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

/**
 * One case: [signal, target, extra delay in ms after the kernel is up]. Targets: `npm` (its pid
 * only, as `kill` or a CI runner does), `group` (npm's process group, as Ctrl-C or a terminal
 * hangup does), `start` (scripts/start.ts itself). SIGINT goes to the group only: npm forwards it to
 * its shell, which ignores it while it waits for its child, as shells do.
 */
export async function runSignalCase(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  if (!existsSync('/proc/self/stat')) return { code: 0, out: 'skipped: no /proc\n', err: '' };
  const [signal, target, delay] = argv as [NodeJS.Signals, string, string];
  const dir = mkdtempSync(join(tmpdir(), 'polyact-fuzz-signal-'));
  const nb = join(dir, 'wait.ipynb');
  writeFileSync(nb, waitingNotebook());
  // In its own process group, as a terminal's foreground job: 'group' signals it the way Ctrl-C or a hangup does.
  const npm = spawn('npm', ['start', '--', nb, '--out', join(dir, 'out'), '--quiet'], { cwd: ROOT, stdio: 'ignore', detached: true });
  // Every process of the tree, recorded as it appears (also after the signal).
  const seen = new Map<string, Proc>();
  const record = (): Proc[] => {
    const now = descendants(npm.pid!);
    for (const p of now) seen.set(`${p.pid}:${p.start}`, p);
    return now;
  };
  const recorder = setInterval(record, 50);
  try {
    const t0 = Date.now();
    // Until the kernel runs (the runner waits on its cell); under heavy load at most 30 s.
    while (Date.now() - t0 < 30000 && !record().some((p) => p.cmd.includes('launch.js'))) await sleep(100);
    await sleep(Number(delay));
    record();
    // The node process itself, not npm's `sh -c` around it (whose command line names the script too).
    const startProc = [...seen.values()].find((p) => /^\S*node .*scripts\/start\.ts/.test(p.cmd) && alive(p));
    const victim = target === 'start' && startProc ? startProc.pid : target === 'group' ? -npm.pid! : npm.pid!;
    process.kill(victim, signal);
    const t1 = Date.now();
    let left: Proc[] = [];
    // run-notebooks stops its kernel at once; start.ts gives a stuck child 10 s before killing its group.
    while (Date.now() - t1 < 15000) {
      left = [...seen.values()].filter(alive);
      if (left.length === 0) break;
      await sleep(100);
    }
    if (left.length === 0) return { code: 0, out: `no orphans (${seen.size} processes)\n`, err: '' };
    return { code: 1, out: '', err: `orphaned 15 s after ${signal} to ${target}: ${left.map((p) => `${p.pid} ${p.cmd.slice(0, 80)}`).join('; ')}\n` };
  } finally {
    clearInterval(recorder);
    // Whatever is left is ours: stop it.
    for (const p of [...seen.values()].filter(alive)) { try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone */ } }
    try { if (npm.exitCode === null) npm.kill('SIGKILL'); } catch { /* gone */ }
    rmSync(dir, { recursive: true, force: true });
  }
}

function generate(r: FuzzRng): string[] {
  const signal = r.pick(['SIGTERM', 'SIGTERM', 'SIGINT', 'SIGHUP']);
  return [signal, signal === 'SIGINT' ? r.pick(['group', 'start']) : r.pick(['npm', 'npm', 'group', 'start']), String(r.int(0, 1000))];
}

export const signals: FuzzCommand = {
  name: 'signals',
  weight: 0.3,
  timeoutMs: 60000,
  generate,
  execute: runSignalCase,
  reproducer: (argv) => `node --import tsx -e "require('./scripts/fuzz/commands/signals').runSignalCase(${JSON.stringify(argv).replace(/"/g, "'")}).then((r) => console.log(r))"`,
};
