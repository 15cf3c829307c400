import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { polynomialKernel } from '../lib/network/activation';
import { networkWeights } from '../lib/network/architecture';
import { forwardBatch, Workspace } from '../lib/network/forward';
import { networkModel } from '../lib/network/model';
import { networkPolynomial, PAPER_BEST_4 } from '../lib/network/presets';
import { boxBound, computeScales } from '../lib/network/scaling';
import { constructedInputs } from '../lib/network/search';
import { referenceForward } from './network-reference';

/** Adversarial inputs for the scaling: extremes, checkerboards, and 200*sign(K) tiled so that conv outputs hit their bound. */
function extremeInputs(K: Float64Array): Float64Array[] {
  const out = constructedInputs().map((c) => c.input);
  for (const sign of [1, -1]) {
    for (const [oi, oj] of [[0, 0], [2, 3], [19, 19]]) {
      const A = new Float64Array(784);
      for (let r = 0; r < 28; r++) for (let c = 0; c < 28; c++) {
        const u = (((r - oi) % 5) + 5) % 5, v = (((c - oj) % 5) + 5) % 5;
        A[r * 28 + c] = sign * 200 * (K[u * 5 + v] >= 0 ? 1 : -1);
      }
      out.push(A);
    }
  }
  return out;
}

describe('network scaling', () => {
  it('boxBound is the exact max of |W v| over a box (hand example)', () => {
    // rows (1, -2) and (3, 4) on [-1, 2]^2: row 1 ranges over [-5, 4], row 2 over [-7, 14]
    assert.equal(boxBound(Float64Array.from([1, -2, 3, 4]), 2, 2, -1, 2), 14);
    assert.equal(boxBound(Float64Array.from([1, -2]), 1, 2, -1, 2), 5);
  });

  it('fixed conv factor is 1 / sum |K|, attained by 200 sign(K) on a patch', () => {
    const w = networkWeights(1);
    const s = computeScales(w, [0, 200], 'fixed');
    const sum = w.conv.reduce((a, v) => a + Math.abs(v), 0);
    assert.equal(s.conv, (1 - 1e-12) / sum);
    const A = extremeInputs(w.conv)[6]; // +200 sign(K) aligned at (0, 0)
    const t = referenceForward(networkModel({ weights: w }), A, false);
    assert.ok(t.conv[0][0] <= 200 && t.conv[0][0] > 200 - 1e-9, `conv[0][0] = ${t.conv[0][0]}`);
  });

  for (const scaling of ['fixed', 'per-input'] as const) {
    for (const poly of ['paper-best-4', 'cryptodl-4']) {
      it(`every pre-activation stays in [-200, 200] on adversarial inputs (${scaling}, ${poly})`, () => {
        for (const seed of [1, 2]) {
          const model = networkModel({ scaling, poly, weightSeed: seed });
          const xs = extremeInputs(model.weights.conv);
          for (const A of xs) {
            for (const p of [false, true]) {
              const t = referenceForward(model, A, p);
              // the reference clamps nothing beyond rounding: check the unclamped bound via the hidden layer and logits too
              for (const row of t.conv) for (const v of row) assert.ok(Math.abs(v) <= 200);
              for (const v of t.hidden) assert.ok(Math.abs(v) <= 200, `hidden ${v}`);
              for (const v of t.logits) assert.ok(Math.abs(v) <= 1 + 1e-15, `logit ${v}`);
            }
          }
          const batch = new Float64Array(xs.length * 784);
          xs.forEach((A, n) => batch.set(A, n * 784));
          const r = forwardBatch(model, batch, xs.length, new Workspace(xs.length));
          assert.equal(r.outOfRangeConv + r.outOfRangeDense, 0);
        }
      });
    }
  }

  it('the kernel of paper-best-4: max |p - ReLU| = p(0) = 11.49 and range [p(-200), p(200)], certified within the grid slack', () => {
    const k = polynomialKernel(networkPolynomial('paper-best-4').polynomial);
    const p = (x: number) => PAPER_BEST_4.reduce((s, c, j) => s + c * x ** j, 0);
    // p(-200) = -82.848 + 0.17232 + 164.96 - 100.42 + 11.49 = -6.64568; p(200) = -82.848 - 0.17232 + 164.96 + 100.42 + 11.49 = 193.84968
    assert.ok(Math.abs(p(-200) - -6.64568) < 1e-9 && Math.abs(p(200) - 193.84968) < 1e-9);
    assert.ok(k.reluError >= 11.49 && k.reluError <= 11.49 + 0.03, `reluError ${k.reluError}`);
    assert.ok(k.range[0] <= p(-200) && k.range[0] >= p(-200) - 0.03, `min ${k.range[0]}`);
    assert.ok(k.range[1] >= p(200) && k.range[1] <= p(200) + 0.03, `max ${k.range[1]}`);
    assert.ok(k.hornerError > 0 && k.hornerError < 1e-11);
  });

  it('rejects polynomials on another interval and unknown scaling modes', () => {
    assert.throws(() => networkModel({ poly: networkPolynomial('paper-best-4').polynomial.truncate(2).scale(1) as never, scaling: 'nope' as never }), /scaling/);
    assert.throws(() => networkPolynomial('coefficients:1,,2'), /poly/);
    assert.throws(() => networkPolynomial('quadratic'), /unknown polynomial/);
  });
});
