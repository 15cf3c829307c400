/**
 * out/report.json remembers which notebooks the report holds, so `npm start -- one.ipynb` updates
 * that notebook's page without dropping the others from the index. Entries whose source notebook
 * or executed copy no longer exists are dropped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { CellFailure } from './execute';
import { writeFileAtomic } from './files';
import { readNotebook } from './notebook';
import { notebookName, type ReportEntry } from './report';

interface ManifestEntry {
  /** Source notebook, relative to the project root. */
  file: string;
  seconds: number;
  executedAt?: string;
  reused?: boolean;
  failure?: CellFailure;
}

/** This run's entries plus the still-valid earlier ones, in file-name order; rewrites report.json. */
export function mergeManifest(outDir: string, root: string, entries: readonly ReportEntry[]): ReportEntry[] {
  const path = join(outDir, 'report.json');
  const previous = readManifest(outDir);
  const byName = new Map<string, ReportEntry>();
  for (const p of previous) {
    if (typeof p?.file !== 'string') continue;
    const source = resolve(root, p.file);
    const executed = join(outDir, 'notebooks', `${notebookName(p.file)}.ipynb`);
    if (!existsSync(source) || !existsSync(executed)) continue;
    try {
      byName.set(notebookName(p.file), { file: source, notebook: readNotebook(executed), failure: p.failure, seconds: Number(p.seconds) || 0, executedAt: typeof p.executedAt === 'string' ? p.executedAt : undefined, reused: p.reused === true });
    } catch { /* damaged copy: leave it out */ }
  }
  for (const e of entries) byName.set(notebookName(e.file), e);
  const all = [...byName.values()].sort((a, b) => notebookName(a.file).localeCompare(notebookName(b.file)));
  const manifest = { notebooks: all.map((e) => ({ file: relative(root, e.file), seconds: e.seconds, executedAt: e.executedAt, ...(e.reused ? { reused: true } : {}), ...(e.failure ? { failure: e.failure } : {}) })) };
  writeFileAtomic(path, JSON.stringify(manifest, null, 1) + '\n');
  return all;
}

/** The entries of <outDir>/report.json; none on a first run or when it is unreadable (start afresh). */
function readManifest(outDir: string): ManifestEntry[] {
  try {
    const parsed = JSON.parse(readFileSync(join(outDir, 'report.json'), 'utf8')) as { notebooks?: ManifestEntry[] };
    return Array.isArray(parsed.notebooks) ? parsed.notebooks : [];
  } catch {
    return [];
  }
}

/** Seconds each notebook (absolute path) took in the last report, for scheduling; empty without one. */
export function previousSeconds(outDir: string, root: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of readManifest(outDir)) if (typeof e?.file === 'string' && Number.isFinite(e.seconds)) out.set(resolve(root, e.file), e.seconds);
  return out;
}
