/**
 * `npm start [-- notebooks/NN-name.ipynb ...] [--timeout 300] [--out out] [--jobs 2]`: the headless runner.
 *
 * Executes every notebook in notebooks/, or the ones given, through the project's tslab kernel over
 * the Jupyter protocol (two at a time by default, on lanes whose kernel is made fresh between
 * notebooks: runner/lane.ts), printing progress per cell, and writes
 * the executed notebooks and the HTML report to out/. A failing cell stops its notebook; the run
 * goes on with the next notebook and exits 1 at the end, naming each failed notebook, cell, first
 * source line and error. Bad arguments or unreadable notebooks: one line on stderr, exit 2.
 */
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { InputError } from '../lib/errors';
import { integerOption, parseArgs, numberOption, type OptionSpec } from '../lib/cli/args';
import { readNotebook, NotebookFormatError, type Notebook } from './runner/notebook';
import { mergeManifest, previousSeconds } from './runner/manifest';
import { Lane } from './runner/lane';
import { cachedRun, notebookFingerprint, storeRun } from './runner/cache';
import { projectFingerprint } from './runner/inputs';
import { writeReport, type ReportEntry } from './runner/report';

const ROOT = resolve(__dirname, '..');

const OPTIONS: readonly OptionSpec[] = [
  { name: 'timeout', type: 'number', description: 'per-cell time limit in seconds (a cell may ask for more: metadata polyact.timeoutSeconds)', default: 300 },
  { name: 'out', type: 'string', description: 'output folder', default: 'out' },
  { name: 'jobs', type: 'integer', description: 'notebooks run at a time, each lane on one kernel made fresh between notebooks (default: 2, or 1 on a 1-core machine)' },
  { name: 'fresh', type: 'flag', description: 'run every notebook, also those whose inputs are unchanged since their last run (out/cache/)' },
  { name: 'recompute', type: 'flag', description: 'also compute every stored result again instead of reusing it (data/store/, see lib/store; implies --fresh)' },
  { name: 'quiet', type: 'flag', description: 'print one line per notebook instead of one per cell' },
  { name: 'help', type: 'flag', description: 'show this help' },
];

const HELP = `Usage: npm start [-- [notebooks/NN-name.ipynb ...] [--timeout <s>] [--out <dir>] [--quiet]]

Executes the notebooks (default: every notebooks/*.ipynb, in name order) through the project's
tslab kernel and writes <out>/index.html, <out>/<name>.html and <out>/notebooks/<name>.ipynb.

${OPTIONS.map((o) => `  --${o.name.padEnd(8)} ${o.description}${o.default !== undefined ? ` (default ${o.default})` : ''}`).join('\n')}

The per-cell limit can also be set with POLYACT_CELL_TIMEOUT (seconds).`;

/** Notebooks run at a time by default: 2 (cells are mostly single-threaded), 1 on a 1-core machine. */
export function defaultJobs(): number {
  return Math.min(2, availableParallelism());
}

/** Every notebook in notebooks/, in name order. */
export function defaultNotebooks(root: string): string[] {
  const dir = join(root, 'notebooks');
  return readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort().map((f) => join(dir, f));
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, OPTIONS);
  if (args.options.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const envTimeout = process.env.POLYACT_CELL_TIMEOUT;
  let fallback = 300;
  if (envTimeout !== undefined && envTimeout !== '') {
    fallback = Number(envTimeout);
    if (!(fallback > 0) || !Number.isFinite(fallback)) throw new InputError('POLYACT_CELL_TIMEOUT', `expected a positive number of seconds, got '${envTimeout}'`);
  }
  const timeout = numberOption(args, 'timeout', fallback) as number;
  if (!(timeout > 0)) throw new InputError('--timeout', `expected a positive number of seconds, got ${timeout}`);
  const outDir = resolve(String(args.options.out ?? 'out'));
  const requestedJobs = integerOption(args, 'jobs', defaultJobs(), { min: 1, max: 8 }) as number;
  const quiet = args.options.quiet === true;

  const files = args.positionals.length > 0 ? args.positionals.map((p) => resolve(p)) : defaultNotebooks(ROOT);
  if (files.length === 0) throw new InputError('notebooks', `no .ipynb files in ${join(ROOT, 'notebooks')}`);
  for (const f of files) if (!f.endsWith('.ipynb')) throw new InputError('notebook', `expected a .ipynb file, got ${relative(process.cwd(), f) || f}`);
  // Read and validate all of them first: a typo in the last path should not cost a full run.
  const notebooks: Array<{ file: string; display: string; nb: Notebook }> = files.map((file) => {
    const display = relative(process.cwd(), file) || file;
    try {
      return { file, display, nb: readNotebook(file) };
    } catch (e) {
      if (e instanceof NotebookFormatError) throw new InputError('notebook', `${display}: ${e.message.slice(e.file.length + 2)}`);
      throw e;
    }
  });

  const entries: ReportEntry[] = [];
  const failures: string[] = [];
  const t0 = performance.now();
  // Lanes of one kernel each, made fresh between notebooks; the longest notebooks (by the last
  // report's times) go first, so the lanes end close together.
  const last = previousSeconds(outDir, ROOT);
  // A notebook whose code cells and project inputs are unchanged since its last successful run is not run again (runner/cache.ts).
  const project = projectFingerprint(ROOT);
  const pending: Array<(typeof notebooks)[number] & { fingerprint: string }> = [];
  for (const item of notebooks) {
    const fingerprint = notebookFingerprint(project, item.nb);
    const cached = args.options.fresh || args.options.recompute ? null : cachedRun(outDir, item.file, fingerprint, item.nb);
    if (!cached) {
      pending.push({ ...item, fingerprint });
      continue;
    }
    entries.push({ file: item.file, notebook: cached.notebook, seconds: cached.seconds, executedAt: cached.executedAt, reused: true });
    process.stdout.write(`↺ ${item.display}: inputs unchanged since its run of ${cached.executedAt.replace('T', ' ').slice(0, 16)} UTC (${cached.seconds.toFixed(1)} s); outputs reused (--fresh runs it again)\n`);
  }
  const queue = pending.sort((a, b) => (last.get(b.file) ?? 0) - (last.get(a.file) ?? 0));
  const jobs = Math.min(requestedJobs, Math.max(1, queue.length));
  const runLane = async (lane: Lane): Promise<void> => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      const { file, display, nb, fingerprint } = item;
      const code = nb.cells.filter((c) => c.cell_type === 'code').length;
      // One lane prints as it goes; several print each notebook's lines when it ends.
      const held: string[] = [];
      const say = (text: string): void => { if (jobs === 1) process.stdout.write(text); else held.push(text); };
      process.stdout.write(`▶ ${display} (${code} code cell${code === 1 ? '' : 's'})\n`);
      const t = performance.now();
      const run = await lane.run(nb, {
        timeoutMs: timeout * 1000,
        onStart: (e) => say(`  kernel pid ${e.pid} ready in ${e.seconds.toFixed(1)} s${e.reused ? ' (made fresh)' : ''}\n`),
        onCell: quiet ? undefined : (e) => {
          const where = `cell ${String(e.cell).padStart(2)}/${e.total}`;
          if (e.seconds === undefined) {
            // On a terminal with one lane, show the running cell (overwritten when it ends).
            if (process.stdout.isTTY && jobs === 1) process.stdout.write(`  … ${where}           ${e.firstLine}`);
            return;
          }
          const mark = e.status === 'ok' ? '✓' : '✗';
          say(`${process.stdout.isTTY && jobs === 1 ? '\r\x1b[K' : ''}  ${mark} ${where} ${e.seconds.toFixed(2).padStart(6)} s  ${e.firstLine}\n`);
        },
      });
      const seconds = (performance.now() - t) / 1000;
      const executedAt = new Date(Date.now() - seconds * 1000).toISOString();
      entries.push({ file, notebook: run.notebook, failure: run.failure, seconds, executedAt });
      // Kept only if the inputs did not change while it ran (an edit mid-run may have been picked up).
      if (!run.failure && notebookFingerprint(projectFingerprint(ROOT), nb) === fingerprint) storeRun(outDir, file, fingerprint, { notebook: run.notebook, seconds, executedAt });
      if (held.length > 0) process.stdout.write(`${display}:\n${held.join('')}`);
      if (run.failure) {
        const f = run.failure;
        const where = f.cell > 0 ? `cell ${f.cell} (\`${f.firstLine}\`)` : 'kernel';
        const msg = `${display}: ${where} failed:\n${f.message.replace(/^/gm, '    ')}`;
        failures.push(msg);
        process.stderr.write(`✗ ${msg}\n`);
      } else {
        process.stdout.write(`✓ ${display} in ${seconds.toFixed(1)} s${run.cpuSeconds === undefined ? '' : ` (${run.cpuSeconds.toFixed(1)} CPU-s)`}\n`);
      }
    }
    await lane.close();
  };
  const env = args.options.recompute ? { POLYACT_RECOMPUTE: '1' } : undefined;
  await Promise.all(Array.from({ length: jobs }, () => runLane(new Lane({ root: ROOT, env }))));
  writeReport(outDir, mergeManifest(outDir, ROOT, entries));
  const total = (performance.now() - t0) / 1000;
  process.stdout.write(`Report: ${join(relative(process.cwd(), outDir) || '.', 'index.html')} (${notebooks.length} notebook${notebooks.length === 1 ? '' : 's'} in ${total.toFixed(1)} s)\n`);
  if (failures.length > 0) {
    process.stderr.write(`${failures.length} notebook${failures.length === 1 ? '' : 's'} failed:\n${failures.map((m) => `  ${m.split('\n')[0]} ${m.split('\n')[1]?.trim() ?? ''}`).join('\n')}\n`);
    return 1;
  }
  return 0;
}

// Ctrl-C / kill: exit, which reaps the kernel (see runner/kernel.ts); no output file is half-written.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    process.stderr.write(`\nrun-notebooks: interrupted (${signal}); kernel stopped, report not updated\n`);
    process.exit(130);
  });
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
    if (e instanceof InputError) {
      process.stderr.write(`run-notebooks: ${e.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`run-notebooks: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    }
  });
}
