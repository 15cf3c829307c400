import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activation } from '../lib/activations';
import { InputError } from '../lib/errors';
import { fit } from '../lib/fit/index';
import { colourAt, equalPairsFigure, errorCurveFigure, intervalHeatmapFigure, labelColour, metricVsDegreeFigure, table6Figure } from '../lib/figures/optimal';
import type { ComparisonRow, IntervalCell, Table6Row } from '../lib/optimal/study';

const row = (label: string, degree: number, maxLoss: number): ComparisonRow => ({ label, method: label, degree, mse: 0, mae: 0, maxLoss, rho: maxLoss, rhoExcessPercent: 0, maxLossExcessPercent: 0 });

test('figures: one trace per method / series, log axes, values carried through', () => {
  const rows = [row('minimax', 3, 0.1), row('minimax', 2, 0.2), row('chebyshev', 2, 0.3), row('chebyshev', 3, NaN)];
  const deg = metricVsDegreeFigure(rows);
  assert.equal(deg.data.length, 2);
  assert.deepEqual((deg.data[0] as { x: number[]; y: number[] }).x, [2, 3]);
  assert.deepEqual((deg.data[1] as { y: number[] }).y, [0.3]);
  assert.equal((deg.layout?.yaxis as { type: string }).type, 'log');
  const cells: IntervalCell[] = [{ halfWidth: 4, degree: 2, optimalRho: 0.1, minimaxMaxLoss: 0.09, chebyshevRho: 0.11 }, { halfWidth: 200, degree: 2, optimalRho: 0.001, minimaxMaxLoss: 0.5, chebyshevRho: 0.5 }];
  const heat = intervalHeatmapFigure(cells).data[0] as { y: string[]; marker: { color: number[]; colorbar: { title: { text: string }; tickvals: number[]; ticktext: string[] } }; text: string[]; textfont: { color: string[] } };
  assert.deepEqual(heat.y, ['[-4, 4]', '[-200, 200]']);
  assert.deepEqual(heat.marker.color, [-1, -3]);
  assert.deepEqual(heat.text, ['0.1', '0.001']);
  // labels readable on their tile: black on the bright top of Viridis (yellow), white on its dark bottom (purple)
  assert.deepEqual(heat.textfont.color, ['#000000', '#ffffff']);
  // the colour bar is titled and labelled in values, not log10 of an internal key
  assert.equal(heat.marker.colorbar.title.text, 'optimal rho');
  assert.deepEqual(heat.marker.colorbar.ticktext, ['0.001', '0.002', '0.005', '0.01', '0.02', '0.05', '0.1']);
  assert.equal((intervalHeatmapFigure(cells, { value: 'minimaxMaxLoss' }).layout?.title as { text: string }).text, 'minimax max_loss by interval and degree');
  const t6: Table6Row[] = [{ fn: 'relu', degree: 2, paperMethod: 'numerical (uniform)', paperRho: 0.0925, optimalRho: 0.0625, optimalRhoLower: 0.0625, gainPercent: 32, denseOptimalRho: 0.0625, denseMinimaxMaxLoss: 0.0625 }];
  assert.deepEqual(table6Figure(t6).data.map((d) => (d as { y: number[] }).y[0]), [0.0925, 0.0625]);
  assert.equal(equalPairsFigure([{ fn: 'relu', rows: [{ degree: 2, maxLoss: 0.0625 }] }]).data.length, 1);
  // The error curve of a minimax fit adds its alternation points, at +-h.
  const relu = activation('relu');
  const ec = errorCurveFigure(relu, [fit('minimax', relu, 2, [-200, 200], { grid: 201 })], { points: 101, normalise: 200 });
  assert.equal(ec.data.length, 2);
  for (const e of (ec.data[1] as { y: number[] }).y) assert.ok(Math.abs(Math.abs(e) - 1 / 16) < 1e-12);
  assert.throws(() => metricVsDegreeFigure([]), (e: unknown) => e instanceof InputError && e.argument === 'rows');
});

test('heatmap label colours: the contrast rule on the colour scale (WCAG luminance)', () => {
  const scale: [number, string][] = [[0, '#000000'], [1, '#ffffff']];
  assert.deepEqual(colourAt(scale, 0.5), [127.5, 127.5, 127.5]);
  assert.deepEqual(colourAt(scale, 2), [255, 255, 255]);
  assert.equal(labelColour([0, 0, 0]), '#ffffff');
  assert.equal(labelColour([255, 255, 255]), '#000000');
  // mid grey 118: luminance 0.181 > 0.179, black is the better contrast (5.1 : 1 against 4.1 : 1)
  assert.equal(labelColour([118, 118, 118]), '#000000');
  assert.equal(labelColour([116, 116, 116]), '#ffffff');
});
