import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { setDisplaySink, type MimeBundle } from '../lib/display/bundle';
import { markdown } from '../lib/display/markdown';
import { initPlots, plot, plotBundle, plotHtml, plotlyBundlePath, plotlyJson, plotText, PLOTLY_INIT_METADATA, PLOTLY_MIME, type Figure } from '../lib/display/plot';
import { InputError } from '../lib/errors';

const figure: Figure = {
  data: [{ type: 'scatter', name: 'relu', x: [0, 1], y: [0, 1] }, { type: 'scatter', x: [0, 1], y: [0.5, 0.7] }],
  layout: { title: { text: 'Fig. 1 </script><b>' } },
};

function capture(fn: () => void): Array<{ data: MimeBundle; metadata: Record<string, unknown> }> {
  const seen: Array<{ data: MimeBundle; metadata: Record<string, unknown> }> = [];
  const previous = setDisplaySink((data, metadata) => seen.push({ data, metadata }));
  try { fn(); } finally { setDisplaySink(previous); }
  return seen;
}

test('plotBundle: plotly JSON, HTML and text in one bundle', () => {
  const b = plotBundle(figure);
  assert.deepEqual(Object.keys(b).sort(), [PLOTLY_MIME, 'text/html', 'text/plain'].sort());
  assert.deepEqual(b[PLOTLY_MIME], { data: figure.data, layout: figure.layout });
  assert.equal(b['text/plain'], '[plot "Fig. 1 </script><b>": 2 traces (relu, trace 2)]');
});

test('plotHtml: a container showing the "not drawn" message, and a script safe against </script> in the data', () => {
  const html = plotHtml(figure, 'p1');
  assert.ok(html.startsWith('<div id="p1" class="polyact-plot" style="width:100%;height:420px"><div class="polyact-plot-message" '));
  assert.ok(html.includes('>[plot &quot;Fig. 1 &lt;/script&gt;&lt;b&gt;&quot;: 2 traces (relu, trace 2)] Chart not drawn: this notebook is not trusted (File &gt; Trust Notebook) or its output is stale; re-run the cell.</div></div><script>'));
  assert.equal(html.match(/<\/script>/g)?.length, 1, 'only the closing tag of our own script');
  assert.match(html, /\\u003c\/script\\u003e/);
  assert.match(html, /window\.__polyactDraw\("p1",\{"data":/);
  assert.ok(html.length < 4000, 'no plotly.js inside');
});

test('plotlyJson: typed arrays become arrays, NaN becomes null (a gap)', () => {
  const j = plotlyJson({ data: [{ x: new Float64Array([1, 2]), y: [NaN, 3] } as never] });
  assert.deepEqual(j.data[0], { x: [1, 2], y: [null, 3] });
  assert.deepEqual(j.layout, {});
});

test('plot: one bundle per call, without plotly.js', () => {
  const seen = capture(() => { plot(figure); plot(figure); });
  assert.equal(seen.length, 2);
  for (const s of seen) {
    assert.ok(s.data[PLOTLY_MIME]);
    assert.equal(s.metadata[PLOTLY_INIT_METADATA], undefined);
  }
  const [a, b] = seen.map((s) => /id="([^"]+)"/.exec(String(s.data['text/html']))?.[1]);
  assert.notEqual(a, b, 'each chart has its own id');
});

test('initPlots: embeds the whole plotly.js once (marked for the report), again only when forced', () => {
  const first = capture(() => { initPlots(); initPlots(); });
  assert.equal(first.length, 1);
  assert.equal(first[0].metadata[PLOTLY_INIT_METADATA], true);
  const init = String(first[0].data['text/html']);
  assert.ok(init.length > statSync(plotlyBundlePath()).size * 0.99, 'the whole plotly.js bundle is inlined');
  assert.ok(!/<\/script/i.test(init.slice(8, -9)), 'no premature </script> inside the injected bundle');
  assert.equal(capture(() => initPlots(true)).length, 1);
});

test('plot, plotText: bad figures are InputErrors naming figure', () => {
  assert.throws(() => plot({} as never), (e: unknown) => e instanceof InputError && e.argument === 'figure');
  assert.throws(() => plotText(null as never), InputError);
  assert.equal(plotText({ data: [{ y: [1] }] }), '[plot: 1 trace (trace 1)]');
});

test('markdown: text/markdown with a text/plain fallback', () => {
  const seen = capture(() => markdown('**rho** = 0.0925'));
  assert.deepEqual(seen[0].data, { 'text/markdown': '**rho** = 0.0925', 'text/plain': '**rho** = 0.0925' });
});
