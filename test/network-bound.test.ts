import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { certifiedBound, ROUNDING_SLACK } from '../lib/network/bound';
import { runNetworkExperiment } from '../lib/network/experiment';
import { experimentInput } from '../lib/network/inputs';
import { networkModel } from '../lib/network/model';
import { searchWorstInput } from '../lib/network/search';

describe('network worst-case bracket', () => {
  it('per-input scaling: the bound is the range of f1 on [-1, 1]^10, e^2/(e^2 + 9) - 1/(1 + 9 e^2)', () => {
    const b = certifiedBound(networkModel({ scaling: 'per-input' }));
    const e2 = Math.exp(2);
    assert.ok(Math.abs(b.bound - ROUNDING_SLACK - (e2 / (e2 + 9) - 1 / (1 + 9 * e2))) < 1e-15);
    assert.equal(b.limitedBy, 'range');
  });

  it('fixed scaling: the layer errors follow the interval propagation formulas', () => {
    const model = networkModel({ scaling: 'fixed' });
    const b = certifiedBound(model);
    const [eLo, eHi] = model.kernel.reluErrorRange;
    // paper-best-4: p - ReLU spans [p(-200), p(0)] = [-6.64568, 11.49] up to the grid slack
    assert.ok(eLo <= -6.64568 && eLo > -6.64568 - 0.03 && eHi >= 11.49 && eHi < 11.49 + 0.03, `${eLo} ${eHi}`);
    // row i of u* - u ranges over s2 [sum min(G eLo, G eHi), sum max(G eLo, G eHi)]
    let worst = 0;
    for (let i = 0; i < 116; i++) {
      let pos = 0, neg = 0;
      for (let j = 0; j < 116; j++) {
        const g = model.weights.dense1[i * 116 + j];
        if (g > 0) { pos += g; } else { neg -= g; }
      }
      // G eHi on positive weights and G eLo on negative ones give the top; the mirror gives the bottom
      worst = Math.max(worst, model.scales.dense1 * (pos * eHi - neg * eLo), -model.scales.dense1 * (pos * eLo - neg * eHi));
    }
    assert.ok(Math.abs(b.denseError - worst) < 1e-9, `${b.denseError} vs ${worst}`);
    assert.ok(b.denseError < model.scales.dense1 * 116 * model.kernel.reluError, 'the signed intervals beat eps * sum |G|');
    assert.ok(b.hiddenError <= eHi + b.denseError + 1e-12);
    assert.equal(b.limitedBy, 'lipschitz');
    assert.ok(b.bound < 0.436, 'the propagated bound is sharper than the trivial range bound here');
  });

  for (const scaling of ['fixed', 'per-input'] as const) {
    it(`the certified bound is >= every deviation found, random and searched (${scaling})`, async () => {
      for (const weightSeed of [1, 2]) {
        const model = networkModel({ scaling, weightSeed });
        const r = await runNetworkExperiment(model, { inputs: 4096, seed: 3, workers: 1 });
        const s = searchWorstInput(model, { starts: r.worst.slice(0, 2).map((i) => ({ name: `#${i}`, input: experimentInput(3, i) })), steps: 30 });
        const b = certifiedBound(model).bound;
        assert.ok(s.deviation >= r.max, 'the search starts from the worst random inputs, so it never does worse');
        assert.ok(r.max <= b && s.deviation <= b, `random ${r.max}, search ${s.deviation}, bound ${b}`);
        for (const p of s.perStart) assert.ok(p.final >= p.initial);
      }
    });
  }
});
