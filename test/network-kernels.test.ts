import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import seedrandom from 'seedrandom';
import { assembleKernels, KERNELS_BINARY, kernelsBinaryModule } from '../scripts/build-wasm';
import { HIDDEN, KEPT, OUTPUTS } from '../lib/network/architecture';
import { convolve, dense, Workspace } from '../lib/network/forward';
import { InputStream } from '../lib/network/inputs';
import { KERNELS_WASM_BASE64 } from '../lib/network/kernels-binary';
import { networkWeights } from '../lib/network/architecture';

describe('WebAssembly kernels (lib/network/kernels.wat)', () => {
  it('the committed binary is kernels.wat as wabt assembles it today (else: npm run build:wasm)', async () => {
    const bytes = await assembleKernels();
    assert.deepEqual(new Uint8Array(Buffer.from(KERNELS_WASM_BASE64, 'base64')), bytes, 'lib/network/kernels-binary.ts is stale: run npm run build:wasm');
    assert.equal(readFileSync(KERNELS_BINARY, 'utf8'), kernelsBinaryModule(bytes), 'lib/network/kernels-binary.ts is stale: run npm run build:wasm');
  });

  it('a malformed source is reported with its line', async () => {
    await assert.rejects(assembleKernels('(module (func $f (result i32) (i32.add (i32.const 1))))'), /kernels\.wat:1/);
  });

  const ws = new Workspace(8);
  const w = networkWeights(3);
  const rand = seedrandom('kernels-test');
  const fill = (a: Float64Array): void => { for (let i = 0; i < a.length; i++) a[i] = 400 * rand() - 200; };

  it('conv = the scalar convolve, bit for bit, with max |out| (20 and 24 rows)', () => {
    assert.ok(ws.simd, 'Node 20 has WebAssembly SIMD');
    fill(ws.inputs);
    for (const rows of [20, 24]) {
      const m = ws.convolveInput(w, ws.inputs, 3, rows);
      const out = new Float64Array(576);
      convolve(w.conv, ws.inputs, 3 * 784, out, rows);
      assert.deepEqual(ws.conv.subarray(0, rows * 24), out.subarray(0, rows * 24));
      assert.equal(m, Math.max(...Array.from(out.subarray(0, rows * 24), Math.abs)));
    }
  });

  it('dense1 (116 x 116) and dense2 (10 x 116) = the scalar dense, bit for bit', () => {
    fill(ws.pooled);
    fill(ws.hidden);
    ws.denseLayer(w, 1, 0.37, 16);
    const h = new Float64Array(16 * HIDDEN);
    dense(w.dense1, HIDDEN, KEPT, 0.37, ws.pooled, h, 16);
    assert.deepEqual(ws.hidden.subarray(0, 16 * HIDDEN), h);
    ws.denseLayer(w, 2, 1, 16);
    const o = new Float64Array(16 * OUTPUTS);
    dense(w.dense2, OUTPUTS, HIDDEN, 1, ws.hidden, o, 16);
    assert.deepEqual(ws.logits.subarray(0, 16 * OUTPUTS), o);
  });

  it('xor128 = seedrandom.xor128 for lengths that are not multiples of 4 (the one-step tail loop)', () => {
    const s = new InputStream(11, 0, ws.simd);
    s.fill(ws.inputs, 0, 7);
    s.fill(ws.inputs, 7, 1);
    s.fill(ws.inputs, 8, 1001);
    const g = seedrandom.xor128('inputs:11:0');
    for (let i = 0; i < 1009; i++) assert.equal(ws.inputs[i], -200 + 400 * g(), `pixel ${i}`);
  });
});
