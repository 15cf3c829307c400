/** Runs the CLI's main() in-process, capturing stdout and stderr (fast; no child process per case). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../lib/cli/main';

export async function runCli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const o = process.stdout.write.bind(process.stdout), e = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => { out += s; return true; }) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => { err += s; return true; }) as typeof process.stderr.write;
  try {
    const code = await main(argv);
    return { code, out, err };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
  }
}

/**
 * Runs the real binary (bin/polyact.js) in a child process. Needed for commands that await long
 * asynchronous work (SEAL): node's test runner reports over this process's stdout meanwhile, so an
 * in-process capture would interleave its messages with the command's output.
 */
export function runBinary(argv: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(__dirname, '..', 'bin', 'polyact.js'), ...argv], { encoding: 'utf8' });
  return { code: r.status ?? 1, out: r.stdout, err: r.stderr };
}
