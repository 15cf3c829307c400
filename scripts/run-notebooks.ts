/**
 * `npm start [-- notebooks/NN-name.ipynb ...] [--timeout 300] [--out out]`: the headless runner.
 *
 * Executes every notebook in notebooks/ (name order), or the ones given, through the project's tslab
 * kernel over the Jupyter protocol (one kernel per notebook), printing progress per cell, and writes
 * the executed notebooks and the HTML report to out/. A failing cell stops its notebook; the run
 * goes on with the next notebook and exits 1 at the end, naming each failed notebook, cell, first
 * source line and error. Bad arguments or unreadable notebooks: one line on stderr, exit 2.
 */
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { InputError } from '../lib/errors';
import { parseArgs, numberOption, type OptionSpec } from '../lib/cli/args';
import { runNotebook, type RunOptions } from './runner/execute';
import { readNotebook, NotebookFormatError, type Notebook } from './runner/notebook';
import { mergeManifest } from './runner/manifest';
import { writeReport, type ReportEntry } from './runner/report';
import { SpareKernels } from './runner/spare';

const ROOT = resolve(__dirname, '..');

const OPTIONS: readonly OptionSpec[] = [
  { name: 'timeout', type: 'number', description: 'per-cell time limit in seconds (a cell may ask for more: metadata polyact.timeoutSeconds)', default: 300 },
  { name: 'out', type: 'string', description: 'output folder', default: 'out' },
  { name: 'quiet', type: 'flag', description: 'print one line per notebook instead of one per cell' },
  { name: 'help', type: 'flag', description: 'show this help' },
];

const HELP = `Usage: npm start [-- [notebooks/NN-name.ipynb ...] [--timeout <s>] [--out <dir>] [--quiet]]

Executes the notebooks (default: every notebooks/*.ipynb, in name order) through the project's
tslab kernel and writes <out>/index.html, <out>/<name>.html and <out>/notebooks/<name>.ipynb.

${OPTIONS.map((o) => `  --${o.name.padEnd(8)} ${o.description}${o.default !== undefined ? ` (default ${o.default})` : ''}`).join('\n')}

The per-cell limit can also be set with POLYACT_CELL_TIMEOUT (seconds).`;

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
  // One kernel per notebook; the next one warms up (tslab, lib/ compiled and loaded) while the current one runs.
  const spares = new SpareKernels({ root: ROOT });
  spares.prepare();
  for (const [i, { file, display, nb }] of notebooks.entries()) {
    const code = nb.cells.filter((c) => c.cell_type === 'code').length;
    process.stdout.write(`▶ ${display} (${code} code cell${code === 1 ? '' : 's'})\n`);
    const t = performance.now();
    await spares.ready();
    const options: RunOptions = {
      root: ROOT,
      env: spares.env,
      timeoutMs: timeout * 1000,
      onStart: (e) => {
        const spare = spares.claimedBy(e.pid);
        process.stdout.write(`  kernel pid ${e.pid} ready in ${e.seconds.toFixed(1)} s${spare ? ` (warm spare pid ${spare})` : ''}\n`);
        if (i + 1 < notebooks.length) spares.prepare();
      },
      onCell: quiet ? undefined : (e) => {
        const where = `cell ${String(e.cell).padStart(2)}/${e.total}`;
        if (e.seconds === undefined) {
          // On a terminal, show the running cell (overwritten when it ends); logs get one line per cell.
          if (process.stdout.isTTY) process.stdout.write(`  … ${where}           ${e.firstLine}`);
          return;
        }
        const mark = e.status === 'ok' ? '✓' : '✗';
        process.stdout.write(`${process.stdout.isTTY ? '\r\x1b[K' : ''}  ${mark} ${where} ${e.seconds.toFixed(2).padStart(6)} s  ${e.firstLine}\n`);
      },
    };
    const run = await runNotebook(nb, options);
    const seconds = (performance.now() - t) / 1000;
    entries.push({ file, notebook: run.notebook, failure: run.failure, seconds });
    if (run.failure) {
      const f = run.failure;
      const where = f.cell > 0 ? `cell ${f.cell} (\`${f.firstLine}\`)` : 'kernel';
      const msg = `${display}: ${where} failed:\n${f.message.replace(/^/gm, '    ')}`;
      failures.push(msg);
      process.stderr.write(`✗ ${msg}\n`);
    } else {
      process.stdout.write(`✓ ${display} in ${seconds.toFixed(1)} s\n`);
    }
  }
  await spares.close();
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
