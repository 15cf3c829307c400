/**
 * Output files are written to a temporary sibling and renamed into place, so a crash or Ctrl-C
 * never leaves a half-written file behind (reports, notebooks, stored weights).
 */
import { copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Run `write` on a temp file in the same folder as `file`, then rename it into place. */
function atomically(file: string, write: (tmp: string) => void): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    write(tmp);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Write `data` to `file` atomically (temp file in the same folder, then rename). */
export function writeFileAtomic(file: string, data: string | Buffer): void {
  atomically(file, (tmp) => writeFileSync(tmp, data));
}

/** Copy `from` to `to` atomically. */
export function copyFileAtomic(from: string, to: string): void {
  atomically(to, (tmp) => copyFileSync(from, tmp));
}
