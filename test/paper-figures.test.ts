/**
 * The figures of notebooks 02-05 (lib/figures/{nodes,methods,metrics,tables}.ts): built from lib
 * data, finite, and showing the numbers they claim.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paperFigures } from '../lib/paper/figures';
import { reproducePaper } from '../lib/paper/reproduction';
import { nodesFigure } from '../lib/figures/nodes';
import { gridErrorFigure } from '../lib/figures/metrics';
import { taylorNodesFigure } from '../lib/figures/methods';
import { activation } from '../lib/activations';
import { chebyshevSeries } from '../lib/fit/index';
import { nodeRuleErrors, nodeShares } from '../lib/paper/nodes';
import { InputError } from '../lib/errors';

test('every exported figure builds, with finite numbers in every trace', () => {
  const repro = reproducePaper({ seeds: 20 });
  const figures = paperFigures(() => repro);
  assert.equal(figures.length, 12);
  for (const { name, build } of figures) {
    const fig = build();
    assert.ok(fig.data.length > 0, name);
    for (const trace of fig.data as unknown as Record<string, unknown>[]) {
      for (const key of ['x', 'y']) {
        const v = trace[key];
        if (Array.isArray(v)) assert.ok(v.every((e) => typeof e === 'string' || e === null || Number.isFinite(e)), `${name}.${key}`);
      }
    }
  }
});

test('node figure: m nodes per rule, the normal rule untruncated (2 of 1000 outside [-3, 3] with seed 1)', () => {
  const fig = nodesFigure([-3, 3], { m: 1000, seed: 1 });
  const hist = (fig.data as unknown as { type: string; x: number[] }[]).filter((t) => t.type === 'histogram');
  assert.deepEqual(hist.map((h) => h.x.length), [1000, 1000, 1000]);
  assert.equal(hist[1].x.filter((x) => Math.abs(x) > 3).length, 2);
  assert.throws(() => nodesFigure([3, -3]), InputError);
});

test('node shares and region errors: normal nodes fit the middle best, Chebyshev roots the ends', () => {
  const shares = nodeShares([-3, 3], 1000, 1);
  assert.deepEqual(shares.map((s) => s.middleThird), [0.344, 0.678, 0.216]);
  // Chebyshev roots (deterministic): 2/pi arcsin(1/3) = 21.6% of them lie in the middle third.
  const e = nodeRuleErrors('relu', 4, [-200, 200], { m: 1000, seed: 1, grid: 20001 });
  const [uniform, normal, cheb] = e;
  assert.ok(normal.middle < uniform.middle && normal.middle < cheb.middle);
  assert.ok(cheb.ends < uniform.ends && cheb.ends < normal.ends);
  // On 1000 Chebyshev roots least squares is the Chebyshev series: its error at the kink is c0 = 12.73/200 (Table 1).
  assert.equal(cheb.middle.toFixed(4), '0.0637');
});

test('grid error figure: sigmoid Chebyshev N = 3 peaks at 0.4615 between grid points, 0.4594 on them', () => {
  const p = chebyshevSeries(activation('sigmoid'), 3, [-200, 200]).polynomial;
  const fig = gridErrorFigure('sigmoid', p, { window: [-20, 20] });
  const peaks = (fig.data[2] as unknown as { text: string[] }).text;
  // The error of sigmoid's series is odd (sigmoid - 1/2 is odd), so |error| peaks at +-x alike and
  // rounding in the last bit decides which sign is reported.
  assert.match(peaks[0], /^dense max 0\.4615 at x = -?5\.05/);
  assert.match(peaks[1], /^grid max 0\.4594 at x = -?6$/);
});

test('Taylor node figure: N + 3 nodes reaching +-400 for [-200, 200]', () => {
  const fig = taylorNodesFigure('relu', 3, [-200, 200]);
  const nodes = (fig.data[2] as unknown as { x: number[] }).x;
  assert.equal(nodes.length, 6);
  assert.equal(Math.max(...nodes), 400);
  assert.ok(nodes.some((x) => Math.abs(x) < 1e-9), 'z = 0 is a node');
});
