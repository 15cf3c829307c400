/**
 * Executed notebooks kept with the fingerprint of their inputs (<out>/cache/<name>.json): the
 * notebook's code cells plus everything its numbers can depend on (inputs.ts). A notebook whose
 * fingerprint is unchanged since its last successful run is not run again; its outputs are reused
 * (the report says so, and when they were computed), so `npm start` after an edit of one notebook
 * runs that notebook only. Any edit under lib/ or data/ runs them all. Failed runs are not kept.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './files';
import { sourceText, type Notebook } from './notebook';
import { notebookName } from './report';

const FORMAT = 'polyact-notebook-cache-1';

export interface CachedRun {
  /** The executed notebook. */
  notebook: Notebook;
  /** Its wall time then, seconds. */
  seconds: number;
  /** When it ran (ISO 8601). */
  executedAt: string;
}

/** The fingerprint of one notebook's run: the project's (projectFingerprint) and its code cells. */
export function notebookFingerprint(projectFingerprint: string, nb: Notebook): string {
  const h = createHash('sha256').update(FORMAT).update(projectFingerprint);
  for (const c of nb.cells) if (c.cell_type === 'code') h.update('\0').update(sourceText(c));
  return h.digest('hex');
}

function cacheFile(outDir: string, file: string): string {
  return join(outDir, 'cache', `${notebookName(file)}.json`);
}

/**
 * The stored run of `file` if its fingerprint is `fingerprint`, with its outputs put on the cells
 * of `nb` (so edited Markdown shows as it is now); null otherwise.
 */
export function cachedRun(outDir: string, file: string, fingerprint: string, nb: Notebook): CachedRun | null {
  let stored: { format?: string; fingerprint?: string } & Partial<CachedRun>;
  try {
    stored = JSON.parse(readFileSync(cacheFile(outDir, file), 'utf8'));
  } catch {
    return null;
  }
  if (stored.format !== FORMAT || stored.fingerprint !== fingerprint || !stored.notebook || typeof stored.executedAt !== 'string') return null;
  const ran = stored.notebook.cells.filter((c) => c.cell_type === 'code');
  const code = nb.cells.filter((c) => c.cell_type === 'code');
  if (ran.length !== code.length) return null;
  let k = 0;
  const cells = nb.cells.map((c) => (c.cell_type === 'code' ? { ...c, outputs: ran[k].outputs, execution_count: ran[k++].execution_count } : { ...c }));
  return { notebook: { ...nb, cells }, seconds: Number(stored.seconds) || 0, executedAt: stored.executedAt };
}

/** Keep a successful run of `file` under `fingerprint`. */
export function storeRun(outDir: string, file: string, fingerprint: string, run: CachedRun): void {
  writeFileAtomic(cacheFile(outDir, file), JSON.stringify({ format: FORMAT, fingerprint, ...run }));
}
