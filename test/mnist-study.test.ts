import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accuracyDegreeFigure, confusionFigure, digitsFigure, preActivationFigure } from '../lib/figures/mnist';
import { confusionMatrix, type AccuracyResult } from '../lib/mnist/accuracy';
import { mnistSplit } from '../lib/mnist/data';
import { paperBest, parsePolySpec, MNIST_METHODS } from '../lib/mnist/polynomials';
import { boundsScaling, scaledHistogram } from '../lib/mnist/scaling';
import { accuracyTable, bestRow, goalSummary, type StudyRow } from '../lib/mnist/study';
import { paperRow } from '../lib/paper/data';
import { Polynomial } from '../lib/polynomial';
import { InputError } from '../lib/errors';

const P = Polynomial.fromMonomial([0, 1], [-200, 200]);
function row(method: StudyRow['method'], degree: number, rule: StudyRow['rule'], correct: number, mean = 0.01): StudyRow {
  return { method, degree, rule, polynomial: P, result: { accuracy: correct / 2000, correct, meanDeviation: mean } as AccuracyResult };
}

describe('the accuracy study: goal, tables, figures', () => {
  it('goal: the lowest degree whose best data-interval network is within 0.5 points (boundary included)', () => {
    const base = 1861 / 2000; // 93.05%
    const rows = [row('minimax', 2, 'data', 1500), row('weighted', 2, 'data', 1700), row('weighted', 3, 'data', 1850), row('weighted', 4, 'data', 1851), row('minimax', 4, 'fixed', 1861)];
    const g = goalSummary(base, rows);
    // 1851/2000 = 92.55% = 93.05% - 0.5 exactly: within; the fixed-scaling row does not count
    assert.deepEqual(g.withoutFinetuning, { degree: 4, method: 'weighted', accuracy: 0.9255 });
    assert.equal(g.withFinetuning, null);
    assert.match(g.text, /ReLU baseline 93\.05%.*without fine-tuning: degree 4 \(weighted, 92\.55%\); fine-tuning not run/);
    const ft = goalSummary(base, rows, [{ degree: 3, method: 'weighted', accuracyAfter: 0.95 }, { degree: 2, method: 'weighted', accuracyAfter: 0.926 }]);
    assert.deepEqual(ft.withFinetuning, { degree: 2, method: 'weighted', accuracy: 0.926 });
    const none = goalSummary(base, rows.slice(0, 3), [{ degree: 2, method: 'weighted', accuracyAfter: 0.5 }]);
    assert.equal(none.withoutFinetuning, null);
    assert.match(none.text, /no degree up to 3 stays within 0\.5 percentage points/);
  });

  it('bestRow: highest accuracy, ties by the lower mean deviation', () => {
    assert.equal(bestRow([row('chebyshev', 4, 'data', 10, 0.2), row('minimax', 4, 'data', 10, 0.1), row('paper', 4, 'data', 9, 0)])!.method, 'minimax');
    assert.equal(bestRow([]), null);
  });

  it('accuracy table: one row per method, a column per degree, percent, null where a method has no degree', () => {
    const t = accuracyTable([row('paper', 2, 'data', 1000), row('chebyshev', 2, 'data', 1500), row('chebyshev', 5, 'data', 2000), row('chebyshev', 5, 'fixed', 1)], 'data');
    assert.deepEqual(t, [{ method: 'paper', 'N = 2': 50, 'N = 5': null }, { method: 'chebyshev', 'N = 2': 75, 'N = 5': 100 }]);
  });

  it('the paper\'s rows are Table 6\'s choice of Table 1 (numerical, uniform nodes), degrees 2-4 only', () => {
    for (const d of [2, 3, 4]) assert.deepEqual(paperBest(d)!.monomial().map((c) => +c.toPrecision(4)), paperRow(`T1-numerical-uniform-${d}`)!.coefficients.map((c) => +c.toPrecision(4)));
    assert.equal(paperBest(5), null);
    assert.deepEqual(MNIST_METHODS, ['paper', 'chebyshev', 'minimax', 'rho-optimal', 'weighted']);
  });

  it('polynomial names', () => {
    assert.deepEqual(parsePolySpec('relu'), { kind: 'relu', name: 'relu' });
    assert.deepEqual(parsePolySpec('rho-optimal-7'), { kind: 'method', name: 'rho-optimal-7', method: 'rho-optimal', degree: 7 });
    assert.deepEqual(parsePolySpec('paper-best-3'), { kind: 'method', name: 'paper-best-3', method: 'paper', degree: 3 });
    const c = parsePolySpec('coefficients:1,2,3');
    assert.ok(c.kind === 'coefficients' && Math.abs(c.polynomial.evaluate(10) - (1 + 20 + 300)) < 1e-12);
    for (const bad of ['', 'ReLU', 'minimax', 'minimax-0', 'paper-best-5', 'chebyshev-65', 'coefficients:', 'coefficients:1,,2']) {
      assert.throws(() => parsePolySpec(bad, '--poly'), (e: unknown) => e instanceof InputError && e.argument === '--poly', bad);
    }
  });

  it('the measured histogram: each layer half the mass, values outside [-200, 200] left out and counted', () => {
    const pre = { conv: Float64Array.from([0, 1, 2, 3]), dense: Float64Array.from([-10, 10, 30]), count: 1 };
    const h = scaledHistogram(pre, boundsScaling(4, 20), 4); // conv -> 0, 50 | 100, 150; dense -> -100 | 100 | 300 (outside)
    assert.deepEqual(h.edges, [-200, -100, 0, 100, 200]);
    assert.deepEqual(h.counts, [0, 0.25, 2 * 0.125, 2 * 0.125 + 0.25]); // dense: 2 inside, 1/4 each; conv: 4 values, 1/8 each
    assert.equal(h.outside, 1);
    assert.throws(() => boundsScaling(0, 1), (e: unknown) => e instanceof InputError && e.argument === 'convBound');
    assert.throws(() => boundsScaling(1, NaN), (e: unknown) => e instanceof InputError && e.argument === 'denseBound');
  });

  it('figures: traces per method plus the baseline lines; digits; confusion matrix; histograms with bounds', () => {
    const rows = [row('chebyshev', 2, 'data', 1000), row('chebyshev', 3, 'data', 1100), row('minimax', 2, 'data', 1200), row('minimax', 2, 'fixed', 1)];
    assert.equal(accuracyDegreeFigure(rows, 'data', 0.93).data.length, 2 + 2);
    assert.equal(accuracyDegreeFigure(rows, 'data', 0.93, { finetuned: [{ degree: 2, accuracyAfter: 0.9 }] }).data.length, 5);
    assert.throws(() => accuracyDegreeFigure(rows.slice(0, 3), 'fixed', 0.9), InputError);
    const { test } = mnistSplit();
    const d = digitsFigure(test, [0, 1, 2]);
    assert.equal(d.data.length, 3);
    assert.equal((d.data[1] as { z: number[][] }).z[14][14], test.images[784 + 14 * 28 + 14]);
    const m = confusionMatrix(Uint8Array.from([0, 1, 1, 9]), Uint8Array.from([0, 1, 7, 9]));
    assert.equal(m[1][7], 1);
    assert.equal(m.flat().reduce((a, b) => a + b, 0), 4);
    assert.equal(confusionFigure(m).data.length, 1);
    assert.throws(() => confusionFigure([[1]]), InputError);
    const pre = { conv: Float64Array.from([-1, 0, 2]), dense: Float64Array.from([3, 4]), count: 1 };
    assert.equal(preActivationFigure(pre, [boundsScaling(2, 5), boundsScaling(3, 6)]).data.length, 2 + 2 * 2);
  });
});
