import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deviationBracketFigure, deviationHistogramFigure, inputHeatmapFigure } from '../lib/figures/network';
import { deviationStatistics } from '../lib/network/statistics';

describe('network figures', () => {
  it('histogram: one bar per bin with the counts, markers at the random max, search max and paper value', () => {
    const stats = deviationStatistics(Float64Array.from([0.01, 0.02, 0.02, 0.1]));
    const fig = deviationHistogramFigure(stats, { paper: 0.200293, searchMax: 0.15 });
    const bars = fig.data[0] as { y: number[]; x: number[] };
    assert.equal(bars.y.reduce((a, b) => a + b, 0), 4);
    assert.equal(bars.y[bars.y.length - 1], 1); // 0.1 = max falls in the last bin
    const markers = fig.data.slice(1).map((d) => (d as { x: number[] }).x[0]);
    assert.deepEqual(markers, [0.1, 0.15, 0.200293]);
  });

  it('bracket: four traces with the numbers of each row', () => {
    const fig = deviationBracketFigure([{ label: 'a', randomMax: 0.06, searchMax: 0.33, upperBound: 0.436, paper: 0.200293 }]);
    assert.deepEqual(fig.data.map((d) => (d as { x: number[] }).x[0]), [0.06, 0.33, 0.436, 0.200293]);
  });

  it('heatmap: the input as 28 rows of 28 pixels', () => {
    const input = Float64Array.from({ length: 784 }, (_, i) => i);
    const z = (inputHeatmapFigure(input).data[0] as { z: number[][] }).z;
    assert.equal(z.length, 28);
    assert.equal(z[1][2], 30);
  });
});
