/**
 * The notebooks' generated findings (lib/findings/): the sentences quote the computed numbers, and
 * each headline follows the numbers (a claim flips when its numbers do).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activation } from '../lib/activations';
import { activationSummary } from '../lib/figures/activations';
import { minimax } from '../lib/fit/minimax';
import { activationFindings, sigmoidFlatFrom, tanhFlatFrom } from '../lib/findings/activations';
import { methodFindings } from '../lib/findings/methods';
import { metricsFindings } from '../lib/findings/metrics';
import { networkFindings } from '../lib/findings/network';
import { nodeFindings } from '../lib/findings/nodes';
import { optimalFindings } from '../lib/findings/optimal';
import { ordinal, overviewFindings, tablesFindings } from '../lib/findings/paper';
import type { NetworkReport, SensitivityRow } from '../lib/network/report';
import { compareMethods, equalPairs, inputDistributionStudy, intervalStudy, table6Optimal } from '../lib/optimal/study';
import { fourMethods, fourMethodsRhoTable } from '../lib/paper/methods';
import { gridShifts, largestRhoExcess } from '../lib/paper/grids';
import { nodeRuleErrors, nodeShares } from '../lib/paper/nodes';
import { reproducePaper } from '../lib/paper/reproduction';

test('01: flat thresholds are where the slope is 1e-3, and the findings quote the table', () => {
  const xs = sigmoidFlatFrom(1e-3), xt = tanhFlatFrom(1e-3);
  assert.ok(Math.abs(activation('sigmoid').derivative(xs) - 1e-3) < 1e-15);
  assert.ok(Math.abs(activation('tanh').derivative(xt) - 1e-3) < 1e-15);
  const text = activationFindings(activationSummary(['relu', 'sigmoid', 'tanh'], [-200, 200]), [-200, 200]);
  assert.match(text, /^1\. f\(0\) is 0 for ReLU and tanh and 0\.5 for the sigmoid\.$/m);
  assert.match(text, /the sigmoid \[1\.384e-87, 1\] and tanh \[-1, 1\]; the spans 200, 1 and 2 are the normalisers/);
  assert.match(text, /on 96\.55% of the interval and tanh on 97\.93% \(the closed forms \|x\| > 6\.906 and \|x\| > 4\.147 give 96\.55% and 97\.93%\)/);
  assert.match(text, /the paper's best rho for ReLU \(0\.0575\) is far below those for the sigmoid \(0\.4606\) and tanh \(0\.4737\)/);
});

test('02: node shares and errors; the expected share outside is erfc(200 / (67 sqrt 2)) = 0.28%', () => {
  const o = { m: 1000, seed: 1 };
  const text = nodeFindings({
    small: { interval: [-3, 3], shares: nodeShares([-3, 3], 1000, 1) }, paper: { interval: [-200, 200], shares: nodeShares([-200, 200], 1000, 1) }, seed: 1,
    relu: { degree: 4, errors: nodeRuleErrors('relu', 4, [-200, 200], o) }, tanh: { degree: 3, errors: nodeRuleErrors('tanh', 3, [-200, 200], o) },
    sigmoid: { degree: 3, errors: nodeRuleErrors('sigmoid', 3, [-200, 200], o) },
  });
  assert.match(text, /^1\. \*\*The node densities are as the paper says\.\*\* .* 34\.4% of the uniform nodes, 67\.8% of the normal nodes and 21\.6% of the Chebyshev roots/m);
  assert.match(text, /2 of 1000 draws \(0\.2%\) fall outside \[-200, 200\], against the expected 0\.28% for sigma = ceil\(\(b - a\)\/6\) = 67/);
  assert.match(text, /\*\*The fit follows the nodes\.\*\* ReLU, N = 4: the largest error in the middle third is 0\.0473 with normal nodes/);
});

test('03: Taylor is the worst ReLU method at N = 2 and 4 only (the derivative approach is worse at N = 3); the skipped degrees', () => {
  const o = { nodes: 'uniform' as const, m: 1000, seed: 1 };
  const text = methodFindings({ interval: [-200, 200], reluFits: fourMethods('relu', 4, [-200, 200], o), reluDegree: 4, rhoTable: fourMethodsRhoTable([-200, 200], o), m: 1000, seed: 1 });
  assert.match(text, /\*\*Taylor is the worst method for ReLU at N = 2 and 4\*\* \(rho 0\.2001, 0\.1505, 0\.1429 at N = 2, 3 and 4; at N = 3 the derivative approach, 0\.1818, is worse\)/);
  assert.match(text, /for N = 3 they are \{400, 346\.4, 200, 0, -200, -346\.4\}, not symmetric, which gives -4\.466·10\^-6 x\^3 \+ 0\.003028x\^2 \+ 0\.634x\./);
  assert.match(text, /for ReLU N = 2 and N = 3 give the same polynomial \(rho 0\.1818\), for the sigmoid N = 3 and N = 4 .* The paper prints the same rho for each of these pairs\./);
});

test('00, 04 and 05: the recomputation of Section 4 in sentences', () => {
  const repro = reproducePaper();
  const t = tablesFindings(repro);
  assert.match(t, /all 39 deterministic rows are recomputed .* 34 are \*reproduced\* .* 3 are \*rounding\* \(Table 1 Taylor N = 3, Table 3 Taylor N = 4 and Table 3 Chebyshev N = 2: the printed rho 0\.1504, 0\.5467 and 0\.4912 are ours truncated - 0\.150452, 0\.54677 and 0\.491269/);
  assert.match(t, /every printed rho lies between the 5th and the 81st percentile of 200 seeds with m = 1000/);
  assert.match(t, /\*\*Table 6's tanh N = 3 choice rests on a lucky sample:\*\* the printed 0\.4737 \(uniform nodes\) is at the 5th percentile; the median over seeds, 0\.4804/);
  assert.match(t, /In all: 12 \*slip in the paper\*, 8 \*not reproduced\*\./);
  assert.match(t, /Table 8 has 5 cells that do not follow from the printed Table 6: ReLU 2-3 prints 0\.001 for 0\.0001, ReLU 3-4 prints 0\.034 for 0\.0349/);
  const o = overviewFindings(repro);
  assert.match(o, /\(11 of 12 such rows\), and 8 of their 20 rows match no construction we know/);
  const m = metricsFindings({ repro, shifts: gridShifts(repro.rows), excess: largestRhoExcess(repro.rows) });
  assert.match(m, /35 of the 39 deterministic rows of Tables 1-3 reproduce all three printed metrics, and the other 4 differ only by the last digit of rho/);
  assert.match(m, /for 23 of the 24 deterministic sigmoid and tanh rows; max_loss grows by up to 0\.0044 \(tanh, Taylor, N = 4\)/);
  assert.match(m, /\*\*rho is max_loss to within 3\.05%\*\*/);
  assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 79.5].map(ordinal), ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '79.5th']);
});

/** A network report with only the fields the findings read. */
function report(poly: string, scaling: 'fixed' | 'per-input', v: { randomMax: number; searchMax: number; bound: number; eps?: number; range?: boolean }): NetworkReport {
  return {
    poly, scaling, weightSeed: '1', paper: 0.200293, worstInput: new Float64Array(0),
    experiment: { inputs: 1_000_000, seed: 1, workers: 2, max: v.randomMax, argmax: 0, mean: 0, quantiles: [0.5, 0.9, 0.99, 0.999, 0.9999].map((q) => ({ q, value: q * v.randomMax / 2 })),
      histogram: { edges: [], counts: [] }, worst: [], outOfRange: { conv: 0, dense: 0 }, seconds: 1, inputsPerSecond: 1, execution: '2 workers' },
    search: { deviation: v.searchMax, start: 'x', evaluations: 1, perStart: [{ name: 'a', initial: v.randomMax, final: v.searchMax }, { name: 'b', initial: 0, final: v.randomMax }] },
    bound: { bound: v.bound, scaling, activationError: v.eps ?? 11.51, denseError: 14.92, hiddenError: 26.43, logitErrors: null, logitError: 0.19, f1Range: [0, 1], limitedBy: v.range ? 'range' : 'lipschitz' },
    bracket: { paper: 0.200293, randomMax: v.randomMax, searchMax: v.searchMax, upperBound: v.bound },
  } as unknown as NetworkReport;
}

test('06: the headlines follow the numbers (a fixed-scaling bound above the paper\'s value drops the claim)', () => {
  const seeds: SensitivityRow[] = [1, 2].flatMap((s) => [{ scaling: 'fixed', weightSeed: String(s), randomMax: 0.001, q99: 0, searchMax: 0.002, upperBound: 0.08 + s / 100 },
    { scaling: 'per-input', weightSeed: String(s), randomMax: 0.05 * s, q99: 0, searchMax: 0.2 * s, upperBound: 0.436 }]);
  const others = [report('paper-best-4', 'fixed', { randomMax: 0.00092, searchMax: 0.002, bound: 0.0886 }), report('minimax-4', 'fixed', { randomMax: 0.00056, searchMax: 0.001, bound: 0.05, eps: 6.79 }),
    report('paper-best-4', 'per-input', { randomMax: 0.0783, searchMax: 0.317, bound: 0.436, range: true }), report('minimax-4', 'per-input', { randomMax: 0.0748, searchMax: 0.306, bound: 0.436, range: true, eps: 6.79 })];
  const base = { perInput: report('paper-best-4', 'per-input', { randomMax: 0.0914, searchMax: 0.311, bound: 0.436, range: true }), others, seeds, seedInputs: 100_000 };
  const safe = networkFindings({ ...base, fixed: report('paper-best-4', 'fixed', { randomMax: 0.000923, searchMax: 0.00186, bound: 0.0886 }) });
  assert.match(safe, /^1\. \*\*The choices the paper left open decide the answer\.\*\* .* \*\*certified <= 0\.0886 for every input\*\* - below the paper's 0\.200293\. For the 2 weight seeds the certified bound is 0\.09-0\.1, so with uniform weights/m);
  assert.match(safe, /the only certified bound is the trivial range of f1 on \[-1, 1\]\^10, \*\*0\.436\*\* .* The paper's 0\.200293 lies inside this bracket/);
  assert.match(safe, /moves the random maximum \(10\^5 inputs, per-input scaling\) from 0\.05 to 0\.1 across seeds 1 and 2, and the search maximum from 0\.2 to 0\.4/);
  assert.match(safe, /minimax polynomial \(max \|p - ReLU\| = 6\.79 against 11\.51 for the paper's\) .* from 0\.0783 to 0\.0748 \(search: 0\.317 -> 0\.306\)\. .* 0\.00092 -> 0\.00056 \(ratio 0\.61 vs 6\.79\/11\.51 = 0\.59\)/);
  assert.match(safe, /No pre-activation left \[-200, 200\] in the two runs/);
  const unsafe = networkFindings({ ...base, fixed: report('paper-best-4', 'fixed', { randomMax: 0.000923, searchMax: 0.00186, bound: 0.3 }) });
  assert.doesNotMatch(unsafe, /decide the answer/);
  assert.match(unsafe, /\*\*certified <= 0\.3 for every input\*\* - not below the paper's 0\.200293/);
});

test('07: the findings from small versions of its studies', () => {
  const t6 = table6Optimal({ denseGrid: 2001 });
  const relu2 = minimax(activation('relu'), 2, [-200, 200]);
  const ds = [2, 3, 4];
  const degreeStudy = ['relu', 'sigmoid', 'tanh'].map((fn) => compareMethods(fn, [-200, 200], ds, { grid: 2001 }));
  const sigmoidIntervals = intervalStudy('sigmoid', [4, 8, 200], [2, 4], { grid: 2001 }), tanhIntervals = intervalStudy('tanh', [4, 8, 200], [2, 4], { grid: 2001 });
  const pairs = ['relu', 'sigmoid', 'tanh'].map((fn) => ({ fn, rows: equalPairs(fn, [-200, 200], [1, 2, 3, 4]) }));
  const inputRows = ['relu', 'sigmoid'].flatMap((fn) => inputDistributionStudy(fn, [-200, 200], [2, 4], { sd: 20, grid: 2001 }).map((r) => ({ f: fn, ...r })));
  const text = optimalFindings({ t6, relu2, degreeStudy, sigmoidIntervals, tanhIntervals, pairs, inputRows });
  assert.match(text, /^1\. \*\*The paper's best rho is beaten in every cell of Table 6\*\* \(201-point grid; each certified lower bound equals its value to the digits shown\): ReLU 0\.06253 \/ 0\.06253 \/ 0\.03381 against 0\.0925 \/ 0\.0924 \/ 0\.0575/m);
  assert.match(text, /^2\. \*\*ReLU, N = 2: the minimax polynomial is 0\.0025x\^2 \+ 0\.5x \+ 12\.5 with max_loss 1\/16 = 0\.0625\*\* .* reaches 12\.5 with alternating signs at 5 points/m);
  assert.match(text, /\*\*rho-optimal equals minimax for ReLU, not for the sigmoid and tanh\.\*\*/);
  assert.match(text, /tanh on \[-L, L\] equals the sigmoid on \[-2L, 2L\] \(to \S+ relative; tanh L = 4 row = sigmoid L = 8 row: /);
  assert.match(text, /\*\*Consecutive degrees tie in pairs, by symmetry\.\*\* Minimax max_loss: ReLU 0\.0625 at N = 2 and 3, .* The paper's observations/);
  assert.match(text, /\*\*For inputs concentrated near 0, the weighted fit wins on average and loses the worst case\.\*\*/);
});
