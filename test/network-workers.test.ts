import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import seedrandom from 'seedrandom';
import { runNetworkExperiment } from '../lib/network/experiment';
import { Workspace } from '../lib/network/forward';
import { experimentInput, InputStream } from '../lib/network/inputs';
import { networkModel } from '../lib/network/model';
import { deviationAt } from '../lib/network/search';
import { deviationStatistics } from '../lib/network/statistics';

describe('network experiment runner', () => {
  it('the inlined input stream is bit-identical to seedrandom.xor128', () => {
    const s = new InputStream(5, 2);
    const out = new Float64Array(3000);
    s.fill(out, 0, 1000);
    s.fill(out, 1000, 2000); // continues where it stopped
    const g = seedrandom.xor128('inputs:5:2');
    for (let i = 0; i < out.length; i++) assert.equal(out[i], -200 + 400 * g());
    // the WebAssembly generator (used when the buffer lives in a workspace's SIMD memory) too
    const ws = new Workspace(4);
    assert.ok(ws.simd);
    const w = new InputStream(5, 2, ws.simd);
    w.fill(ws.inputs, 0, 1000);
    w.fill(ws.inputs, 1000, 2000);
    for (let i = 0; i < 3000; i++) assert.equal(ws.inputs[i], out[i]);
  });

  it('same seed -> identical deviations with 1 and 2 workers (10^4 inputs, 3 chunks)', async () => {
    const model = networkModel({ scaling: 'per-input' });
    const one = await runNetworkExperiment(model, { inputs: 10000, seed: 9, workers: 1 });
    const two = await runNetworkExperiment(model, { inputs: 10000, seed: 9, workers: 2 });
    assert.equal(one.execution, 'in-thread');
    assert.equal(two.execution, '2 workers');
    assert.deepEqual(two.deviations, one.deviations);
    assert.equal(two.max, one.max);
    assert.equal(two.argmax, one.argmax);
    assert.ok(one.max > 0);
    // a different seed gives different inputs
    const other = await runNetworkExperiment(model, { inputs: 100, seed: 10, workers: 1 });
    assert.notEqual(other.deviations[0], one.deviations[0]);
    // the worst input can be regenerated and evaluated on its own
    const A = experimentInput(9, one.argmax);
    assert.ok(Math.abs(deviationAt(model, A).deviation - one.max) < 1e-13);
    assert.ok(one.argmax >= 0 && one.argmax < 10000);
    assert.equal(one.outOfRange.conv + one.outOfRange.dense, 0);
  });

  it('statistics: max, type-7 quantiles, histogram total and worst indices on a known sample', () => {
    const dev = Float64Array.from([0.3, 0.1, 0.4, 0.1, 0.5, 0.9, 0.2, 0.6]);
    const s = deviationStatistics(dev);
    assert.equal(s.max, 0.9);
    assert.equal(s.argmax, 5);
    // sorted 0.1 0.1 0.2 0.3 0.4 0.5 0.6 0.9; median at h = 3.5 -> (0.3 + 0.4) / 2
    assert.ok(Math.abs(s.quantiles[0].value - 0.35) < 1e-15);
    assert.equal(s.histogram.counts.reduce((a, b) => a + b, 0), 8);
    assert.deepEqual(s.worst, [5, 7, 4, 2, 0, 6, 1, 3]);
  });

  it('rejects bad arguments with InputError', async () => {
    const model = networkModel();
    await assert.rejects(runNetworkExperiment(model, { inputs: 0 }), /inputs/);
    await assert.rejects(runNetworkExperiment(model, { inputs: 10, workers: 0 }), /workers/);
    assert.throws(() => experimentInput(1, -1), /index/);
  });
});
