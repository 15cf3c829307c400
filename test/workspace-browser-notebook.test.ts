/**
 * The interactive loop in a real browser: `npm run jupyter -- notebook` (Debian's classic Notebook
 * 6.4) on 127.0.0.1, driven in headless Chromium through playwright-core. A notebook with ten charts
 * (in out/, under the server root, so /files/ serves the project's plotly.js) is run with
 * Cell > Run All; every chart must draw an SVG, no cell may show an error; the notebook saved with
 * Ctrl-S must be small and hold no plotly.js; after a reload every chart draws again (the notebook
 * is trusted: the user saved it), and an untrusted copy shows the one-line message in every chart
 * area instead of an empty area. Finally SIGTERM to npm must stop Jupyter, its kernels and the spare
 * kernels: the port is free and no process of the tree is left.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumAvailable, withBrowser } from '../scripts/browser';
import { freePorts } from '../scripts/runner/kernel';
import { PLOTLY_MIME } from '../lib/display/plot';
import { goneWithin, ROOT, skipUnless } from './workspace-support';

const notebookApp = spawnSync('jupyter', ['notebook', '--version'], { encoding: 'utf8' }).status === 0;
const tools = skipUnless({ name: 'Jupyter Notebook', available: notebookApp, install: 'apt-get install -y --no-install-recommends jupyter-notebook' })
  || skipUnless({ name: 'Chromium', available: chromiumAvailable(), install: 'apt-get install -y --no-install-recommends chromium' });

const CHARTS = [
  "pa.plot(pa.activationsFigure(['relu', 'sigmoid', 'tanh'], [-200, 200]));",
  "pa.plot(pa.activationsFigure(['gelu', 'silu'], [-8, 8]));",
  "pa.plot(pa.activationsFigure(['softplus', 'elu', 'leaky_relu'], [-5, 5]));",
  'pa.plot(pa.nodesFigure([-200, 200]));',
  'pa.plot(pa.heCostFigure(16));',
  "pa.plot(pa.methodsFigure('relu', 4, [-200, 200]));",
  "pa.plot(pa.taylorNodesFigure('sigmoid', 4, [-200, 200]));",
  "pa.plot(pa.activationsFigure(['tanh'], [-3, 3]));",
  "pa.plot(pa.methodsFigure('sigmoid', 6, [-8, 8]));",
  "pa.plot(pa.nodeErrorFigure('relu', 4, [-200, 200]));",
];

function notebookJson(markdown = '# Ten charts'): string {
  const code = ["import * as pa from './lib/index';", ...CHARTS];
  return JSON.stringify({
    nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: 'polyact', display_name: 'TypeScript (polyact)', language: 'typescript' } },
    cells: [
      { cell_type: 'markdown', id: 'intro', metadata: {}, source: markdown },
      ...code.map((source, i) => ({ cell_type: 'code', id: `code-${i}`, metadata: {}, source, outputs: [], execution_count: null })),
    ],
  }, null, 1);
}

/** Pids of `pid` and all its descendants (from /proc). */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch { /* exited meanwhile */ }
  }
  const out: number[] = [];
  const walk = (p: number): void => { out.push(p); for (const c of children.get(p) ?? []) walk(c); };
  walk(pid);
  return out;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

async function waitFor(what: string, ms: number, check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Open a notebook page and wait until it is loaded and its kernel connected. */
async function openNotebook(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => {
    const nb = (window as unknown as { Jupyter?: { notebook?: { _fully_loaded?: boolean; kernel?: { is_connected?: () => boolean } } } }).Jupyter?.notebook;
    return nb?._fully_loaded === true && nb.kernel?.is_connected?.() === true;
  }, undefined, { timeout: 120_000 });
}

/** Per chart area of the page: whether it holds a plotly SVG, and its visible message text (if any). */
function chartStates(page: Page): Promise<Array<{ svg: boolean; message: string | null }>> {
  return page.$$eval('.output_area .polyact-plot', (els) => els.map((el) => {
    const m = el.querySelector('.polyact-plot-message') as HTMLElement | null;
    return { svg: el.querySelector('svg.main-svg') !== null, message: m && m.offsetHeight > 0 ? m.textContent : null };
  }));
}

test('Jupyter Notebook in Chromium: Run All draws every chart, the saved notebook is light, charts draw again after a reload, an untrusted copy says why; npm run jupyter stops cleanly', { skip: tools, timeout: 10 * 60_000 }, async () => {
  const folder = join(ROOT, 'out', `browser-test-${process.pid}`, 'notebooks');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'charts.ipynb');
  writeFileSync(file, notebookJson());
  const [port] = await freePorts(1);
  const token = randomBytes(16).toString('hex');
  const server = spawn('npm', ['run', 'jupyter', '--', 'notebook', '--no-browser', '--ip', '127.0.0.1', '--port', String(port), `--NotebookApp.token=${token}`], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' },
  });
  let log = '';
  server.stdout.on('data', (d: Buffer) => { log += d.toString(); });
  server.stderr.on('data', (d: Buffer) => { log += d.toString(); });
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
  let tree: number[] = [];
  try {
    await waitFor(`Jupyter on port ${port}`, 60_000, async () => {
      if (server.exitCode !== null) throw new Error(`npm run jupyter exited:\n${log}`);
      return (await fetch(`http://127.0.0.1:${port}/api/status?token=${token}`).catch(() => null))?.ok === true;
    });
    const url = (f: string): string => `http://127.0.0.1:${port}/notebooks/${relative(ROOT, f).split('/').map(encodeURIComponent).join('/')}?token=${token}`;
    await withBrowser(async (session) => {
      const page = await session.newPage();
      const t0 = Date.now();
      await openNotebook(page, url(file));
      const kernelReady = Date.now() - t0;
      // Cell > Run All, as a user would.
      await page.click('#celllink');
      await page.click('#run_all_cells > a');
      const t1 = Date.now();
      await page.waitForFunction(() => {
        const nb = (window as unknown as { Jupyter: { notebook: { get_cells(): Array<{ cell_type: string; input_prompt_number?: unknown }> } } }).Jupyter.notebook;
        return nb.get_cells().filter((c) => c.cell_type === 'code').every((c) => typeof c.input_prompt_number === 'number');
      }, undefined, { timeout: 240_000 });
      const runAll = Date.now() - t1;
      const errors = await page.$$eval('.output_error, .output_stderr', (els) => els.map((e) => e.textContent));
      assert.deepEqual(errors, [], 'no error or stderr output');
      await page.waitForFunction((n) => document.querySelectorAll('.output_area .polyact-plot svg.main-svg').length >= n, CHARTS.length, { timeout: 60_000 });
      const drawn = await chartStates(page);
      assert.equal(drawn.length, CHARTS.length);
      assert.deepEqual(drawn, CHARTS.map(() => ({ svg: true, message: null })), 'every chart drew, its message removed');
      process.stdout.write(`# browser test: kernel connected ${kernelReady} ms after opening; Run All of ${CHARTS.length + 1} cells in ${runAll} ms\n`);

      // Ctrl-S, then the file on disk: every chart's bundle, no plotly.js.
      const before = statSync(file).mtimeMs;
      await page.keyboard.press('Control+S');
      await waitFor('the save', 30_000, () => statSync(file).mtimeMs !== before);
      await page.waitForFunction(() => (window as unknown as { Jupyter: { notebook: { dirty: boolean } } }).Jupyter.notebook.dirty === false);
      const saved = readFileSync(file, 'utf8');
      const size = Buffer.byteLength(saved);
      process.stdout.write(`# browser test: saved notebook with ${CHARTS.length} charts: ${(size / 1024).toFixed(0)} KB\n`);
      assert.ok(size < 1_000_000, `saved notebook is ${size} bytes`);
      assert.ok(!saved.includes('function(root, factory)') && !/plotly\.js v\d/.test(saved), 'no plotly.js source in the saved notebook');
      const nb = JSON.parse(saved) as { cells: Array<{ outputs?: Array<{ data?: Record<string, unknown> }> }> };
      assert.equal(nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data?.[PLOTLY_MIME]).length, CHARTS.length);

      // Reopen: the user's own saved notebook is trusted, so every chart draws again without re-running.
      await openNotebook(page, url(file));
      assert.equal(await page.evaluate(() => (window as unknown as { Jupyter: { notebook: { trusted: boolean } } }).Jupyter.notebook.trusted), true);
      await page.waitForFunction((n) => document.querySelectorAll('.output_area .polyact-plot svg.main-svg').length >= n, CHARTS.length, { timeout: 60_000 });
      assert.deepEqual(await chartStates(page), CHARTS.map(() => ({ svg: true, message: null })), 'charts drawn again after reload');

      // A copy edited elsewhere (its signature no longer matches) is untrusted: no script runs, and
      // each chart area shows the message instead of staying empty.
      const copy = join(folder, 'charts-untrusted.ipynb');
      const edited = JSON.parse(saved);
      edited.cells[0].source = '# Ten charts (edited outside Jupyter)';
      writeFileSync(copy, JSON.stringify(edited));
      await openNotebook(page, url(copy));
      assert.equal(await page.evaluate(() => (window as unknown as { Jupyter: { notebook: { trusted: boolean } } }).Jupyter.notebook.trusted), false);
      const untrusted = await chartStates(page);
      assert.equal(untrusted.length, CHARTS.length);
      for (const c of untrusted) {
        assert.equal(c.svg, false);
        assert.match(c.message ?? '', /Chart not drawn: this notebook is not trusted \(File > Trust Notebook\) or its output is stale; re-run the cell\./);
      }
    });
    tree = processTree(server.pid!);
    assert.ok(tree.length >= 4, `npm, the wrapper, jupyter and kernels: ${tree.join(' ')}`);
  } finally {
    if (tree.length === 0 && server.pid) tree = processTree(server.pid);
    server.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 30_000))]);
    const left: number[] = [];
    for (const pid of tree) if (!(await goneWithin(pid, 10_000))) left.push(pid);
    for (const pid of left) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    rmSync(join(ROOT, 'out', `browser-test-${process.pid}`), { recursive: true, force: true });
    assert.notEqual(code, 'hung', `npm run jupyter did not exit after SIGTERM:\n${log}`);
    assert.deepEqual(left, [], `processes left after SIGTERM to npm run jupyter: ${left.join(' ')}`);
    assert.equal(await portOpen(port), false, `port ${port} still open`);
  }
});
