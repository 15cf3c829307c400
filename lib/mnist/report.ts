/**
 * The tables and the findings of notebook 09, computed from the trained network, the study and the
 * fine-tuned networks (every sentence of the findings is generated from these numbers).
 */
import { confusionMatrix, evaluateNetwork, type AccuracyResult, type MnistContext } from './accuracy';
import { polynomialKernel } from '../network/activation';
import { quantile } from '../statistics';
import { methodPolynomial, polynomialFromChebyshev } from './polynomials';
import { fixedScaling, type MnistScaling } from './scaling';
import { bestRow, goalSummary, type GoalSummary, type StudyRow, type StudyRule } from './study';
import { finetunedNetworks, type FinetunedFile, type TrainedNetwork } from './trained';

/** Median of |v| (a sorted copy). */
function medianAbs(v: Float64Array): number {
  const a = Float64Array.from(v, Math.abs).sort();
  return quantile(a, 0.5);
}

const pct = (v: number): string => `${(100 * v).toFixed(2)}%`;
const pp = (v: number): string => `${(100 * v).toFixed(2)} pp`;

/** The training record as rows (what, value) for a table. */
export function trainingRecordRows(net: TrainedNetwork, ctx: MnistContext): { what: string; value: string }[] {
  const f = net.file, t = f.training;
  return [
    { what: 'data', value: `${f.data.package}; split seed ${String(f.data.split.seed)}: ${f.data.split.train} train / ${f.data.split.test} test` },
    { what: 'training digits SHA-256 (checked on load)', value: f.data.trainSha256 },
    { what: 'library', value: t.library },
    { what: 'optimiser', value: `${t.optimizer}; learning rate ${t.learningRate}${t.finalEpochs > 0 ? ` (the last ${t.finalEpochs} epochs ${t.finalLearningRate})` : ''}, batch ${t.batchSize}, ${t.epochs} epochs, seed ${String(t.seed)}` },
    { what: 'initialisation / order', value: `${t.initialiser}; ${t.order}` },
    { what: 'training loss per epoch', value: t.loss.map((l) => l.toFixed(4)).join(', ') },
    { what: 'training time (as recorded by npm run train)', value: `${t.seconds.toFixed(1)} s` },
    { what: 'test accuracy, stored', value: `${pct(f.accuracy.test)} (${f.accuracy.correct}/${f.accuracy.images})` },
    { what: 'test accuracy, recomputed now (lib/network, float64)', value: `${pct(ctx.relu.accuracy)} (${ctx.relu.correct}/${ctx.network.split.test.count})` },
  ];
}

/** max |u| / 200 of the training pre-activations under a scaling: the share of [-200, 200] the data use. */
function usedShare(ctx: MnistContext, s: MnistScaling): { conv: number; dense: number } {
  const m = (v: Float64Array): number => { let x = 0; for (const a of v) x = Math.max(x, Math.abs(a)); return x; };
  return { conv: m(ctx.trainPre.conv) / s.convBound, dense: m(ctx.trainPre.dense) / s.denseBound };
}

/** The two scalings of the ReLU network: bounds (graph units), lib/network factors and the share of [-200, 200] the training pre-activations reach. */
export function scalingRows(ctx: MnistContext): Record<string, string | number>[] {
  const rows = [fixedScaling(ctx.network.weights), ctx.network.dataScaling];
  return rows.map((s) => {
    const used = usedShare(ctx, s);
    return {
      scaling: s.rule === 'fixed' ? '(a) fixed: every input stays in [-200, 200]' : '(b) data: max |z| over the training digits',
      convBound: s.convBound, denseBound: s.denseBound, conv: s.scales.conv, dense1: s.scales.dense1, logits: s.scales.logits,
      convUsed: 100 * used.conv, denseUsed: 100 * used.dense,
    };
  });
}

/** Per study row: accuracy, drop against ReLU, max and mean |f1 - f1*|, out-of-range fraction (percent). */
export function studyDetailRows(ctx: MnistContext, rows: readonly StudyRow[], rule: StudyRule): Record<string, string | number>[] {
  return rows.filter((r) => r.rule === rule).map((r) => ({
    method: r.method, degree: r.degree,
    accuracy: 100 * r.result.accuracy, drop: 100 * (ctx.relu.accuracy - r.result.accuracy),
    maxDeviation: r.result.maxDeviation, meanDeviation: r.result.meanDeviation,
    outOfRange: 100 * r.result.outOfRange.all,
  }));
}

/** A fine-tuned network as the notebook shows it, its accuracy recomputed from the stored weights. */
export interface FinetuneRow {
  readonly degree: number;
  readonly method: string;
  readonly accuracyBefore: number;
  /** Recomputed now from the stored fine-tuned weights (equals the stored figure; the tests check it). */
  readonly accuracyAfter: number;
  readonly storedAfter: number;
  readonly recovered: number;
  readonly gap: number;
  readonly maxDeviation: number;
  readonly outOfRange: number;
  readonly result: AccuracyResult;
}

/** The fine-tuned networks of `data/mnist/finetuned.json` as re-evaluated now. */
export interface FinetuneStudy {
  readonly rows: FinetuneRow[];
  readonly training: FinetunedFile['training'];
  /** The ReLU network trained on with the same schedule (the control), re-evaluated. */
  readonly control: { readonly accuracy: number; readonly storedAccuracy: number; readonly maxDeviation: number };
}

/** The stored fine-tuned networks (and how they were trained), each re-evaluated on the test digits. */
export function finetuneStudy(ctx: MnistContext): FinetuneStudy {
  const ft = finetunedNetworks(ctx.network);
  const c = evaluateNetwork(ctx, null, 'data', { weights: ft.reluControl, scaling: ft.scaling, name: 'relu, trained on' });
  const rows = ft.entries.map((e) => {
    const p = polynomialFromChebyshev(e.chebyshev);
    const result = evaluateNetwork(ctx, p, 'data', { weights: e.network, scaling: ft.scaling, name: `${e.method}-${e.degree}, fine-tuned` });
    return {
      degree: e.degree, method: e.method, accuracyBefore: e.accuracyBefore, accuracyAfter: result.accuracy, storedAfter: e.accuracyAfter,
      recovered: result.accuracy - e.accuracyBefore, gap: ctx.relu.accuracy - result.accuracy,
      maxDeviation: result.maxDeviation, outOfRange: result.outOfRange.all, result,
    };
  });
  return { rows, training: ft.file.training, control: { accuracy: c.accuracy, storedAccuracy: ft.file.reluControl.accuracy, maxDeviation: c.maxDeviation } };
}

/** The fine-tuning table of the notebook: the ReLU control first, then one row per degree (percent). */
export function finetuneTableRows(ctx: MnistContext, ft: FinetuneStudy): Record<string, string | number | null>[] {
  return [
    { degree: 'ReLU control', method: 'relu', before: 100 * ctx.relu.accuracy, after: 100 * ft.control.accuracy, gap: 100 * (ctx.relu.accuracy - ft.control.accuracy), maxDeviation: ft.control.maxDeviation, outOfRange: null },
    ...ft.rows.map((r) => ({ degree: r.degree, method: r.method, before: 100 * r.accuracyBefore, after: 100 * r.accuracyAfter, gap: 100 * r.gap, maxDeviation: r.maxDeviation, outOfRange: 100 * r.outOfRange })),
  ];
}

/** The best degree-4 network of the study (both rules) and its confusion matrix. */
export function bestDegreeConfusion(ctx: MnistContext, rows: readonly StudyRow[], degree = 4): { row: StudyRow; matrix: number[][] } | null {
  const best = bestRow(rows.filter((r) => r.degree === degree));
  return best ? { row: best, matrix: confusionMatrix(ctx.network.split.test.labels, best.result.predictions) } : null;
}

/** Numbered findings (Markdown) generated from the numbers, with the goal statement last. */
export function mnistFindings(ctx: MnistContext, rows: readonly StudyRow[], finetune?: FinetuneStudy): { markdown: string; goal: GoalSummary } {
  const finetuned = finetune?.rows ?? [];
  const base = ctx.relu.accuracy;
  const fixed = fixedScaling(ctx.network.weights), data = ctx.network.dataScaling;
  const usedA = usedShare(ctx, fixed);
  const byRule = (rule: StudyRule) => rows.filter((r) => r.rule === rule);
  const bestOf = (rule: StudyRule, degree?: number) => bestRow(byRule(rule).filter((r) => degree === undefined || r.degree === degree));
  const name = (r: StudyRow): string => `${r.method} N = ${r.degree}`;
  const lines: string[] = [];
  lines.push(`**The exact-ReLU network reaches ${pct(base)}** (${ctx.relu.correct} of ${ctx.network.split.test.count} test digits) after ${ctx.network.file.training.epochs} epochs - one 5x5 filter and no biases; CryptoNets' 98.95% is a larger five-layer network.`);
  const a = bestOf('fixed'), a4 = bestOf('fixed', 4), paper4 = byRule('fixed').find((r) => r.method === 'paper' && r.degree === 4);
  if (a && a4) {
    const medA = medianAbs(ctx.trainPre.dense) * 200 / fixed.denseBound, medB = medianAbs(ctx.trainPre.dense) * 200 / data.denseBound;
    const err4 = polynomialKernel(methodPolynomial('minimax', 4)!).reluError;
    lines.push(`**(a) The paper's fixed [-200, 200] scaling wastes the interval:** the training pre-activations reach at most ${(100 * usedA.conv).toFixed(1)}% (conv) and ${(100 * usedA.dense).toFixed(1)}% (dense) of it; the median |u| of the dense layer is ${medA.toPrecision(3)} (${medB.toPrecision(3)} under (b)), while even the degree-4 minimax polynomial is off ReLU by up to ${err4.toPrecision(3)} on [-200, 200]. The best network under (a) is ${name(a)} at ${pct(a.result.accuracy)} (${pp(base - a.result.accuracy)} below ReLU); at degree 4 the best is ${name(a4)} at ${pct(a4.result.accuracy)}${paper4 ? `, and the paper's own degree-4 polynomial gives ${pct(paper4.result.accuracy)}` : ''}.`);
  }
  const widest = byRule('fixed').reduce<StudyRow | null>((w, r) => (!w || r.result.scaling.denseBound > w.result.scaling.denseBound ? r : w), null);
  if (widest && widest.result.scaling.denseBound > 1.5 * fixed.denseBound) {
    const range = polynomialKernel(widest.polynomial).range;
    lines.push(`Under (a) the factors also depend on the polynomial's range on all of [-200, 200]: ${name(widest)} (fitted where the training values lie) ranges over [${range[0].toPrecision(3)}, ${range[1].toPrecision(3)}], so the provably safe dense bound grows from ${fixed.denseBound.toPrecision(3)} (ReLU) to ${widest.result.scaling.denseBound.toPrecision(3)} and the network falls to ${pct(widest.result.accuracy)}.`);
  }
  const perDegree = [...new Set(byRule('data').map((r) => r.degree))].sort((x, y) => x - y).map((d) => bestOf('data', d)!);
  if (perDegree.length > 0) {
    lines.push(`**(b) The interval from the data** (conv [-${data.convBound.toPrecision(3)}, ${data.convBound.toPrecision(3)}], dense [-${data.denseBound.toPrecision(3)}, ${data.denseBound.toPrecision(3)}] in the trained units) gives, best method per degree: ${perDegree.map((r) => `N = ${r.degree}: ${pct(r.result.accuracy)} (${r.method})`).join('; ')}.`);
    const worstOut = Math.max(...byRule('data').map((r) => r.result.outOfRange.all));
    const b4 = bestOf('data', 4);
    const outside = worstOut === 0
      ? 'With the trained weights, no pre-activation of any polynomial network of (b) falls outside the data interval on the test digits (under (a) none can, by construction).'
      : `With the trained weights, at most ${(100 * worstOut).toPrecision(2)}% of the pre-activations of a polynomial network of (b) fall outside the data interval on the test digits: the training maximum of the ReLU network bounds neither the test digits nor a polynomial network's own dense pre-activations (under (a) none can, by construction).`;
    lines.push(`${outside}${b4 && a4 ? ` The paper's metric on real inputs, max |f1 - f1*| over the test digits, is ${b4.result.maxDeviation.toPrecision(3)} for the best degree-4 network under (b) (mean ${b4.result.meanDeviation.toPrecision(3)}) against ${a4.result.maxDeviation.toPrecision(3)} under (a) (mean ${a4.result.meanDeviation.toPrecision(3)}).` : ''}`);
  }
  if (finetuned.length > 0) {
    const ft = [...finetuned].sort((x, y) => x.degree - y.degree);
    const t = finetune!.training, control = finetune!.control.accuracy;
    lines.push(`**Polynomial-aware fine-tuning** (the polynomial in both layers, ${t.epochs} epoch${t.epochs === 1 ? '' : 's'} of Adam at ${t.learningRate} from the ReLU weights) moves the test accuracy ${ft.map((r) => `N = ${r.degree} (${r.method}): ${pct(r.accuracyBefore)} -> ${pct(r.accuracyAfter)}`).join('; ')}. `
      + `The ReLU network trained on with the same schedule reaches ${pct(control)} (${control >= base ? '+' : ''}${pp(control - base)} against the base network), and ${ft.filter((r) => r.accuracyAfter >= control).length} of the ${ft.length} fine-tuned polynomial networks reach at least that control. `
      + `Fine-tuning moves the pre-activations while the scaling stays fixed: up to ${(100 * Math.max(...ft.map((r) => r.outOfRange))).toPrecision(3)}% of them now fall outside [-200, 200] (${ft.map((r) => `N = ${r.degree}: ${(100 * r.outOfRange).toPrecision(2)}%`).join(', ')}); the polynomial is evaluated there all the same, as it would be under encryption, and the accuracies include it.`);
  }
  const goal = goalSummary(base, rows, finetuned.map((r) => ({ degree: r.degree, method: r.method, accuracyAfter: r.accuracyAfter })));
  lines.push(`**Goal (issue #12):** ${goal.text}`);
  return { markdown: lines.map((l, i) => `${i + 1}. ${l}`).join('\n'), goal };
}
