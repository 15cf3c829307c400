import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plotBundle, PLOTLY_MIME } from '../lib/display/plot';
import { simplifyFigure, simplifyIndices, simplifyTrace, SIMPLIFY_TOLERANCE } from '../lib/display/simplify';
import { InputError } from '../lib/errors';
import { linspace } from '../lib/metrics';
import { rng } from '../lib/sampling';

type Line = { x: Array<number | null>; y: Array<number | null> };
const grid = (n: number, a: number, b: number): number[] => Array.from(linspace(n, a, b));

/**
 * Largest distance of a dropped point from the segment joining the kept points around it, in units
 * of the x and y spans (x increasing, so kept points are found by value).
 */
function worstDeviation(x: number[], y: number[], kept: Line): number {
  const sx = Math.max(...x) - Math.min(...x), sy = Math.max(...y) - Math.min(...y);
  const at = (kept.x as number[]).map((v) => x.indexOf(v));
  let worst = 0;
  for (let k = 0; k + 1 < at.length; k++) {
    const [a, b] = [at[k], at[k + 1]];
    const dx = (x[b] - x[a]) / sx, dy = (y[b] - y[a]) / sy;
    for (let i = a + 1; i < b; i++) {
      const px = (x[i] - x[a]) / sx, py = (y[i] - y[a]) / sy;
      const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
      worst = Math.max(worst, Math.hypot(px - t * dx, py - t * dy));
    }
  }
  return worst;
}

test('a straight line keeps its two ends; ReLU keeps exactly its ends and its kink', () => {
  const x = grid(1001, -1, 1);
  assert.deepEqual(simplifyTrace({ x, y: x.map((v) => 3 * v + 1), mode: 'lines' }, {}), { x: [-1, 1], y: [-2, 4], mode: 'lines' });
  const relu = simplifyTrace({ x: grid(2001, -200, 200), y: grid(2001, -200, 200).map((v) => Math.max(0, v)) }, {}) as Line;
  assert.deepEqual(relu, { x: [-200, 0, 200], y: [0, 0, 200] });
});

test('every dropped point of a smooth and of a noisy curve lies within the tolerance of the kept polyline', () => {
  const x = grid(2001, -8, 8);
  const smooth = x.map((v) => v / (1 + Math.exp(-v)));
  const g = rng(7);
  const noisy = x.map((v) => Math.sin(v) + 0.01 * g());
  for (const [y, tol] of [[smooth, SIMPLIFY_TOLERANCE], [noisy, SIMPLIFY_TOLERANCE], [smooth, 1e-6]] as const) {
    const kept = simplifyTrace({ x, y: [...y] }, {}, tol) as Line;
    const dev = worstDeviation(x, [...y], kept);
    assert.ok(dev <= tol, `deviation ${dev} for tolerance ${tol}`);
    assert.ok(dev > tol / 10, 'and close to it: the points dropped were worth dropping');
    assert.equal(kept.x[0], x[0]);
    assert.equal(kept.x.at(-1), x.at(-1));
  }
  // The smooth SiLU curve needs a few dozen points at the default tolerance, not 2001.
  const silu = simplifyTrace({ x, y: smooth }, {}) as Line;
  assert.ok(silu.x.length < 120, `${silu.x.length} points`);
});

test('simplifyIndices: the Ramer-Douglas-Peucker bound holds point by point (perpendicular distance to the kept segment)', () => {
  const g = rng(3);
  const x = Array.from({ length: 500 }, (_, i) => i / 499);
  const y = x.map((v) => Math.sin(12 * v) + 0.05 * g());
  const tol = 1e-3;
  const kept = simplifyIndices(x, y, tol);
  for (let k = 0; k + 1 < kept.length; k++) {
    const [a, b] = [kept[k], kept[k + 1]];
    for (let i = a + 1; i < b; i++) {
      const dx = x[b] - x[a], dy = y[b] - y[a];
      const t = Math.max(0, Math.min(1, ((x[i] - x[a]) * dx + (y[i] - y[a]) * dy) / (dx * dx + dy * dy)));
      assert.ok(Math.hypot(x[i] - x[a] - t * dx, y[i] - y[a] - t * dy) <= tol);
    }
  }
});

test('log axes are thinned in log10 units: an exponential is a straight line there', () => {
  const x = grid(500, 0, 10);
  const y = x.map((v) => 10 ** v);
  assert.deepEqual(simplifyTrace({ x, y }, { yaxis: { type: 'log' } }), { x: [0, 10], y: [1, 1e10] });
  assert.ok((simplifyTrace({ x, y }, {}) as Line).x.length > 10, 'on a linear axis it is curved');
  // The second y axis of a subplot is looked up by the trace's `yaxis`.
  assert.deepEqual(simplifyTrace({ x, y, yaxis: 'y2' }, { yaxis2: { type: 'log' } }), { x: [0, 10], y: [1, 1e10], yaxis: 'y2' });
  // A value <= 0 on a log axis: left alone.
  const y0 = [...y];
  y0[3] = 0;
  assert.equal((simplifyTrace({ x, y: y0 }, { yaxis: { type: 'log' } }) as Line).x.length, 500);
});

test('gaps (null) stay gaps, each run thinned on its own', () => {
  const x = grid(200, 0, 1);
  const y: Array<number | null> = x.map((v) => 2 * v);
  for (let i = 90; i < 110; i++) y[i] = null;
  const kept = simplifyTrace({ x, y }, {}) as Line;
  assert.deepEqual(kept.y, [0, y[89], null, y[110], 2]);
  assert.deepEqual(kept.x, [0, x[89], null, x[110], 1]);
});

test('markers, per-point text, non-linear shapes, histograms, short traces and category axes keep every point', () => {
  const x = grid(300, 0, 1);
  const y = x.map((v) => v);
  for (const t of [
    { x, y, mode: 'lines+markers' }, { x, y, mode: 'markers' }, { x, y, text: x.map(String) }, { x, y, line: { shape: 'hv' } },
    { x, y, type: 'bar' }, { x, type: 'histogram' }, { x: x.slice(0, 50), y: y.slice(0, 50) }, { x, y, error_y: { array: y } },
  ]) assert.equal(simplifyTrace(t, {}), t, JSON.stringify(Object.keys(t)));
  const cat = { x, y };
  assert.equal(simplifyTrace(cat, { xaxis: { type: 'category' } }), cat);
});

test('a zoomed axis range tightens the tolerance', () => {
  const x = grid(2001, -1, 1);
  const y = x.map((v) => v * v);
  const free = simplifyTrace({ x, y }, {}) as Line;
  const zoomed = simplifyTrace({ x, y }, { yaxis: { range: [0, 0.01] } }) as Line;
  assert.ok(zoomed.x.length > free.x.length, `${zoomed.x.length} vs ${free.x.length}`);
});

test('plotBundle: both drawable parts carry the thinned figure; simplify: false keeps every point; a bad tolerance is an InputError', () => {
  const x = grid(2001, -200, 200);
  const figure = { data: [{ x, y: x.map((v) => Math.max(0, v)), name: 'relu' }] };
  const thin = plotBundle(figure);
  assert.deepEqual((thin[PLOTLY_MIME] as { data: Line[] }).data[0].x, [-200, 0, 200]);
  assert.ok(String(thin['text/html']).includes('"x":[-200,0,200]'));
  assert.equal(thin['text/plain'], '[plot: 1 trace (relu)]');
  assert.equal((plotBundle(figure, { simplify: false })[PLOTLY_MIME] as { data: Line[] }).data[0].x.length, 2001);
  assert.deepEqual(simplifyFigure({ data: [figure.data[0]], layout: {} }).data[0].x, [-200, 0, 200]);
  assert.throws(() => plotBundle(figure, { simplify: -1 }), (e: unknown) => e instanceof InputError && e.argument === 'simplify');
});
