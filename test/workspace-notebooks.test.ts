/**
 * The main job, end to end: `npm start` (the headless runner) executes every notebook in
 * notebooks/ through the tslab kernel into out/, and headless Chromium checks that the report draws.
 * The runner runs once; the browser reads its output (no second execution).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumAvailable } from '../scripts/browser';
import { checkReport } from '../scripts/runner/check-report';
import { PLOTLY_MIME } from '../lib/display/plot';
import { ROOT, runRunner, skipUnless, type RunResult } from './workspace-support';

const OUT = join(ROOT, 'out');
const notebooks = readdirSync(join(ROOT, 'notebooks')).filter((f) => f.endsWith('.ipynb')).sort();
let run: RunResult | undefined;

test('the headless runner (npm start) executes every notebook without a cell error', { timeout: 15 * 60_000 }, async () => {
  assert.ok(notebooks.includes('01-activations.ipynb'));
  run = await runRunner(['--out', OUT, '--fresh']);
  process.stdout.write(run.stdout.split('\n').filter((l) => /^[▶✓✗]|Report:/.test(l)).join('\n') + '\n');
  assert.equal(run.code, 0, `runner failed:\n${run.stderr}`);
  for (const nb of notebooks) assert.match(run.stdout, new RegExp(`✓ notebooks/${nb.replace(/[.]/g, '\\.')} in `));
});

test('out/ holds the report, one shared plotly.js, and the executed notebooks (sources stay without outputs)', () => {
  assert.ok(run && (run.code === 0 || run.code === 1), 'needs the runner to have written a report');
  assert.ok(existsSync(join(OUT, 'index.html')));
  assert.equal(statSync(join(OUT, 'assets', 'plotly.js')).size, statSync(require.resolve('plotly.js-dist/plotly.js')).size);
  const index = readFileSync(join(OUT, 'index.html'), 'utf8');
  for (const nb of notebooks) {
    const name = nb.replace(/\.ipynb$/, '');
    assert.match(index, new RegExp(`href="${name}\\.html"`));
    const page = readFileSync(join(OUT, `${name}.html`), 'utf8');
    assert.ok(!page.includes('function(root, factory)'), `${name}.html does not embed plotly.js`);
    const executed = JSON.parse(readFileSync(join(OUT, 'notebooks', nb), 'utf8'));
    const source = JSON.parse(readFileSync(join(ROOT, 'notebooks', nb), 'utf8'));
    for (const [i, cell] of executed.cells.entries()) {
      if (cell.cell_type !== 'code') continue;
      assert.ok(!cell.outputs.some((o: { output_type: string }) => o.output_type === 'error'), `${nb} cell ${i + 1} has an error output`);
      if (String(cell.source).trim() !== '') assert.equal(typeof cell.execution_count, 'number', `${nb} cell ${i + 1} executed`);
      const src = source.cells[i];
      assert.deepEqual(src.outputs ?? [], [], `notebooks/${nb} cell ${i + 1}: saved with outputs; clear them before committing`);
    }
  }
  // The proof notebook: two Fig. 1 plots (3 traces each) and the value table.
  const nb01 = JSON.parse(readFileSync(join(OUT, 'notebooks', '01-activations.ipynb'), 'utf8'));
  const outputs = nb01.cells.flatMap((c: { outputs?: Array<{ data?: Record<string, unknown> }> }) => c.outputs ?? []);
  const plots = outputs.filter((o: { data?: Record<string, unknown> }) => o.data?.[PLOTLY_MIME]);
  assert.deepEqual(plots.map((o: { data: Record<string, { data: unknown[] }> }) => o.data[PLOTLY_MIME].data.length), [3, 3]);
  const table = outputs.find((o: { data?: Record<string, unknown> }) => String(o.data?.['text/html'] ?? '').includes('polyact-table'));
  assert.match(String(table.data['text/html']), /<td class="nw">sigmoid<\/td><td style="text-align:right">0\.5<\/td><td style="text-align:right">1\.384e-87<\/td>/);
});

test('Chromium: every report page draws its charts with the expected traces and logs no errors', { skip: skipUnless({ name: 'Chromium', available: chromiumAvailable(), install: 'apt-get install -y --no-install-recommends chromium' }), timeout: 5 * 60_000 }, async () => {
  assert.ok(run && (run.code === 0 || run.code === 1), 'needs the runner to have written a report');
  const screenshot = join(OUT, 'first-chart.png');
  const results = await checkReport(OUT, { screenshot });
  const pages = results.map((r) => r.page);
  for (const nb of notebooks) assert.ok(pages.includes(nb.replace(/\.ipynb$/, '.html')), `${nb} checked`);
  for (const r of results) assert.deepEqual(r.problems, [], `${r.page}: ${r.problems.join('; ')}`);
  assert.equal(results.find((r) => r.page === '01-activations.html')?.plots, 2);
  assert.ok(statSync(screenshot).size > 5000, 'screenshot of the first chart saved');
});

test('Chromium check catches a wrong trace count, an undrawn chart and console errors', { skip: skipUnless({ name: 'Chromium', available: chromiumAvailable(), install: 'apt-get install -y --no-install-recommends chromium' }), timeout: 2 * 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'polyact-badreport-'));
  try {
    mkdirSync(join(dir, 'assets'));
    copyFileSync(require.resolve('plotly.js-dist/plotly.js'), join(dir, 'assets', 'plotly.js'));
    writeFileSync(join(dir, 'index.html'), '<!DOCTYPE html><html><body><a href="bad.html">bad</a></body></html>');
    writeFileSync(join(dir, 'bad.html'), '<!DOCTYPE html><html><head><script src="assets/plotly.js"></script></head><body>'
      + '<div id="p1" class="polyact-plot" data-traces="3"></div><div id="p2" class="polyact-plot" data-traces="1"></div>'
      + '<script>Plotly.newPlot("p1", [{ y: [1, 2] }, { y: [2, 1] }], {}); console.error("boom");</script></body></html>');
    const [index, bad] = await checkReport(dir, { plotTimeoutMs: 1500 });
    assert.deepEqual(index, { page: 'index.html', plots: 0, problems: [] });
    assert.equal(bad.plots, 2);
    assert.deepEqual([...bad.problems].sort(), ['console error: boom', 'plot p1: 2 traces drawn, expected 3', 'plot p2: no SVG drawn']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
