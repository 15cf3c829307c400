import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forwardBatch, Workspace } from '../lib/network/forward';
import { InputStream } from '../lib/network/inputs';
import { networkModel } from '../lib/network/model';
import { constructedInputs, deviationAt, networkGradient } from '../lib/network/search';
import { referenceForward } from './network-reference';

function inputs(): Float64Array[] {
  const out = constructedInputs().map((c) => c.input);
  const s = new InputStream('forward-test', 0);
  for (let k = 0; k < 5; k++) { const A = new Float64Array(784); s.fill(A, 0, 784); out.push(A); }
  return out;
}

describe('network forward pass', () => {
  for (const scaling of ['fixed', 'per-input'] as const) {
    for (const poly of ['paper-best-4', 'chebyshev-4', 'coefficients:1,0.5,0.001,1e-6,-1e-9,1e-12']) {
      it(`batched pass = direct implementation (${scaling}, ${poly})`, () => {
        const model = networkModel({ scaling, poly, weightSeed: 7 });
        const xs = inputs();
        const ws = new Workspace(xs.length);
        xs.forEach((A, n) => ws.inputs.set(A, n * 784));
        // the odd batch size (11) also exercises the scalar remainder of the SIMD dense layer
        const r = forwardBatch(model, ws.inputs, xs.length, ws);
        xs.forEach((A, n) => {
          const exact = referenceForward(model, A, false).f1, approx = referenceForward(model, A, true).f1;
          assert.ok(Math.abs(r.f1[n] - exact) <= 1e-13, `f1 input ${n}: ${r.f1[n]} vs ${exact}`);
          assert.ok(Math.abs(r.f1Star[n] - approx) <= 1e-13, `f1* input ${n}: ${r.f1Star[n]} vs ${approx}`);
          assert.ok(r.f1[n] > 0 && r.f1[n] < 1 && r.f1Star[n] > 0 && r.f1Star[n] < 1);
          // the search's per-input pass computes the same function
          const d = deviationAt(model, A);
          assert.ok(Math.abs(d.deviation - Math.abs(exact - approx)) <= 1e-13);
        });
        assert.equal(r.outOfRangeConv, 0);
        assert.equal(r.outOfRangeDense, 0);
      });
    }
  }

  for (const scaling of ['fixed', 'per-input'] as const) {
    it(`the WebAssembly SIMD kernels give bit-identical results to the scalar ones (${scaling})`, () => {
      const model = networkModel({ scaling, weightSeed: 5 });
      const xs = inputs();
      const simd = new Workspace(xs.length), scalar = new Workspace(xs.length, { simd: false });
      assert.ok(simd.simd, 'Node 20 has WebAssembly SIMD');
      assert.equal(scalar.simd, null);
      xs.forEach((A, n) => { simd.inputs.set(A, n * 784); scalar.inputs.set(A, n * 784); });
      const a = forwardBatch(model, simd.inputs, xs.length, simd), b = forwardBatch(model, scalar.inputs, xs.length, scalar);
      assert.deepEqual(a.f1, b.f1);
      assert.deepEqual(a.f1Star, b.f1Star);
      assert.deepEqual(simd.pooled, scalar.pooled);
      // out-of-range counting: a conv factor 3x too large pushes pre-activations past 200 (fixed)
      const wide = { ...model, scales: { ...model.scales, conv: 3 * model.scales.conv } };
      const c = forwardBatch(wide, simd.inputs, xs.length, simd).outOfRangeConv, d = forwardBatch(wide, scalar.inputs, xs.length, scalar).outOfRangeConv;
      assert.equal(c, d);
      if (scaling === 'fixed') assert.ok(c > 100, `out of range: ${c}`);
      else assert.equal(c, 0, 'per-input scaling ignores the fixed conv factor');
    });
  }

  for (const scaling of ['fixed', 'per-input'] as const) it(`the search gradient matches central finite differences (${scaling})`, () => {
    const model = networkModel({ scaling, weightSeed: 3 });
    const A = inputs()[8];
    for (const poly of [false, true]) {
      const { grad } = networkGradient(model, A, poly);
      for (const i of [0, 100, 333, 500, 783]) {
        const h = 1e-3;
        const up = Float64Array.from(A), dn = Float64Array.from(A);
        up[i] += h; dn[i] -= h;
        const fd = (referenceForward(model, up, poly).f1 - referenceForward(model, dn, poly).f1) / (2 * h);
        assert.ok(Math.abs(fd - grad[i]) <= 1e-6 * Math.max(1e-6, Math.abs(grad[i])) + 1e-12, `pixel ${i} poly=${poly}: ${grad[i]} vs ${fd}`);
      }
    }
  });
});
