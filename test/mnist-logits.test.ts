import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mnistSplit, selectDigits } from '../lib/mnist/data';
import { boundsScaling, GRAPH_SCALING, networkInputs } from '../lib/mnist/scaling';
import { polynomialKernel } from '../lib/network/activation';
import { networkWeights } from '../lib/network/architecture';
import { CONV_USED, argmaxLogit, forwardLogits, softmaxOutput } from '../lib/network/logits';
import { networkPolynomial } from '../lib/network/presets';
import { referenceForward } from './network-reference';

const { test } = mnistSplit();
const digits = selectDigits(test, Array.from({ length: 7 }, (_, i) => 3 * i));
const inputs = networkInputs(digits);
const weights = networkWeights(5);

function reference(kernel: ReturnType<typeof polynomialKernel> | null, scales: { conv: number; dense1: number; logits: number }, n: number) {
  const model = { weights, kernel: kernel ?? polynomialKernel(networkPolynomial('paper-best-4').polynomial), scales: { mode: 'fixed' as const, ...scales, activationBox: [0, 200] as const } };
  return referenceForward(model, inputs.subarray(n * 784, (n + 1) * 784), kernel !== null);
}

describe('forwardLogits: all ten logits of one network', () => {
  const s = boundsScaling(0.9, 2.5), s1 = boundsScaling(2, 30);
  for (const poly of ['relu', 'paper-best-4', 'chebyshev-4', 'coefficients:3,0.5,0.002,1e-6,-1e-9,1e-12,-1e-14,1e-16,-1e-19']) {
    it(`equals the direct 2-D implementation on real digits (${poly})`, () => {
      const kernel = poly === 'relu' ? null : polynomialKernel(networkPolynomial(poly).polynomial);
      const conv = new Float64Array(digits.count * CONV_USED), dense = new Float64Array(digits.count * 116);
      const r = forwardLogits({ weights, kernel, scales: s.scales }, inputs, digits.count, { record: { conv, dense } });
      let outConv = 0, outDense = 0;
      for (let n = 0; n < digits.count; n++) {
        const ref = reference(kernel, s.scales, n);
        const scale = Math.max(...ref.logits.map(Math.abs));
        for (let k = 0; k < 10; k++) assert.ok(Math.abs(r.logits[n * 10 + k] - ref.logits[k]) <= 1e-12 * scale, `${poly} input ${n} logit ${k}: ${r.logits[n * 10 + k]} vs ${ref.logits[k]}`);
        for (let i = 0; i < 116; i++) assert.ok(Math.abs(dense[n * 116 + i] - ref.hidden[i]) <= 1e-11 * (1 + Math.abs(ref.hidden[i])));
        // the recorded conv pre-activations are the 4 members of each kept pooled cell
        for (let k = 0; k < 116; k++) {
          const r0 = 2 * Math.floor(k / 12), c0 = 2 * (k % 12);
          const members = [ref.conv[r0][c0], ref.conv[r0][c0 + 1], ref.conv[r0 + 1][c0], ref.conv[r0 + 1][c0 + 1]];
          members.forEach((v, q) => assert.ok(Math.abs(conv[n * CONV_USED + 4 * k + q] - v) <= 1e-12 * (1 + Math.abs(v))));
          if (kernel) outConv += members.filter((v) => v < -200 || v > 200).length;
        }
        if (kernel) outDense += ref.hidden.filter((v) => v < -200 || v > 200).length;
      }
      assert.equal(r.outOfRangeConv, outConv);
      assert.equal(r.outOfRangeDense, outDense);
    });
  }

  it('counts pre-activations outside the interval (a scaling that overshoots)', () => {
    const kernel = polynomialKernel(networkPolynomial('chebyshev-4').polynomial);
    const wide = forwardLogits({ weights, kernel, scales: boundsScaling(1e6, 1e9).scales }, inputs, digits.count); // u1 ~ 1e-4, u2 ~ 1e-3 p(0) sums
    assert.equal(wide.outOfRangeConv + wide.outOfRangeDense, 0);
    const tight = forwardLogits({ weights, kernel, scales: boundsScaling(1e-3, 1e-3).scales }, inputs, digits.count);
    assert.ok(tight.outOfRangeConv > 0 && tight.outOfRangeDense > 0);
  });

  it('ReLU is positively homogeneous: every scaling gives the same logits (to rounding)', () => {
    const a = forwardLogits({ weights, kernel: null, scales: GRAPH_SCALING.scales }, inputs, digits.count).logits;
    for (const [c, d] of [[0.01, 7], [3, 0.2], [1e4, 1e5]]) {
      const b = forwardLogits({ weights, kernel: null, scales: boundsScaling(c, d).scales }, inputs, digits.count).logits;
      for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) <= 1e-12 * Math.max(1, Math.abs(a[i])));
    }
  });

  it('the batch size does not change the result (blocks of 256, remainder columns)', () => {
    const many = networkInputs(selectDigits(test, Array.from({ length: 301 }, (_, i) => i)));
    const all = forwardLogits({ weights, kernel: null, scales: GRAPH_SCALING.scales }, many, 301).logits;
    const tail = forwardLogits({ weights, kernel: null, scales: GRAPH_SCALING.scales }, many.subarray(297 * 784), 4).logits;
    assert.deepEqual(tail, all.subarray(297 * 10));
  });

  it('given the recorded conv outputs, the convolution is skipped with bit-identical logits', () => {
    const kernel = polynomialKernel(networkPolynomial('paper-best-4').polynomial);
    const convRaw = new Float64Array(digits.count * CONV_USED);
    const first = forwardLogits({ weights, kernel: null, scales: s1.scales }, inputs, digits.count, { record: { convRaw } });
    const again = forwardLogits({ weights, kernel, scales: s1.scales }, inputs, digits.count);
    const reused = forwardLogits({ weights, kernel, scales: s1.scales }, new Float64Array(0), digits.count, { convRaw });
    assert.deepEqual(reused.logits, again.logits);
    assert.equal(reused.outOfRangeConv, again.outOfRangeConv);
    assert.ok(first.logits.length === again.logits.length);
    // the raw outputs are K * x: the scaled record divided by the factor
    const scaled = new Float64Array(digits.count * CONV_USED);
    forwardLogits({ weights, kernel: null, scales: s1.scales }, inputs, digits.count, { record: { conv: scaled } });
    for (let i = 0; i < scaled.length; i++) assert.equal(scaled[i], s1.scales.conv * convRaw[i]);
  });

  it('argmax and softmax helpers', () => {
    const z = Float64Array.from([0, 1, 5, 5, -1, 0, 0, 0, 0, 0, /* second input */ 1000, 999, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert.equal(argmaxLogit(z, 0), 2); // first of a tie
    assert.equal(argmaxLogit(z, 1), 0);
    const e = [0, 1, 5, 5, -1, 0, 0, 0, 0, 0].map(Math.exp);
    assert.ok(Math.abs(softmaxOutput(z, 0, 2) - e[2] / e.reduce((a, b) => a + b, 0)) < 1e-15);
    assert.ok(Math.abs(softmaxOutput(z, 1, 0) - 1 / (1 + Math.exp(-1) + 8 * Math.exp(-1000))) < 1e-15); // no overflow
  });

  it('rejects inputs shorter than count x 784', () => {
    assert.throws(() => forwardLogits({ weights, kernel: null, scales: GRAPH_SCALING.scales }, new Float64Array(100), 1), RangeError);
  });
});
