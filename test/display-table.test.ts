import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellHtml, Table, table } from '../lib/display/table';
import { setDisplaySink, type MimeBundle } from '../lib/display/bundle';
import { InputError } from '../lib/errors';

const rows = [
  { method: 'Chebyshev', N: 2, rho: 0.09251234, c: -5.818e-22 },
  { method: 'a<b & "c"', N: 3, rho: 0.5, c: 1e-4 },
];

test('html: escaped, numbers to significant digits, right-aligned numeric columns', () => {
  const html = new Table(rows).html();
  assert.match(html, /<table class="polyact-table">/);
  assert.match(html, /<th style="text-align:left">method<\/th><th style="text-align:right">N<\/th>/);
  assert.match(html, /<td class="nw">a&lt;b &amp; &quot;c&quot;<\/td>/);
  assert.ok(!html.includes('a<b'), 'raw < must not reach the HTML');
  assert.match(html, /<td style="text-align:right">0\.09251<\/td>/);
  assert.match(html, /<td style="text-align:right">-5\.818e-22<\/td>/);
});

test('html: caption, per-column digits and labels, highlighting', () => {
  const t = new Table(rows, [{ key: 'method', label: 'Method' }, { key: 'rho', label: 'ρ', digits: 2 }], {
    caption: 'Best <rho>',
    highlight: (v, _row, _i, key) => key === 'rho' && v === 0.09251234,
  });
  const html = t.html();
  assert.match(html, /<caption>Best &lt;rho&gt;<\/caption>/);
  assert.match(html, /<th style="text-align:left">Method<\/th><th style="text-align:right">ρ<\/th>/);
  assert.match(html, /<td class="hl" style="text-align:right">0\.093<\/td>/);
  assert.match(html, /<td style="text-align:right">0\.5<\/td>/);
  assert.equal(t.cell(0, 1), '0.093');
});

test('markdown: GFM table with escaped pipes and bold highlights', () => {
  const t = new Table([{ f: 'x|y', v: 1.23456 }, { f: 'relu', v: 2 }], undefined, { highlight: (v) => v === 2 });
  assert.equal(t.markdown(), [
    '| f | v |',
    '| --- | ---: |',
    '| x\\|y | 1.235 |',
    '| relu | **2** |',
  ].join('\n'));
});

test('csv: RFC 4180 quoting and full-precision numbers', () => {
  const t = new Table([{ name: 'a,b', q: 'say "hi"', x: 0.1 + 0.2, r: [0, 1 / 3] }]);
  assert.equal(t.csv(), 'name,q,x,r\r\n"a,b","say ""hi""",0.30000000000000004,"[0, 0.3333333333333333]"\r\n');
});

test('latex: booktabs, numbers in math mode, specials escaped, caption and label', () => {
  const t = new Table([{ f: 'leaky_relu', c: -5.818e-22, p: '50%' }], undefined, { caption: 'Table 1 & more', label: 'tab:one' });
  assert.equal(t.latex(), [
    '\\begin{table}[ht]',
    '\\centering',
    '\\caption{Table 1 \\& more}',
    '\\label{tab:one}',
    '\\begin{tabular}{lrl}',
    '\\toprule',
    'f & c & p \\\\',
    '\\midrule',
    'leaky\\_relu & $-5.818 \\times 10^{-22}$ & 50\\% \\\\',
    '\\bottomrule',
    '\\end{tabular}',
    '\\end{table}',
    '',
  ].join('\n'));
  assert.ok(new Table([[1, 2]], ['a', 'b']).latex().startsWith('\\begin{tabular}{rr}\n\\toprule\na & b \\\\'));
});

test('array rows with string column labels; text rendering aligns columns', () => {
  const t = new Table([['relu', 0], ['sigmoid', 0.5]], ['f', 'f(0)']);
  assert.equal(t.text(), ['f        f(0)', '-------  ----', 'relu        0', 'sigmoid   0.5'].join('\n'));
});

test('table() displays one bundle with html, markdown and text, and returns nothing (tslab prints a returned value)', () => {
  const seen: MimeBundle[] = [];
  const previous = setDisplaySink((d) => seen.push(d));
  try {
    const t: unknown = table([{ a: 1 }]);
    assert.equal(t, undefined);
    assert.equal((new Table([{ a: 1 }]).display() as unknown), undefined);
    assert.equal(seen.length, 2);
    assert.deepEqual(seen[1], seen[0]);
    assert.deepEqual(Object.keys(seen[0]).sort(), ['text/html', 'text/markdown', 'text/plain']);
    assert.equal(seen[0]['text/markdown'], '| a |\n| ---: |\n| 1 |');
  } finally {
    setDisplaySink(previous);
  }
});

test('bad input: InputError naming the argument', () => {
  assert.throws(() => new Table('x' as never), (e: unknown) => e instanceof InputError && e.argument === 'rows');
  assert.throws(() => new Table([1 as never]), (e: unknown) => e instanceof InputError && /row 0/.test(e.message));
  assert.throws(() => new Table([{ a: 1 }], [{} as never]), (e: unknown) => e instanceof InputError && e.argument === 'columns');
  assert.throws(() => new Table([{ a: 1 }], undefined, { digits: 0 }), (e: unknown) => e instanceof InputError && e.argument === 'options.digits');
});

test('a Table prints as a one-line summary (tslab shows a cell\'s last value with util.inspect)', async () => {
  const { inspect } = await import('node:util');
  assert.equal(inspect(new Table([{ a: 1, b: 2 }])), 'Table (1 row x 2 columns: .html() .markdown() .csv() .latex())');
});

test('latex column hook: raw LaTeX used as is (not escaped), other renderings keep the text', () => {
  const t = new Table([{ p: 'x^2 & more' }], [{ key: 'p', format: (v) => String(v), latex: (v) => `$${String(v).replace(' & more', '')}$` }]);
  assert.ok(t.latex().includes('$x^2$ \\\\'), t.latex());
  assert.ok(t.html().includes('x^2 &amp; more'));
});

test('html: polynomials break only between terms, number lists only after a slash, long text columns wrap at a measure', () => {
  assert.equal(cellHtml('-4.466·10^-6 x^3 + 0.003028x^2 - 0.634x + 8.965·10^-15'),
    '<span class="t">-4.466·10^-6 x^3</span> <span class="t">+ 0.003028x^2</span> <span class="t">- 0.634x</span> <span class="t">+ 8.965·10^-15</span>');
  assert.equal(cellHtml('0.0063 / 0.2000 / 0.2001'), '<span class="t">0.0063 /</span> <span class="t">0.2000 /</span> <span class="t">0.2001</span>');
  // prose and single terms stay as the browser wraps them (escaped)
  assert.equal(cellHtml('a - b & c'), 'a - b &amp; c');
  assert.equal(cellHtml('0.5x'), '0.5x');
  const reason = 'every coefficient agrees to the printed digits; MSE, max_loss and rho match';
  const html = new Table([{ status: 'reproduced', reason }]).html();
  assert.match(html, /<td class="nw">reproduced<\/td><td class="w">every coefficient/);
  assert.match(html, /vertical-align:top/);
  // short labels never break (T1-chebyshev-4 at its hyphen); longer ones may
  assert.match(new Table([{ row: 'T1-chebyshev-4' }, { row: 'numerical, Chebyshev roots' }]).html(), /<td>T1-chebyshev-4<\/td>/);
  assert.match(new Table([{ row: 'T1-chebyshev-4' }]).html(), /<td class="nw">T1-chebyshev-4<\/td>/);
});
