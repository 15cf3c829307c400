/**
 * Stored private-inference runs. A full encrypted batch costs minutes of CPU; notebook 10 (and so
 * `npm start` and the report) would pay them on every run although nothing changed. A stored run
 * is reused only when it was produced by exactly the code and options at hand: its fingerprint is
 * the SHA-256 of the options, of every source file `polyact infer` is built from (the module graph
 * of lib/cli/infer.ts and of the worker threads' entries as esbuild resolves them, so an edit anywhere in that graph invalidates it),
 * and of the installed SEAL version. Otherwise the run is done again and stored, so a stored
 * report is never stale. `fresh: true` forces a new run.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../files';
import { moduleGraph, PROJECT_ROOT as ROOT } from '../../store/sources';
import { inferArguments, privateInferenceProcess, type InferenceProcessOptions } from './process';
import type { InferenceReport } from './report';

/** Where stored runs live (committed, so a fresh clone reuses them while the code is unchanged). */
export const STORED_RUNS_DIR = join(ROOT, 'data', 'runs');
const FORMAT = 'polyact-stored-inference-1';

export interface StoredRun {
  readonly format: string;
  readonly fingerprint: string;
  readonly arguments: readonly string[];
  /** When and under which load the run was measured (its times are from then). */
  readonly measured: { readonly date: string; readonly loadAverage: number };
  readonly report: InferenceReport;
}

export interface StoredInference {
  readonly report: InferenceReport;
  /** 'stored' when reused, 'computed' when run now (and stored). */
  readonly source: 'stored' | 'computed';
  readonly measured: StoredRun['measured'];
  readonly file: string;
}

/** The source files `polyact infer` is built from, relative to the root, sorted. */
export function inferenceSources(): string[] {
  // The worker threads load worker.ts by path: an entry of its own.
  return moduleGraph(['lib/cli/infer.ts', 'lib/he/inference/worker.ts']);
}

/** SHA-256 over the options, the sources of `polyact infer` and the installed node-seal version. */
export function inferenceFingerprint(options: InferenceProcessOptions): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(inferArguments(options)));
  for (const f of inferenceSources()) h.update(`\0${f}\0`).update(readFileSync(join(ROOT, f)));
  // Trained weights are read at run time, not imported: their files count when they are used.
  if (inferArguments(options).includes('trained')) for (const f of ['trained.json', 'finetuned.json']) h.update(readFileSync(join(ROOT, 'data', 'mnist', f)));
  h.update(String((JSON.parse(readFileSync(join(ROOT, 'node_modules', 'node-seal', 'package.json'), 'utf8')) as { version: string }).version));
  return h.digest('hex');
}

/** Where the run for these options is stored (named by the options). */
export function storedRunFile(options: InferenceProcessOptions, dir = STORED_RUNS_DIR): string {
  return join(dir, `infer-${createHash('sha256').update(JSON.stringify(inferArguments(options))).digest('hex').slice(0, 16)}.json`);
}

/** The stored run for these options when its fingerprint matches the code at hand, else undefined. */
export function reusableRun(options: InferenceProcessOptions, dir = STORED_RUNS_DIR): StoredRun | undefined {
  const file = storedRunFile(options, dir);
  if (!existsSync(file)) return undefined;
  const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredRun;
  return stored.format === FORMAT && stored.fingerprint === inferenceFingerprint(options) ? stored : undefined;
}

/** The stored run for these options if it is reusable, else a new run (stored for next time). */
export async function storedInference(options: InferenceProcessOptions, settings: { fresh?: boolean; dir?: string } = {}): Promise<StoredInference> {
  const file = storedRunFile(options, settings.dir);
  const stored = settings.fresh ? undefined : reusableRun(options, settings.dir);
  if (stored) return { report: stored.report, source: 'stored', measured: stored.measured, file };
  const fingerprint = inferenceFingerprint(options);
  const report = await privateInferenceProcess(options);
  const measured = { date: new Date().toISOString(), loadAverage: Number(loadavg()[0].toFixed(2)) };
  const run: StoredRun = { format: FORMAT, fingerprint, arguments: inferArguments(options), measured, report };
  writeFileAtomic(file, JSON.stringify(run, null, 1) + '\n');
  return { report, source: 'computed', measured, file };
}

/** One line for a notebook: where the report comes from and when it was measured. */
export function storedRunNote(run: StoredInference): string {
  const file = run.file.startsWith(ROOT) ? run.file.slice(ROOT.length + 1) : run.file;
  const when = `${run.measured.date.slice(0, 16).replace('T', ' ')} UTC at load ${run.measured.loadAverage}`;
  return run.source === 'stored'
    ? `*Stored run \`${file}\`, measured ${when}: reused because the options and every source file of \`polyact infer\` are unchanged (pass \`{ fresh: true }\` to run it again).*`
    : `*Run now (${when}) and stored in \`${file}\` for the next run with unchanged code.*`;
}
