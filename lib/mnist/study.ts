/**
 * The accuracy study of notebook 09: every method x degree 2..8 under (a) the paper's fixed
 * [-200, 200] scaling and (b) the interval chosen from the measured pre-activations, and the goal
 * statement (the ReLU baseline and the lowest degree within 0.5 percentage points of it).
 */
import type { Polynomial } from '../polynomial';
import { evaluateNetwork, measuredHistogram, type AccuracyResult, type MnistContext } from './accuracy';
import { MNIST_DEGREES, MNIST_METHODS, methodPolynomial, type MnistMethod } from './polynomials';

export type StudyRule = 'fixed' | 'data';
export const STUDY_RULES: readonly StudyRule[] = ['fixed', 'data'];

export interface StudyRow {
  readonly method: MnistMethod;
  readonly degree: number;
  readonly rule: StudyRule;
  readonly polynomial: Polynomial;
  readonly result: AccuracyResult;
}

/** Every method x degree x rule that has a polynomial (the paper's rows only for N = 2..4). */
export function accuracyStudy(ctx: MnistContext, options: { methods?: readonly MnistMethod[]; degrees?: readonly number[]; rules?: readonly StudyRule[] } = {}): StudyRow[] {
  const rows: StudyRow[] = [];
  for (const rule of options.rules ?? STUDY_RULES) {
    const histogram = measuredHistogram(ctx, rule);
    for (const method of options.methods ?? MNIST_METHODS) {
      for (const degree of options.degrees ?? MNIST_DEGREES) {
        const polynomial = methodPolynomial(method, degree, histogram);
        if (!polynomial) continue;
        const name = `${method === 'paper' ? 'paper-best' : method}-${degree}`;
        rows.push({ method, degree, rule, polynomial, result: evaluateNetwork(ctx, polynomial, rule, { name }) });
      }
    }
  }
  return rows;
}

/** The best row (highest accuracy; ties: lowest mean deviation, then method order) among `rows`. */
export function bestRow<T extends { result: AccuracyResult }>(rows: readonly T[]): T | null {
  let best: T | null = null;
  for (const r of rows) {
    if (!best || r.result.accuracy > best.result.accuracy || (r.result.accuracy === best.result.accuracy && r.result.meanDeviation < best.result.meanDeviation)) best = r;
  }
  return best;
}

/** Table form: one row per method and degree, accuracy (%) under each rule. */
export function accuracyTable(rows: readonly StudyRow[], rule: StudyRule): Record<string, string | number | null>[] {
  const methods = [...new Set(rows.map((r) => r.method))];
  const degrees = [...new Set(rows.map((r) => r.degree))].sort((a, b) => a - b);
  return methods.map((method) => {
    const row: Record<string, string | number | null> = { method };
    for (const d of degrees) {
      const r = rows.find((x) => x.method === method && x.degree === d && x.rule === rule);
      row[`N = ${d}`] = r ? 100 * r.result.accuracy : null;
    }
    return row;
  });
}

/** The goal of issue #12: ReLU baseline, and the lowest degree within `tolerance` (fraction) of it. */
export interface GoalSummary {
  readonly baseline: number;
  readonly tolerance: number;
  /** Lowest degree (data interval, no fine-tuning) whose best method is within tolerance; null if none. */
  readonly withoutFinetuning: { degree: number; method: string; accuracy: number } | null;
  /** Lowest degree among the fine-tuned networks within tolerance; null if none (or none given). */
  readonly withFinetuning: { degree: number; method: string; accuracy: number } | null;
  /** The sentence to print. */
  readonly text: string;
}

export function goalSummary(baseline: number, rows: readonly StudyRow[], finetuned: readonly { degree: number; method: string; accuracyAfter: number }[] = [], tolerance = 0.005): GoalSummary {
  const pct = (v: number): string => `${(100 * v).toFixed(2)}%`;
  // compare in counts of 1e-12 to avoid calling 93.50% "below" 94.00% - 0.5 pp by rounding
  const ok = (a: number): boolean => a >= baseline - tolerance - 1e-12;
  const degrees = [...new Set(rows.filter((r) => r.rule === 'data').map((r) => r.degree))].sort((a, b) => a - b);
  let without: GoalSummary['withoutFinetuning'] = null;
  for (const d of degrees) {
    const b = bestRow(rows.filter((r) => r.rule === 'data' && r.degree === d));
    if (b && ok(b.result.accuracy)) { without = { degree: d, method: b.method, accuracy: b.result.accuracy }; break; }
  }
  let withFt: GoalSummary['withFinetuning'] = null;
  for (const e of [...finetuned].sort((a, b) => a.degree - b.degree)) {
    if (ok(e.accuracyAfter)) { withFt = { degree: e.degree, method: e.method, accuracy: e.accuracyAfter }; break; }
  }
  const tol = `${(100 * tolerance).toFixed(1)} percentage points`;
  const part = (g: { degree: number; method: string; accuracy: number } | null, how: string): string =>
    g ? `${how}: degree ${g.degree} (${g.method}, ${pct(g.accuracy)})` : `${how}: no degree up to ${Math.max(...degrees, ...finetuned.map((e) => e.degree))} stays within ${tol}`;
  const text = `ReLU baseline ${pct(baseline)} on the test digits. Lowest degree within ${tol} of it, with the interval from the data - `
    + `${part(without, 'without fine-tuning')}; ${finetuned.length > 0 ? part(withFt, 'with polynomial-aware fine-tuning') : 'fine-tuning not run'}.`;
  return { baseline, tolerance, withoutFinetuning: without, withFinetuning: withFt, text };
}
