import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode, encode, header, sign, DELIMITER } from '../scripts/runner/protocol';
import { readNotebook, NotebookFormatError, serialiseNotebook, type Notebook } from '../scripts/runner/notebook';
import { writeFileAtomic } from '../scripts/runner/files';
import { errorText, firstLine, thrownError } from '../scripts/runner/execute';
import { indexPage, notebookPage, notebookTitle, slimNotebook } from '../scripts/runner/report';
import { mergeManifest } from '../scripts/runner/manifest';
import { PLOTLY_INIT_METADATA, PLOTLY_MIME } from '../lib/display/plot';
import { ROOT } from './workspace-support';

test('sign: HMAC-SHA256 over the frames (RFC 4231 test case 2), empty key = unsigned', () => {
  // RFC 4231 4.3: key "Jefe", data "what do ya want for nothing?", split over frames.
  assert.equal(sign('Jefe', ['what do ya ', 'want for nothing?']), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  assert.equal(sign('', ['x']), '');
});

test('encode/decode: round trip with identities; forged or truncated messages are rejected', () => {
  const msg = { header: header('execute_request', 's1'), parent_header: {}, metadata: {}, content: { code: '1+1' } };
  const frames = encode('k', msg);
  assert.equal(frames[0], DELIMITER);
  const wire = [Buffer.from('identity'), ...frames.map((f) => Buffer.from(f))];
  const back = decode('k', wire);
  assert.deepEqual(back.content, { code: '1+1' });
  assert.equal(back.header.msg_type, 'execute_request');
  assert.equal(back.header.version, '5.3');
  assert.throws(() => decode('other-key', wire), /bad HMAC/);
  const tampered = [...wire];
  tampered[5] = Buffer.from(JSON.stringify({ code: 'rm -rf' }));
  assert.throws(() => decode('k', tampered), /bad HMAC/);
  assert.throws(() => decode('k', wire.slice(0, 4)), /malformed/);
});

test('readNotebook: clear errors for missing, malformed and non-nbformat-4 files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'polyact-nb-'));
  try {
    const f = (name: string, text: string): string => { writeFileSync(join(dir, name), text); return join(dir, name); };
    const bad = (file: string, re: RegExp): void => assert.throws(() => readNotebook(file), (e: unknown) => e instanceof NotebookFormatError && re.test(e.message) && e.message.startsWith(file));
    bad(join(dir, 'none.ipynb'), /no such notebook/);
    bad(f('a.ipynb', '{"cells": ['), /malformed \.ipynb JSON/);
    bad(f('b.ipynb', '[]'), /expected a JSON object/);
    bad(f('c.ipynb', '{"nbformat": 3, "cells": []}'), /expected nbformat 4, got 3/);
    bad(f('d.ipynb', '{"nbformat": 4}'), /"cells" array/);
    bad(f('e.ipynb', '{"nbformat": 4, "cells": [{"cell_type": "code", "source": 7}]}'), /cell 1: expected "source"/);
    bad(f('g.ipynb', '{"nbformat": 4, "cells": [{"cell_type": "python", "source": ""}]}'), /cell 1: expected cell_type/);
    const nb = readNotebook(f('ok.ipynb', '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": ["a\\n", "b"]}]}'));
    assert.equal(nb.cells.length, 1);
    assert.deepEqual(nb.cells[0].metadata, {});
    assert.ok(serialiseNotebook(nb).endsWith('}\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('writeFileAtomic: replaces the file and leaves no temporary behind', () => {
  const dir = mkdtempSync(join(tmpdir(), 'polyact-atomic-'));
  try {
    const file = join(dir, 'sub', 'x.html');
    writeFileAtomic(file, 'one');
    writeFileAtomic(file, 'two');
    assert.equal(readFileSync(file, 'utf8'), 'two');
    assert.deepEqual(readdirSync(join(dir, 'sub')), ['x.html']);
    assert.throws(() => writeFileAtomic(join(file, 'cannot'), 'x')); // parent is a file
    assert.deepEqual(readdirSync(join(dir, 'sub')), ['x.html']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('firstLine, errorText, thrownError: the failure message a user sees', () => {
  assert.equal(firstLine({ source: ['\n', '  // compute\n', 'x = 1\n'] }), '// compute');
  assert.equal(firstLine({ source: 'y'.repeat(100) }), 'y'.repeat(77) + '...');
  const stderr = 'evalmachine.<anonymous>:5\n    throw new RangeError("big");\n    ^\n\nRangeError: big\n    at f (evalmachine.<anonymous>:5:11)\n    at Object.execute (/x/node_modules/tslab/dist/executor.js:160:38)\n    at node:internal/x\n';
  assert.deepEqual(thrownError(stderr), { ename: 'RangeError', evalue: 'big' });
  assert.equal(errorText({ outputs: [], stderr }), 'RangeError: big\n    throw new RangeError("big");\n    ^');
  assert.equal(errorText({ outputs: [], stderr: "1:7 - Type 'string' is not assignable to type 'number'.\n" }), "1:7 - Type 'string' is not assignable to type 'number'.");
  assert.equal(thrownError("1:7 - Cannot find name 'foo'."), null);
  assert.equal(errorText({ outputs: [], stderr: '' }), 'the kernel reported an error without any message');
});

const executed: Notebook = {
  nbformat: 4, nbformat_minor: 5, metadata: {},
  cells: [
    { cell_type: 'markdown', metadata: {}, source: '# Title <1>\n\nSome *text*.' },
    { cell_type: 'code', metadata: {}, source: 'a < b && c', execution_count: 1, outputs: [
      { output_type: 'display_data', data: { 'text/html': '<script>/* 11 MB */</script>', 'text/plain': 'plotly.js loaded' }, metadata: { [PLOTLY_INIT_METADATA]: true } },
      { output_type: 'display_data', data: { [PLOTLY_MIME]: { data: [{ y: [1] }, { y: [2] }], layout: {} }, 'text/html': '<div>fallback</div>', 'text/plain': '[plot]' }, metadata: {} },
      { output_type: 'stream', name: 'stdout', text: '<b>raw</b>\n' },
      { output_type: 'display_data', data: { 'text/html': '<table class="polyact-table"></table>', 'text/plain': 't' }, metadata: {} },
      { output_type: 'error', ename: 'RangeError', evalue: 'big', traceback: ['RangeError: big', 'at line 1'] },
    ] },
  ],
};

test('notebookPage: markdown rendered, code escaped, plots from plotly JSON, plotly.js from the shared asset', () => {
  const html = notebookPage({ file: 'notebooks/07-x.ipynb', notebook: executed, seconds: 1.25 });
  assert.match(html, /<h1>Title &lt;1&gt;<\/h1>/);
  assert.match(html, /<em>text<\/em>/);
  assert.match(html, /<pre class="code"><code>a &lt; b &amp;&amp; c<\/code><\/pre>/);
  assert.match(html, /<div id="plot-1" class="polyact-plot" data-traces="2"><\/div>/);
  assert.ok(!html.includes('<div>fallback</div>'), 'the plotly JSON wins over the HTML fallback');
  assert.ok(!html.includes('11 MB'), 'the per-notebook plotly injection is dropped');
  assert.equal(html.match(/<script src="assets\/plotly\.js"><\/script>/g)?.length, 1);
  assert.match(html, /<pre class="stream stdout">&lt;b&gt;raw&lt;\/b&gt;/);
  assert.match(html, /<table class="polyact-table"><\/table>/);
  assert.match(html, /<pre class="error">RangeError: big\nat line 1<\/pre>/);
  assert.match(html, /In \[1\]:/);
  assert.equal(notebookTitle(executed, 'x'), 'Title <1>');
  const index = indexPage([{ file: 'notebooks/07-x.ipynb', notebook: executed, seconds: 1.25, failure: { cell: 2, firstLine: 'a', message: 'RangeError: big' } }], new Date(0));
  assert.match(index, /<a href="07-x\.html">07-x<\/a><\/td><td>Title &lt;1&gt;<\/td><td><span class="fail">failed at cell 2<\/span>/);
});

test('notebookTitle: the first heading the page shows, also a generated one (a fork of the template is listed under its own title)', () => {
  const md = (source: string) => ({ cell_type: 'markdown' as const, metadata: {}, source });
  const code = (markdown?: string) => ({ cell_type: 'code' as const, metadata: {}, source: 'x', execution_count: 1,
    outputs: markdown === undefined ? [] : [{ output_type: 'display_data' as const, data: { 'text/markdown': markdown, 'text/plain': markdown }, metadata: {} }] });
  const nb = (cells: object[]) => ({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells }) as unknown as Parameters<typeof notebookTitle>[0];
  const fork = nb([code(), code('**Table** | a |'), code('# Mish on [-6, 6]: polynomial approximations\n\nf(x) = ...'), md('*How to use this template* ...'), md('## The function')]);
  assert.equal(notebookTitle(fork, '09-mish'), 'Mish on [-6, 6]: polynomial approximations');
  // not executed yet (no outputs): the first Markdown heading, else the file name
  assert.equal(notebookTitle(nb([code(), md('## The function')]), '09-mish'), 'The function');
  assert.equal(notebookTitle(nb([code()]), '09-mish'), '09-mish');
});

test('slimNotebook: the saved copy keeps every output but the inlined plotly.js', () => {
  const slim = slimNotebook(executed);
  const outs = slim.cells[1].outputs ?? [];
  assert.equal(outs.length, 5);
  assert.deepEqual(Object.keys((outs[0] as { data: object }).data), ['text/plain']);
  assert.deepEqual(outs.slice(1), executed.cells[1].outputs?.slice(1));
});

test('mergeManifest: keeps earlier notebooks whose source and executed copy still exist', () => {
  const out = mkdtempSync(join(tmpdir(), 'polyact-out-'));
  try {
    const nbFile = join(ROOT, 'notebooks', '01-activations.ipynb');
    writeFileAtomic(join(out, 'notebooks', '01-activations.ipynb'), serialiseNotebook(executed));
    writeFileSync(join(out, 'report.json'), JSON.stringify({ notebooks: [
      { file: 'notebooks/01-activations.ipynb', seconds: 3 },
      { file: 'notebooks/99-gone.ipynb', seconds: 1 },
    ] }));
    const all = mergeManifest(out, ROOT, [{ file: join(ROOT, 'notebooks', '00-new.ipynb'), notebook: executed, seconds: 2 }]);
    assert.deepEqual(all.map((e) => [e.file, e.seconds]), [[join(ROOT, 'notebooks', '00-new.ipynb'), 2], [nbFile, 3]]);
    const saved = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    assert.deepEqual(saved.notebooks.map((e: { file: string }) => e.file), ['notebooks/00-new.ipynb', 'notebooks/01-activations.ipynb']);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('kernelspec: relative launcher via {resource_dir}; launcher refuses to start without a connection file', async () => {
  const spec = JSON.parse(readFileSync(join(ROOT, 'jupyter', 'kernels', 'polyact', 'kernel.json'), 'utf8'));
  assert.deepEqual(spec.argv, ['node', '{resource_dir}/launch.js', '{connection_file}']);
  assert.equal(spec.language, 'typescript');
  assert.ok(existsSync(join(ROOT, 'jupyter', 'kernels', 'polyact', 'launch.js')));
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, [join(ROOT, 'jupyter', 'kernels', 'polyact', 'launch.js')], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage: node launch\.js <connection_file>/);
});

test('notebookPage: data-traces counts only the traces plotly draws (hidden ones excluded)', () => {
  const nb: Notebook = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'code', metadata: {}, source: 'p', execution_count: 1, outputs: [
    { output_type: 'display_data', data: { [PLOTLY_MIME]: { data: [{ y: [1] }, { y: [2], visible: 'legendonly' }, { y: [3], visible: false }, { type: 'heatmap', z: [[1]] }] } }, metadata: {} },
  ] }] };
  assert.match(notebookPage({ file: 'x.ipynb', notebook: nb, seconds: 0 }), /data-traces="2"/);
});
