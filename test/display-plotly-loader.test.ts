/**
 * The chart script of `plot`'s HTML part in a simulated page: which URLs it asks the Jupyter server
 * for plotly.js (classic Notebook through RequireJS, JupyterLab / Notebook 7 through <script> tags),
 * that it draws and removes the "not drawn" message, and what it says when no URL serves plotly.js.
 * (test/workspace-browser-notebook.test.ts runs it for real in Chromium against Jupyter Notebook.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { plotHtml } from '../lib/display/plot';
import { NO_PLOTLY_MESSAGE } from '../lib/display/plotly-loader';

interface Page {
  /** body attributes (classic Notebook) */
  body?: Record<string, string>;
  /** JupyterLab / Notebook 7 page config */
  config?: { baseUrl: string };
  pathname?: string;
  requirejs?: boolean;
  plotlyAlready?: boolean;
  /** URLs that serve plotly.js */
  serves: (url: string) => boolean;
}

interface Result { requested: string[]; drawn: string[]; messages: Map<string, string | null> }

/** Run the scripts of `charts` (plotHtml outputs) in a fake page; resolves once loading settled. */
async function render(page: Page, charts: string[]): Promise<Result> {
  const requested: string[] = [];
  const drawn: string[] = [];
  const messages = new Map<string, string | null>();
  const plotly = { newPlot: (el: { id: string }) => { drawn.push(el.id); } };
  const elements = new Map<string, unknown>();
  for (const html of charts) {
    const id = /id="([^"]+)"/.exec(html)![1];
    const text = /<div class="polyact-plot-message"[^>]*>([^<]*)<\/div>/.exec(html)![1];
    messages.set(id, text);
    const message = { get textContent() { return messages.get(id); }, set textContent(t: string | null | undefined) { messages.set(id, t ?? null); }, parentNode: { removeChild: () => messages.set(id, null) } };
    elements.set(id, { id, querySelector: () => (messages.get(id) === null ? null : message) });
  }
  const window: Record<string, unknown> = {
    location: { pathname: page.pathname ?? '/' },
    Plotly: page.plotlyAlready ? plotly : undefined,
  };
  const load = (url: string, ok: () => void, fail: () => void): void => {
    requested.push(url);
    setImmediate(() => { if (page.serves(url)) { window.Plotly = plotly; ok(); } else fail(); });
  };
  window.document = {
    body: { getAttribute: (k: string) => page.body?.[k] ?? null },
    head: { appendChild: (s: { src: string; onload: () => void; onerror: () => void }) => load(s.src, () => s.onload(), () => s.onerror()) },
    createElement: () => ({}),
    getElementById: (id: string) => (id === 'jupyter-config-data' ? (page.config ? { textContent: JSON.stringify(page.config) } : null) : elements.get(id) ?? null),
  };
  if (page.requirejs) {
    let paths: string[] = [];
    const requirejs = (_deps: string[], ok: (m: unknown) => void, fail: () => void): void => {
      const next = (i: number): void => {
        if (i >= paths.length) return fail();
        load(`${paths[i]}.js`, () => ok(undefined), () => next(i + 1));
      };
      next(0);
    };
    requirejs.config = (c: { paths: Record<string, string[]> }) => { paths = c.paths['polyact-plotly']; };
    requirejs.undef = () => {};
    window.requirejs = requirejs;
    window.define = Object.assign(() => {}, { amd: {} });
  }
  window.window = window;
  for (const html of charts) runInNewContext(/<script>([\s\S]*)<\/script>/.exec(html)![1], window);
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  return { requested, drawn, messages };
}

const fig = { data: [{ y: [1, 2], name: 'a' }] };
const FILE = 'node_modules/plotly.js-dist/plotly.js';

test('classic Notebook: plotly.js through RequireJS from <root>/node_modules, the notebook folder parent first; one load for all charts', async () => {
  const r = await render({
    body: { 'data-base-url': '/base/', 'data-notebook-path': 'proj/notebooks/01 a.ipynb' },
    requirejs: true,
    serves: (u) => u === `/base/files/proj/${FILE}`,
  }, [plotHtml(fig, 'c1'), plotHtml(fig, 'c2')]);
  assert.deepEqual(r.requested, [`/base/files/proj/${FILE}`]);
  assert.deepEqual(r.drawn, ['c1', 'c2']);
  assert.deepEqual([...r.messages.values()], [null, null], 'the messages are removed');
});

test('a notebook deeper in the tree: its folder\'s parent, the folder, then each ancestor up to the server root', async () => {
  const r = await render({
    body: { 'data-base-url': '/', 'data-notebook-path': 'out/scratch/notebooks/t.ipynb' },
    requirejs: true,
    serves: (u) => u === `/files/${FILE}`,
  }, [plotHtml(fig, 'c1')]);
  assert.deepEqual(r.requested, [`/files/out/scratch/${FILE}`, `/files/out/scratch/notebooks/${FILE}`, `/files/out/${FILE}`, `/files/${FILE}`]);
  assert.deepEqual(r.drawn, ['c1']);
});

test('JupyterLab / Notebook 7: notebook path from the URL, <script> tags tried in turn', async () => {
  const r = await render({
    config: { baseUrl: '/user/x/' },
    pathname: '/user/x/lab/tree/notebooks/02-nodes.ipynb',
    serves: (u) => u === `/user/x/files/${FILE}`,
  }, [plotHtml(fig, 'c1')]);
  assert.deepEqual(r.requested, [`/user/x/files/${FILE}`]);
  assert.deepEqual(r.drawn, ['c1']);
  const nb7 = await render({ config: { baseUrl: '/' }, pathname: '/notebooks/notebooks/n.ipynb', serves: (u) => u === `/files/notebooks/${FILE}` }, [plotHtml(fig, 'c2')]);
  assert.deepEqual(nb7.requested, [`/files/${FILE}`, `/files/notebooks/${FILE}`]);
  assert.deepEqual(nb7.drawn, ['c2']);
});

test('plotly.js already on the page (the report, initPlots): draws at once, loads nothing', async () => {
  const r = await render({ plotlyAlready: true, serves: () => false }, [plotHtml(fig, 'c1')]);
  assert.deepEqual(r.requested, []);
  assert.deepEqual(r.drawn, ['c1']);
});

test('no server serves plotly.js (an nbconvert HTML file): every chart says so and names the URLs tried', async () => {
  const r = await render({ serves: () => false }, [plotHtml(fig, 'c1'), plotHtml(fig, 'c2')]);
  assert.deepEqual(r.requested, [`/files/${FILE}`]);
  assert.deepEqual(r.drawn, []);
  for (const m of r.messages.values()) assert.equal(m, `${NO_PLOTLY_MESSAGE}/files/${FILE}`);
});
