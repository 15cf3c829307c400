/**
 * The fingerprint of everything a run's results can depend on: the project's code and data
 * (lib/, data/ but not the export's own output data/results/, bin/, the kernelspec and the tslab
 * patch, the exact package versions, the TypeScript settings), Node's version and platform, and the
 * POLYACT_* environment (which changes what lib/ does). Two runs with the same fingerprint compute
 * the same numbers, so a result stored with its fingerprint can stand in for a new run: it is never
 * stale (seeded randomness everywhere; only measured times differ, and they say when they were taken).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

/** Folders and files of the project that results depend on (relative to the root). */
export const INPUT_PATHS = ['lib', 'data', 'bin', 'jupyter', 'patches', 'package-lock.json', 'tsconfig.json', 'tsconfig.tslab.json'];
/**
 * Under INPUT_PATHS, what is output rather than input: the export's files, and the stored results
 * (lib/store: each is checked against its own fingerprint before it is reused, and a notebook that
 * stores one must not change the fingerprint of the notebooks running beside it).
 */
const NOT_INPUTS = [join('data', 'results'), join('data', 'store')];
/** Environment variables that only limit the runner, not what the results are. */
const NOT_INPUT_ENV = new Set(['POLYACT_CELL_TIMEOUT', 'POLYACT_SPARE_DIR', 'POLYACT_PARENT_PID', 'POLYACT_RECOMPUTE']);

/** Every input file under `root` (relative paths, '/'-separated, sorted). */
export function inputFiles(root: string, paths: readonly string[] = INPUT_PATHS): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    if (NOT_INPUTS.includes(rel)) return;
    const abs = join(root, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs)) if (!name.endsWith('.tmp') && name !== '.ipynb_checkpoints') walk(join(rel, name));
    } else {
      out.push(rel.split(sep).join('/'));
    }
  };
  for (const p of paths) walk(p);
  return out.sort();
}

/** SHA-256 (hex) of the input files' names and contents, the Node version and platform, and the POLYACT_* environment. */
export function projectFingerprint(root: string, paths: readonly string[] = INPUT_PATHS, env: NodeJS.ProcessEnv = process.env): string {
  const h = createHash('sha256');
  for (const f of inputFiles(root, paths)) h.update(`\0${f}\0`).update(readFileSync(join(root, f)));
  h.update(`\0node ${process.version} ${process.platform} ${process.arch}`);
  for (const k of Object.keys(env).filter((k) => k.startsWith('POLYACT_') && !NOT_INPUT_ENV.has(k)).sort()) h.update(`\0${k}=${env[k]}`);
  return h.digest('hex');
}

