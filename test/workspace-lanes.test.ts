/**
 * The runner's lanes and result cache: a kernel made fresh between notebooks keeps nothing of the
 * previous one (variables, lib/ module state, execution counts), and a notebook is reused only while
 * its code cells and every project input are unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedRun, notebookFingerprint, storeRun } from '../scripts/runner/cache';
import { inputFiles, projectFingerprint } from '../scripts/runner/inputs';
import { FRESH_CELL, Lane } from '../scripts/runner/lane';
import type { Notebook } from '../scripts/runner/notebook';
import { ROOT, runRunner } from './workspace-support';

function nb(...cells: Array<[type: 'code' | 'markdown', source: string]>): Notebook {
  return {
    nbformat: 4, nbformat_minor: 5, metadata: {},
    cells: cells.map(([cell_type, source], i) => (cell_type === 'code'
      ? { cell_type, id: `c${i}`, metadata: {}, source, outputs: [], execution_count: null }
      : { cell_type, id: `c${i}`, metadata: {}, source })),
  } as Notebook;
}

test('lane: the kernel made fresh forgets variables, evaluates lib/ again, counts from 1', { timeout: 180_000 }, async () => {
  // The kernel answers the same cell source (jupyter/kernels/polyact/kernel.js).
  assert.equal((require('../jupyter/kernels/polyact/kernel.js') as { FRESH: string }).FRESH, FRESH_CELL);
  const lane = new Lane({ root: ROOT });
  try {
    const first = await lane.run(nb(['markdown', '# a'], ['code', "import * as pa from './lib/index';\nconst v = 41;\n(globalThis as any).__laneTest = pa.activation;"], ['code', 'v + 1']), { timeoutMs: 120_000 });
    assert.equal(first.failure, undefined, first.failure?.message);
    assert.equal(first.reused, false);
    assert.deepEqual(first.notebook.cells[2].outputs, [{ output_type: 'stream', name: 'stdout', text: '42\n' }]);
    assert.equal(first.notebook.cells[2].execution_count, 2);
    const second = await lane.run(nb(['code', "import * as pa from './lib/index';\n(globalThis as any).__laneTest === pa.activation"], ['code', 'typeof v']), { timeoutMs: 120_000 });
    assert.equal(second.reused, true, 'same kernel, made fresh');
    const same = second.notebook.cells[0];
    assert.equal(same.execution_count, 1);
    assert.deepEqual(same.outputs, [{ output_type: 'stream', name: 'stdout', text: 'false\n' }], 'lib/ modules evaluated again');
    assert.match(second.failure?.message ?? '', /Cannot find name 'v'/, 'variables of the previous notebook are gone');
  } finally {
    await lane.close();
  }
});

test('inputs: the fingerprint follows lib/, data/ and POLYACT_* settings, not outputs or runner limits', () => {
  const root = mkdtempSync(join(tmpdir(), 'polyact-inputs-'));
  try {
    for (const d of ['lib', 'data/results', 'data/mnist']) mkdirSync(join(root, d), { recursive: true });
    writeFileSync(join(root, 'lib', 'a.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'data', 'mnist', 'w.json'), '[1]');
    writeFileSync(join(root, 'data', 'results', 'table1.csv'), 'x\n');
    writeFileSync(join(root, 'package-lock.json'), '{}');
    assert.deepEqual(inputFiles(root), ['data/mnist/w.json', 'lib/a.ts', 'package-lock.json']);
    const env = { POLYACT_CELL_TIMEOUT: '10', HOME: '/x' };
    const base = projectFingerprint(root, undefined, env);
    assert.match(base, /^[0-9a-f]{64}$/);
    writeFileSync(join(root, 'data', 'results', 'table1.csv'), 'y\n');
    writeFileSync(join(root, 'lib', 'a.ts.123.tmp'), 'half');
    assert.equal(projectFingerprint(root, undefined, { ...env, POLYACT_CELL_TIMEOUT: '99', HOME: '/y' }), base, 'outputs, temp files, limits and other variables do not count');
    assert.notEqual(projectFingerprint(root, undefined, { ...env, POLYACT_CHROMIUM: '/none' }), base);
    writeFileSync(join(root, 'data', 'mnist', 'w.json'), '[2]');
    const dataEdit = projectFingerprint(root, undefined, env);
    assert.notEqual(dataEdit, base);
    writeFileSync(join(root, 'lib', 'a.ts'), 'export const a = 2;\n');
    assert.notEqual(projectFingerprint(root, undefined, env), dataEdit);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('cache: code cells count, Markdown does not; a stored run lends its outputs to the current cells', () => {
  const out = mkdtempSync(join(tmpdir(), 'polyact-cache-'));
  try {
    const a = nb(['markdown', '# old title'], ['code', '1 + 1']);
    const fp = notebookFingerprint('p', a);
    assert.equal(notebookFingerprint('p', nb(['markdown', '# new title'], ['code', '1 + 1'])), fp);
    assert.notEqual(notebookFingerprint('p', nb(['markdown', '# old title'], ['code', '1 + 2'])), fp);
    assert.notEqual(notebookFingerprint('q', a), fp, 'the project fingerprint counts');
    const executed = nb(['markdown', '# old title'], ['code', '1 + 1']);
    (executed.cells[1] as { outputs: unknown[]; execution_count: number }).outputs = [{ output_type: 'execute_result', data: { 'text/plain': '2' }, metadata: {}, execution_count: 1 }];
    (executed.cells[1] as { execution_count: number }).execution_count = 1;
    storeRun(out, 'notebooks/a.ipynb', fp, { notebook: executed, seconds: 1.5, executedAt: '2026-12-01T10:00:00.000Z' });
    const edited = nb(['markdown', '# new title'], ['code', '1 + 1']);
    const hit = cachedRun(out, 'notebooks/a.ipynb', fp, edited);
    assert.ok(hit);
    assert.equal(hit.seconds, 1.5);
    assert.equal(hit.executedAt, '2026-12-01T10:00:00.000Z');
    assert.equal(hit.notebook.cells[0].source, '# new title', 'Markdown as it is now');
    assert.deepEqual((hit.notebook.cells[1] as { outputs: unknown[] }).outputs, (executed.cells[1] as { outputs: unknown[] }).outputs);
    assert.equal(cachedRun(out, 'notebooks/a.ipynb', 'other', edited), null);
    assert.equal(cachedRun(out, 'notebooks/b.ipynb', fp, edited), null);
    writeFileSync(join(out, 'cache', 'a.json'), '{"format":');
    assert.equal(cachedRun(out, 'notebooks/a.ipynb', fp, edited), null, 'a damaged entry is a miss');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('runner: an unchanged notebook is reused, --fresh runs it, a failed one always runs again', { timeout: 240_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'polyact-reuse-'));
  try {
    const file = (name: string, code: string): string => {
      const path = join(dir, `${name}.ipynb`);
      writeFileSync(path, JSON.stringify(nb(['markdown', `# ${name}`], ['code', code])));
      return path;
    };
    const ok = file('ok', '6 * 7'), bad = file('bad', 'throw new Error("boom")');
    const out = join(dir, 'out');
    const first = await runRunner([ok, bad, '--out', out]);
    assert.equal(first.code, 1, first.stderr);
    assert.match(first.stdout, /✓ .*ok\.ipynb in /);
    const second = await runRunner([ok, bad, '--out', out]);
    assert.equal(second.code, 1);
    assert.match(second.stdout, /↺ .*ok\.ipynb: inputs unchanged since its run of \d{4}-\d\d-\d\d \d\d:\d\d UTC \(\d+\.\d s\); outputs reused/);
    assert.match(second.stderr, /bad\.ipynb: cell 2 .*failed:\n {4}Error: boom/, 'the failed notebook ran again');
    const executed = JSON.parse(readFileSync(join(out, 'notebooks', 'ok.ipynb'), 'utf8'));
    assert.deepEqual(executed.cells[1].outputs, [{ output_type: 'stream', name: 'stdout', text: '42\n' }]);
    assert.match(readFileSync(join(out, 'ok.html'), 'utf8'), /run \d{4}-\d\d-\d\d \d\d:\d\d UTC, \d+\.\d s; inputs unchanged since: outputs reused/);
    const fresh = await runRunner([ok, '--out', out, '--fresh']);
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.match(fresh.stdout, /✓ .*ok\.ipynb in /);
    writeFileSync(ok, JSON.stringify(nb(['markdown', '# ok'], ['code', '6 * 8'])));
    const edited = await runRunner([ok, '--out', out]);
    assert.match(edited.stdout, /✓ .*ok\.ipynb in /, 'an edited code cell runs it again');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
