/**
 * Edits of lib/ reach a running kernel, never stale, over the Jupyter protocol (the runner's client)
 * on a scratch copy of the project: a changed return value deep in lib/ (index -> mid -> deep), a
 * new export, an edited real module, a type error and a syntax error (the import fails with the
 * compiler's file and line and runs nothing), a runtime error (its stack points at the .ts line),
 * and the same through a warm spare kernel edited after it warmed up.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kernel, type ExecuteResult } from '../scripts/runner/kernel';
import { SpareKernels } from '../scripts/runner/spare';
import { goneWithin, ROOT } from './workspace-support';

const IMPORT = "import * as pa from './lib/index';";
/** A second function of lib/probe/deep.ts, once the test has added it. */
const EXTRA = "export function extra(): string {\n  return 'new';\n}\n";

/** A copy of the project (lib/, data/, the kernelspec) sharing node_modules, with a probe chain index -> probe/mid -> probe/deep. */
function scratchProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'polyact-live-'));
  for (const d of ['lib', 'data', 'jupyter']) cpSync(join(ROOT, d), join(dir, d), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  mkdirSync(join(dir, 'lib', 'probe'));
  writeDeep(dir, 'return 1;');
  writeFileSync(join(dir, 'lib', 'probe', 'mid.ts'), "import { deep } from './deep';\n\nexport function probe(): number {\n  return deep() * 10;\n}\n");
  appendFileSync(join(dir, 'lib', 'index.ts'), "export * from './probe/mid';\n");
  return dir;
}

/** lib/probe/deep.ts with `body` on line 2. */
function writeDeep(dir: string, body: string, extra = ''): void {
  writeFileSync(join(dir, 'lib', 'probe', 'deep.ts'), `export function deep(): number {\n  ${body}\n}\n${extra}`);
}

const stdout = (r: ExecuteResult): string => r.outputs.filter((o) => o.output_type === 'stream' && o.name === 'stdout').map((o) => (o as { text: string }).text).join('');

/** A cell expected to fail; then the pause tslab needs before it accepts the next cell (it aborts requests queued within 200 ms of an error). */
async function fails(kernel: Kernel, code: string): Promise<ExecuteResult> {
  const r = await kernel.execute(code, 120_000);
  assert.equal(r.status, 'error', `${code} should fail`);
  await new Promise((resolve) => setTimeout(resolve, 300));
  return r;
}

async function ok(kernel: Kernel, code: string): Promise<ExecuteResult> {
  const r = await kernel.execute(code, 120_000);
  assert.equal(r.status, 'ok', `${code}\n${r.stderr}`);
  return r;
}

test('live edits of lib/ through a running kernel: new values, new exports, compile errors with file and line, never stale code', { timeout: 10 * 60_000 }, async () => {
  const dir = scratchProject();
  const kernel = await Kernel.start({ root: dir });
  try {
    await ok(kernel, IMPORT);
    assert.equal(stdout(await ok(kernel, 'console.log(pa.probe())')), '10\n');

    // Edit the deep function and re-run the import cell at once (no pause): the new code runs.
    writeDeep(dir, 'return 2;');
    assert.equal((await ok(kernel, IMPORT)).stderr, '');
    assert.equal(stdout(await ok(kernel, 'console.log(pa.probe())')), '20\n');

    // Any later cell picks an edit up too: the earlier import runs again first, and the cell says so.
    writeDeep(dir, 'return 3;');
    const next = await ok(kernel, 'console.log(pa.probe())');
    assert.equal(next.stderr, 'lib/probe/deep.ts changed: imported again (values computed before keep the old code)\n');
    assert.equal(stdout(next), '30\n');

    // A new export deep in lib/, re-exported by the middle module, is callable after the import cell.
    writeDeep(dir, 'return 3;', EXTRA);
    appendFileSync(join(dir, 'lib', 'probe', 'mid.ts'), "export { extra } from './deep';\n");
    assert.equal((await kernel.complete('pa.extr', 7))[0], 'extra', 'completion sees the new export at once');
    await ok(kernel, IMPORT);
    assert.equal(stdout(await ok(kernel, 'console.log(pa.extra())')), 'new\n');

    // An edit of a real module of the library (lib/chebyshev.ts, re-exported by lib/index.ts).
    appendFileSync(join(dir, 'lib', 'chebyshev.ts'), '\nexport const liveEditMarker = 42;\n');
    await ok(kernel, IMPORT);
    assert.equal(stdout(await ok(kernel, 'console.log(pa.liveEditMarker, pa.chebyshevExtremePoints(3).length)')), '42 3\n');

    // A type error deep in lib/: the import cell fails with the compiler's file:line, and so does a
    // cell using the earlier import; neither runs the old code.
    writeDeep(dir, "return 'x';", EXTRA);
    const typeError = await fails(kernel, IMPORT);
    assert.match(typeError.stderr, /^lib\/probe\/deep\.ts 2:3 - Type 'string' is not assignable to type 'number'\.$/m);
    const stale = await fails(kernel, 'console.log(pa.probe())');
    assert.match(stale.stderr, /lib\/probe\/deep\.ts 2:3 - Type 'string' is not assignable to type 'number'\./);
    assert.equal(stdout(stale), '', 'no stale result');

    // A changed signature breaks the module importing it: that error is reported too, in mid.ts.
    writeFileSync(join(dir, 'lib', 'probe', 'deep.ts'), `export function deep(k: number): number {\n  return k;\n}\n${EXTRA}`);
    const importer = await fails(kernel, IMPORT);
    assert.match(importer.stderr, /^lib\/probe\/mid\.ts 4:10 - Expected 1 arguments, but got 0\.$/m);

    // A syntax error: the same, with the parser's message.
    writeDeep(dir, 'return (4;', EXTRA);
    const syntaxError = await fails(kernel, IMPORT);
    assert.match(syntaxError.stderr, /^lib\/probe\/deep\.ts 2:12 - '\)' expected\.$/m);
    assert.equal(stdout(syntaxError), '');

    // Fixed: the new value.
    writeDeep(dir, 'return 5;', EXTRA);
    await ok(kernel, IMPORT);
    assert.equal(stdout(await ok(kernel, 'console.log(pa.probe())')), '50\n');

    // A runtime error in lib/: the stack trace names the TypeScript file and line.
    writeDeep(dir, "throw new RangeError('deep failure');", EXTRA);
    await ok(kernel, IMPORT);
    const thrown = await fails(kernel, 'pa.probe()');
    assert.match(thrown.stderr, /RangeError: deep failure/);
    assert.match(thrown.stderr, /lib\/probe\/deep\.ts:2:/);
  } finally {
    await kernel.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a warm spare kernel picks up lib/ edits made after it warmed up, is interrupted through its launcher, and is reaped', { timeout: 10 * 60_000 }, async () => {
  const dir = scratchProject();
  const spares = new SpareKernels({ root: dir });
  try {
    spares.prepare();
    assert.equal(await spares.ready(), true, 'the spare warmed up');
    writeDeep(dir, 'return 7;');
    const kernel = await Kernel.start({ root: dir, env: spares.env });
    const spare = spares.claimedBy(kernel.pid);
    assert.ok(spare !== undefined, 'the launcher claimed the spare');
    await ok(kernel, IMPORT);
    // It runs in the spare process, with the launcher's environment.
    const where = await ok(kernel, 'console.log(pa.probe(), process.pid, process.env.POLYACT_SPARE_DIR)');
    assert.equal(stdout(where), `70 ${spare} ${spares.dir}\n`);
    // Interrupt (Jupyter sends SIGINT to the launcher): the spare's cell stops, the kernel lives on.
    const loop = kernel.execute('while (true) {}', 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    process.kill(kernel.pid!, 'SIGINT');
    const interrupted = await loop;
    assert.equal(interrupted.status, 'error');
    assert.match(interrupted.stderr, /Script execution was interrupted/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(stdout(await ok(kernel, 'console.log(pa.probe() + 1)')), '71\n');
    await kernel.shutdown();
    assert.ok(await goneWithin(spare, 10_000), 'the claimed spare exited with its kernel');
  } finally {
    await spares.close();
    rmSync(dir, { recursive: true, force: true });
  }
  for (const pid of spares.pids) assert.ok(await goneWithin(pid, 5000), `spare ${pid} reaped`);
});
