/**
 * Workspace timings, through the same Jupyter client the runner uses: kernel start, the first
 * `import * as pa from './lib/index'`, the first plot cell and a trivial cell (tslab compiles every
 * cell), each the median of several kernels, for a cold kernel (a plain launcher: VS Code, a stock
 * Jupyter), a warm one (a spare claimed by the launcher, as under `npm run jupyter`) and one made
 * fresh (npm start's lanes); then the whole `npm start` (every notebook, the report and the export;
 * output to a temporary folder): once with every stored result computed again (--recompute: what an
 * edit of every lib/ file costs; data/store/ is put back afterwards), once with every notebook run
 * (--fresh: a clean clone, the stored results reused) and once with nothing changed.
 * `npm run bench -- workspace --quick` skips the `npm start` runs.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kernel } from '../runner/kernel';
import { SpareKernels } from '../runner/spare';
import { FRESH_CELL } from '../runner/lane';

const ROOT = resolve(__dirname, '..', '..');
const RUNS = 5;
const IMPORT = "import * as pa from './lib/index';";
const PLOT = "pa.plot(pa.activationsFigure(['relu', 'sigmoid', 'tanh'], [-200, 200]));";

interface Sample { start: number; importCell: number; plotCell: number; trivialCell: number; cpu: number }

/**
 * CPU time (user + system, ms) used so far by a process and its live descendants (the kernel's
 * esbuild service), from /proc; NaN elsewhere. Printed beside the wall time, which depends on what
 * else the machine runs (V8's GC threads count too, so it is not a lower bound of the wall time).
 */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const stat = (p: number | string): string[] | null => {
    try { return readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' '); } catch { return null; }
  };
  const own = stat(pid);
  if (!own) return NaN;
  let ticks = Number(own[11]) + Number(own[12]); // utime, stime (clock ticks of 10 ms: CLK_TCK 100)
  const children = new Map<number, number[]>();
  for (const e of readdirSync('/proc')) {
    const f = /^\d+$/.test(e) ? stat(e) : null;
    if (f) children.set(Number(f[1]), [...(children.get(Number(f[1])) ?? []), Number(e)]);
  }
  const walk = (p: number): void => {
    for (const c of children.get(p) ?? []) {
      const f = stat(c);
      if (f) ticks += Number(f[11]) + Number(f[12]);
      walk(c);
    }
  };
  walk(pid);
  return ticks * 10;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const value = await fn();
  return [value, performance.now() - t];
}

/** One kernel: timings, and the CPU time of start + first import (of the kernel process, and of `spare` since the claim). */
async function sample(env?: Record<string, string>, spare?: number): Promise<Sample> {
  const spareBefore = spare === undefined ? 0 : cpuMs(spare);
  const [kernel, start] = await timed(() => Kernel.start({ root: ROOT, env }));
  try {
    const cell = async (code: string): Promise<number> => {
      const [r, ms] = await timed(() => kernel.execute(code, 300_000));
      if (r.status !== 'ok') throw new Error(`${code}: ${r.stderr}`);
      return ms;
    };
    const importCell = await cell(IMPORT);
    const cpu = cpuMs(kernel.pid) + (spare === undefined ? 0 : cpuMs(spare) - spareBefore);
    const plotCell = await cell(PLOT);
    const trivial: number[] = [];
    for (let i = 0; i < 9; i++) trivial.push(await cell(`const v${i} = ${i} + 1;`));
    return { start, importCell, plotCell, trivialCell: median(trivial), cpu };
  } finally {
    await kernel.shutdown();
  }
}

function report(label: string, samples: Sample[]): void {
  const m = (k: keyof Sample): string => `${median(samples.map((s) => s[k])).toFixed(0).padStart(6)} ms`;
  const first = median(samples.map((s) => s.start + s.importCell));
  console.log(`${label} (median of ${samples.length} kernels)`);
  console.log(`  kernel start             ${m('start')}`);
  console.log(`  first import cell        ${m('importCell')}`);
  console.log(`  start + first import     ${first.toFixed(0).padStart(6)} ms  (CPU time ${m('cpu').trim()}, all threads of the kernel and its esbuild service)`);
  console.log(`  first plot cell          ${m('plotCell')}`);
  console.log(`  trivial cell             ${m('trivialCell')}`);
}

export async function run(): Promise<void> {
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`);
  const cold: Sample[] = [];
  for (let i = 0; i < RUNS; i++) cold.push(await sample());
  report('cold kernel (no spare: VS Code, a stock Jupyter)', cold);

  const spares = new SpareKernels({ root: ROOT });
  const warm: Sample[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      spares.prepare();
      if (!(await spares.ready())) throw new Error('the spare kernel did not warm up');
      warm.push(await sample(spares.env, spares.idlePid));
    }
  } finally {
    await spares.close();
  }
  report('warm kernel (a spare claimed: npm run jupyter)', warm);

  // A lane of `npm start`: one kernel made fresh between notebooks (runner/lane.ts).
  const fresh: number[] = [];
  const kernel = await Kernel.start({ root: ROOT });
  try {
    await kernel.execute(IMPORT, 300_000);
    for (let i = 0; i < RUNS; i++) {
      const [, ms] = await timed(async () => {
        await kernel.execute(FRESH_CELL, 60_000);
        const r = await kernel.execute(IMPORT, 300_000);
        if (r.status !== 'ok') throw new Error(r.stderr);
      });
      fresh.push(ms);
    }
  } finally {
    await kernel.shutdown();
  }
  console.log(`kernel made fresh + import again (npm start's lanes, median of ${RUNS})  ${median(fresh).toFixed(0)} ms`);

  if (process.argv.includes('--quick')) return;
  // npm start three times into a new folder: every stored result computed again, every notebook run
  // (--fresh, as from a clean clone), then again with nothing changed (every notebook reused, the
  // export up to date). The recomputation rewrites data/store/ (new times): the committed copy is put back.
  const out = mkdtempSync(join(tmpdir(), 'polyact-bench-report-'));
  const storeCopy = join(out, 'store-copy');
  cpSync(join(ROOT, 'data', 'store'), storeCopy, { recursive: true });
  try {
    const runs = [['every stored result computed again (--recompute)', ['--recompute']], ['every notebook run, stored results reused (--fresh)', ['--fresh']], ['inputs unchanged (reused)', []]] as const;
    for (const [label, extra] of runs) {
      const cpu0 = childCpuSeconds();
      const t = performance.now();
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'start.ts'), '--out', join(out, 'report'), '--quiet', ...extra], { cwd: ROOT, encoding: 'utf8' });
      const seconds = (performance.now() - t) / 1000;
      if (extra.includes('--recompute' as never)) {
        rmSync(join(ROOT, 'data', 'store'), { recursive: true, force: true });
        cpSync(storeCopy, join(ROOT, 'data', 'store'), { recursive: true });
      }
      if (r.status !== 0) throw new Error(`npm start failed:\n${r.stderr}`);
      const ran = (r.stdout.match(/^✓ /gm) ?? []).length, reused = (r.stdout.match(/^↺ /gm) ?? []).length;
      console.log(`npm start, ${label}: ${ran} notebooks run, ${reused} reused, report, export  ${seconds.toFixed(1)} s (CPU ${(childCpuSeconds() - cpu0).toFixed(0)} s)`);
      console.log(`  load average after ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** CPU seconds (user + system) of this process's waited-for descendants so far, from /proc (NaN elsewhere). */
function childCpuSeconds(): number {
  try {
    const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(f[13]) + Number(f[14])) / 100; // cutime, cstime in clock ticks (CLK_TCK 100)
  } catch {
    return NaN;
  }
}
