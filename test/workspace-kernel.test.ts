/**
 * The tslab kernel through our Jupyter client, and the runner's failure handling: each case ends
 * with a clear message, a non-zero exit, the kernel reaped and no half-written output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kernel } from '../scripts/runner/kernel';
import { cellTimeoutMs } from '../scripts/runner/execute';
import { PLOTLY_INIT_METADATA, PLOTLY_MIME } from '../lib/display/plot';
import { goneWithin, kernelPids, processesWithEnv, ROOT, runRunner } from './workspace-support';

function notebook(...code: string[]): string {
  return JSON.stringify({
    nbformat: 4, nbformat_minor: 5, metadata: {},
    cells: [{ cell_type: 'markdown', metadata: {}, source: '# t' }, ...code.map((c) => ({ cell_type: 'code', metadata: {}, source: c, outputs: [], execution_count: null }))],
  });
}

test('kernel: multi-MIME bundles from lib/display, execution counts, and lib edits picked up by the next cell', async () => {
  // A module under the project root (rootDir) but in the ignored out/ folder.
  const dir = join(ROOT, 'out', `.kernel-test-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'm.ts'), 'export const v: number = 1;\n');
  const kernel = await Kernel.start({ root: ROOT });
  try {
    const imp = await kernel.execute(`import * as d from './lib/display/index';\nimport * as m from './out/.kernel-test-${process.pid}/m';\nconsole.log('v', m.v);`, 60_000);
    assert.equal(imp.status, 'ok', imp.stderr);
    assert.equal(imp.executionCount, 1);
    assert.deepEqual(imp.outputs, [{ output_type: 'stream', name: 'stdout', text: 'v 1\n' }]);

    const p = await kernel.execute("d.plot({ data: [{ y: [1, 2] }, { y: [3, 1] }], layout: { title: { text: 't' } } });", 30_000);
    assert.equal(p.status, 'ok', p.stderr);
    assert.equal(p.executionCount, 2);
    assert.equal(p.outputs.length, 1, 'one bundle, no plotly.js injection');
    const [fig] = p.outputs as Array<{ output_type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }>;
    assert.equal(fig.metadata[PLOTLY_INIT_METADATA], undefined);
    assert.equal(fig.output_type, 'display_data');
    assert.deepEqual(Object.keys(fig.data).sort(), [PLOTLY_MIME, 'text/html', 'text/plain'].sort());
    assert.deepEqual((fig.data[PLOTLY_MIME] as { data: unknown[] }).data, [{ y: [1, 2] }, { y: [3, 1] }]);

    const t = await kernel.execute("d.table([{ f: 'relu', rho: 0.09251234 }]);", 30_000);
    const tab = t.outputs[0] as { data: Record<string, string> };
    assert.deepEqual(Object.keys(tab.data).sort(), ['text/html', 'text/markdown', 'text/plain']);
    assert.match(tab.data['text/html'], /<td style="text-align:right">0\.09251<\/td>/);

    // An edit of a library file is picked up by the next cell (no rebuild, no restart): the modules
    // earlier cells imported are imported again first, and the cell says so.
    writeFileSync(join(dir, 'm.ts'), 'export const v: number = 2;\n');
    const again = await kernel.execute(`import * as m2 from './out/.kernel-test-${process.pid}/m';\nconsole.log('v', m2.v, m.v);`, 60_000);
    assert.deepEqual(again.outputs, [
      { output_type: 'stream', name: 'stderr', text: `out/.kernel-test-${process.pid}/m.ts changed: imported again (values computed before keep the old code)\n` },
      { output_type: 'stream', name: 'stdout', text: 'v 2 2\n' },
    ]);
  } finally {
    await kernel.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(kernel.alive, false);
  assert.ok(kernel.pid !== undefined && await goneWithin(kernel.pid), 'kernel process reaped');
});

test('runner: compile error, thrown error, hang past the timeout, kernel death -> named failures, exit 1, kernels reaped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'polyact-bad-'));
  try {
    writeFileSync(join(dir, 'a-compile.ipynb'), notebook('const a = 1;', 'const b: number = "x";', 'console.log("never")'));
    writeFileSync(join(dir, 'b-throw.ipynb'), notebook('const f = (x: number) => { throw new RangeError("x too big: " + x); };\nf(3);'));
    writeFileSync(join(dir, 'c-hang.ipynb'), notebook('console.log("start")', 'while (true) {}'));
    writeFileSync(join(dir, 'd-die.ipynb'), notebook('process.exit(3)'));
    const out = join(dir, 'out');
    const r = await runRunner([...['a-compile', 'b-throw', 'c-hang', 'd-die'].map((n) => join(dir, `${n}.ipynb`)), '--timeout', '3', '--out', out]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /a-compile\.ipynb: cell 3 \(`const b: number = "x";`\) failed:\n {4}1:7 - Type 'string' is not assignable to type 'number'\./);
    assert.match(r.stderr, /b-throw\.ipynb: cell 2 \(`const f = \(x: number\) => .*`\) failed:\n {4}RangeError: x too big: 3\n/);
    assert.match(r.stderr, /c-hang\.ipynb: cell 3 \(`while \(true\) \{\}`\) failed:\n {4}cell timed out after 3 s \(kernel killed\)/);
    assert.match(r.stderr, /d-die\.ipynb: cell 2 \(`process\.exit\(3\)`\) failed:\n {4}kernel died \(exit code 3\)/);
    assert.match(r.stderr, /4 notebooks failed:/);
    const pids = kernelPids(r.stdout);
    assert.equal(pids.length, 4, 'one kernel line per notebook');
    for (const pid of new Set(pids)) assert.ok(await goneWithin(pid), `kernel ${pid} reaped`);
    // Two lanes: a kernel whose notebook failed without killing it is made fresh for the lane's
    // next notebook; one killed (the hang) or dead is replaced.
    assert.ok((r.stdout.match(/\(made fresh\)/g) ?? []).length >= 1, r.stdout);
    assert.ok(new Set(pids).size >= 2, r.stdout);
    // The report still records what ran: executed copies with the error as an nbformat error output.
    const a = JSON.parse(readFileSync(join(out, 'notebooks', 'a-compile.ipynb'), 'utf8'));
    assert.equal(a.cells[1].execution_count, 1);
    assert.deepEqual(a.cells[2].outputs.at(-1), { output_type: 'error', ename: 'CompileError', evalue: "1:7 - Type 'string' is not assignable to type 'number'.", traceback: ["1:7 - Type 'string' is not assignable to type 'number'."] });
    assert.deepEqual(a.cells[3].outputs, [], 'cells after the failure are not run');
    const b = JSON.parse(readFileSync(join(out, 'notebooks', 'b-throw.ipynb'), 'utf8'));
    assert.deepEqual([b.cells[1].outputs.at(-1).ename, b.cells[1].outputs.at(-1).evalue], ['RangeError', 'x too big: 3']);
    const c = JSON.parse(readFileSync(join(out, 'notebooks', 'c-hang.ipynb'), 'utf8'));
    assert.equal(c.cells[1].execution_count, 1, 'counts start at 1 in a kernel made fresh');
    assert.match(readFileSync(join(out, 'index.html'), 'utf8'), /c-hang\.html">c-hang<\/a><\/td><td>t<\/td><td><span class="fail">failed at cell 3/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runner: unknown path, malformed JSON, bad option or timeout -> one line, exit 2, nothing written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'polyact-bad-'));
  try {
    writeFileSync(join(dir, 'm.ipynb'), '{"nbformat": 4, "cells": [');
    writeFileSync(join(dir, 'ok.ipynb'), notebook('1'));
    const out = join(dir, 'out');
    const cases: Array<[string[], RegExp]> = [
      [[join(dir, 'ok.ipynb'), join(dir, 'nope.ipynb')], /^run-notebooks: notebook: .*nope\.ipynb: no such notebook\n$/],
      [[join(dir, 'm.ipynb')], /^run-notebooks: notebook: .*m\.ipynb: malformed \.ipynb JSON \(.*\)\n$/],
      [[join(dir, 'ok.txt')], /^run-notebooks: notebook: expected a \.ipynb file, got .*ok\.txt\n$/],
      [['--timeout=0'], /^run-notebooks: --timeout: expected a positive number of seconds, got 0\n$/],
      [['--bogus'], /^run-notebooks: --bogus: unknown option/],
    ];
    for (const [args, re] of cases) {
      const r = await runRunner([...args, '--out', out]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, re);
      assert.equal(r.stdout, '');
    }
    const env = await runRunner([join(dir, 'ok.ipynb'), '--out', out], { env: { POLYACT_CELL_TIMEOUT: 'soon' } });
    assert.equal(env.code, 2);
    assert.equal(env.stderr, "run-notebooks: POLYACT_CELL_TIMEOUT: expected a positive number of seconds, got 'soon'\n");
    assert.ok(!existsSync(out), 'no output written');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runner: Ctrl-C (SIGINT) stops the run, reaps the kernel, leaves the report untouched', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'polyact-int-'));
  try {
    writeFileSync(join(dir, 'hang.ipynb'), notebook('while (true) {}'));
    const out = join(dir, 'out');
    let sent = false;
    const r = await runRunner([join(dir, 'hang.ipynb'), '--out', out], {
      onStdout: (text, child) => {
        if (!sent && /kernel pid \d+ ready/.test(text)) {
          sent = true;
          setTimeout(() => child.kill('SIGINT'), 500);
        }
      },
    });
    assert.equal(r.code, 130, r.stderr);
    assert.match(r.stderr, /interrupted \(SIGINT\); kernel stopped/);
    const [pid] = kernelPids(r.stdout);
    assert.ok(pid > 0 && await goneWithin(pid), 'kernel reaped');
    assert.ok(!existsSync(out), 'no report written');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('kernel: exits by itself when the runner is SIGKILLed, even in a synchronous loop (no orphan kernels)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'polyact-orphan-'));
  try {
    // Two notebooks on two lanes: the first one's kernel loops forever in a cell, the other lane's ends.
    writeFileSync(join(dir, 'a-loop.ipynb'), notebook('while (true) {}'));
    writeFileSync(join(dir, 'b-next.ipynb'), notebook('1'));
    let sent = false;
    let started: number[] = [];
    const mark = `orphan-${process.pid}`;
    const r = await runRunner([join(dir, 'a-loop.ipynb'), join(dir, 'b-next.ipynb'), '--out', join(dir, 'out')], {
      env: { POLYACT_TEST_MARK: mark },
      onStdout: (text, child) => {
        if (!sent && /kernel pid \d+ ready/.test(text)) {
          sent = true;
          // Every process the runner started carries the mark in its environment (the claimed spare took the launcher's).
          setTimeout(() => { started = processesWithEnv('POLYACT_TEST_MARK', mark).filter((p) => p !== child.pid); child.kill('SIGKILL'); }, 1000);
        }
      },
    });
    assert.equal(r.signal, 'SIGKILL');
    // The kernel checks its parent on a worker thread, which runs while the main thread loops.
    // Clean up whatever survived.
    const pids = [...new Set([...kernelPids(r.stdout), ...started])];
    assert.ok(started.length >= 1, `the looping kernel: ${started.join(' ')}\n${r.stdout}`);
    const survivors: number[] = [];
    for (const pid of pids) if (!(await goneWithin(pid, 5000))) survivors.push(pid);
    for (const pid of survivors) process.kill(pid, 'SIGKILL');
    assert.deepEqual(survivors, [], 'orphaned kernels exited');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('launcher: refuses an unpatched tslab, and a missing one, with the command that fixes it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'polyact-unpatched-'));
  try {
    cpSync(join(ROOT, 'jupyter'), join(dir, 'jupyter'), { recursive: true });
    const launch = join(dir, 'jupyter', 'kernels', 'polyact', 'launch.js');
    const missing = spawnSync(process.execPath, [launch, join(dir, 'connection.json')], { encoding: 'utf8' });
    assert.equal(missing.status, 1);
    assert.equal(missing.stderr, `polyact kernel: ${join(dir, 'node_modules', 'tslab', 'dist', 'converter.js')} not found; run \`npm ci\` in ${dir} first\n`);
    mkdirSync(join(dir, 'node_modules', 'tslab', 'dist'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'tslab', 'dist', 'converter.js'), '"use strict";\nexports.createConverter = createConverter;\n');
    const unpatched = spawnSync(process.execPath, [launch, join(dir, 'connection.json')], { encoding: 'utf8' });
    assert.equal(unpatched.status, 1);
    assert.match(unpatched.stderr, /^polyact kernel: node_modules\/tslab is installed without the project's patch \(patches\/tslab\+1\.0\.22\.patch: .*\); run `npm ci` \(or `npx patch-package`\) in /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runner: a cell may ask for a longer time limit in its metadata, never a shorter one', () => {
  assert.equal(cellTimeoutMs({ metadata: {} }, 300000), 300000);
  assert.equal(cellTimeoutMs({ metadata: { polyact: { timeoutSeconds: 1800 } } }, 300000), 1800000);
  assert.equal(cellTimeoutMs({ metadata: { polyact: { timeoutSeconds: 10 } } }, 300000), 300000);
  assert.equal(cellTimeoutMs({ metadata: { polyact: { timeoutSeconds: 'x' } } }, 300000), 300000);
});
