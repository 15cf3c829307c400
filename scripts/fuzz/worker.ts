/**
 * worker_threads entry of the fuzzer: `{ id, command, argv }` runs one case (in-process through
 * main(), or the command module's own `execute`) and answers `{ id, code, out, err, ms }`. An
 * exception escaping main() is itself a result (exit 1 with its stack) - the classifier calls it
 * a defect. The parent terminates the worker when a case outlives the watchdog. It announces
 * `{ ready: true, tid }` once every command is loaded (warm-up is not charged to a case); `tid`
 * is its Linux thread id, for the pool's CPU-time watchdog.
 */
import { readlinkSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { captureMain } from './capture';
import { COMMANDS } from './commands/index';

if (parentPort) {
  const port = parentPort;
  // Load and compile every command (and mathjs) before the first case: a cold start under load
  // takes seconds, which must not count against a case's watchdog. `ready` goes out when done.
  void (async () => {
    for (const c of COMMANDS) if (!c.execute) await captureMain([c.name, '--help']);
    // A formula (mathjs) and a fit every version of the CLI finishes at once.
    await captureMain(['fit', '--fn', 'x^2 + 1', '--method', 'chebyshev', '--degree', '2', '--grid', '11']);
    // The thread id lets the pool read this thread's CPU time (Linux: /proc/self/task/<tid>/stat).
    let tid: number | undefined;
    try { tid = Number(readlinkSync('/proc/thread-self').split('/').pop()); } catch { tid = undefined; }
    port.postMessage({ ready: true, tid });
  })();
  port.on('message', async (m: { id: number; command: string; argv: string[] }) => {
    const t0 = performance.now();
    const cmd = COMMANDS.find((c) => c.name === m.command);
    let r: { code: number; out: string; err: string };
    try {
      r = cmd?.execute ? await cmd.execute(m.argv) : await captureMain([m.command, ...m.argv]);
    } catch (e) {
      r = { code: 1, out: '', err: `uncaught: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n` };
    }
    port.postMessage({ id: m.id, ...r, ms: performance.now() - t0 });
  });
}
