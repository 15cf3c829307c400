/**
 * The worker pool across a reload of lib/ (a notebook kernel imports lib/ again after an edit, which
 * runs pool.ts again): the new module instance starts its own workers (they load the edited code),
 * and the previous instance's idle workers are terminated instead of lingering.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Pool from '../lib/network/pool';
import type { NetworkModel } from '../lib/network/forward';

const POOL = require.resolve('../lib/network/pool');

/** A fresh instance of pool.ts, as a kernel's reload of lib/ gives. */
function loadPool(): typeof Pool {
  delete require.cache[POOL];
  return require(POOL) as typeof Pool;
}

const threads = (): number => readdirSync('/proc/self/task').length;

test('a reloaded pool.ts starts fresh workers and terminates the idle workers of the previous instance', { skip: !existsSync('/proc/self/task') && 'needs /proc' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'polyact-pool-'));
  // A stand-in worker speaking the pool's protocol: answers each chunk with its chunk number.
  const script = join(dir, 'echo-worker.js');
  writeFileSync(script, `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => { if (!('model' in m)) parentPort.postMessage({ run: m.run, result: { chunk: m.chunk } }); });\n`);
  const model = {} as NetworkModel;
  const run = async (pool: typeof Pool): Promise<number[]> => {
    const chunks: number[] = [];
    await pool.runOnWorkers(script, model, 1, 3, () => 1, 1, (r) => chunks.push((r as unknown as { chunk: number }).chunk));
    return chunks.sort();
  };
  try {
    const first = loadPool();
    assert.deepEqual(await run(first), [0, 1, 2]);
    assert.equal(first.workerPoolSize(), 1);
    const withOld = threads();

    const second = loadPool();
    assert.equal(first.workerPoolSize(), 0, 'the previous instance gave its workers up');
    const deadline = Date.now() + 5000;
    while (threads() >= withOld && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.ok(threads() < withOld, 'the idle worker thread ended');

    assert.deepEqual(await run(second), [0, 1, 2]);
    assert.equal(second.workerPoolSize(), 1);
    await second.closeWorkerPool();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
