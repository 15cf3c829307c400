/** Runs the CLI's main() in-process, capturing stdout and stderr (no child process per case). */
import { main } from '../../lib/cli/main';

export async function captureMain(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const o = process.stdout.write.bind(process.stdout), e = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string | Uint8Array) => { out += String(s); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => { err += String(s); return true; }) as typeof process.stderr.write;
  try {
    const code = await main(argv);
    return { code, out, err };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
  }
}
