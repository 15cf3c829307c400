/**
 * The source files a computation is built from: the module graph of its entry files as esbuild
 * resolves them (packages excluded; their versions are in package-lock.json). A result stored
 * with a hash of these files is invalidated by an edit anywhere in that graph, and by nothing else.
 */
import { buildSync } from 'esbuild';
import { join, resolve } from 'node:path';

/** The project root (where package.json is). */
export const PROJECT_ROOT = resolve(__dirname, '..', '..');

/** Every source file reachable from `entries` (paths relative to the root, '/'-separated, sorted). */
export function moduleGraph(entries: readonly string[]): string[] {
  const result = buildSync({
    entryPoints: entries.map((e) => join(PROJECT_ROOT, e)), bundle: true, outdir: 'unused', write: false, metafile: true,
    platform: 'node', packages: 'external', logLevel: 'silent', absWorkingDir: PROJECT_ROOT,
  });
  return Object.keys(result.metafile!.inputs).sort();
}
