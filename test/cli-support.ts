/** Runs the CLI's main() in-process, capturing stdout and stderr (fast; no child process per case). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { captureMain } from '../scripts/fuzz/capture';

/** main(argv) in-process with stdout and stderr captured: the fuzzer's capture, shared. */
export const runCli = captureMain;

/**
 * Runs the real binary (bin/polyact.js) in a child process. Needed for commands that await long
 * asynchronous work (SEAL): node's test runner reports over this process's stdout meanwhile, so an
 * in-process capture would interleave its messages with the command's output.
 */
export function runBinary(argv: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(__dirname, '..', 'bin', 'polyact.js'), ...argv], { encoding: 'utf8' });
  return { code: r.status ?? 1, out: r.stdout, err: r.stderr };
}
