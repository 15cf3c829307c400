/**
 * The findings of notebook 06-network, generated from its reports: both scalings with the paper's
 * polynomial, the other polynomials, the weight seeds. Each headline is chosen by the numbers
 * (e.g. "below the paper's 0.200293" only when the certified bound is).
 */
import { formatNumber } from '../display/format';
import { list } from '../display/prose';
import type { NetworkReport, SensitivityRow } from '../network/report';

const show = (v: number, digits = 3): string => formatNumber(v, digits);
const range = (vs: readonly number[], digits = 3): string => `${show(Math.min(...vs), digits)}-${show(Math.max(...vs), digits)}`;
const count = (n: number): string => (n >= 1e5 && Number.isInteger(Math.log10(n)) ? `10^${Math.log10(n)}` : String(n));

export interface NetworkNotebookResults {
  /** The paper's polynomial with fixed and with per-input scaling (weight seed 1). */
  readonly fixed: NetworkReport;
  readonly perInput: NetworkReport;
  /** polynomialComparison: each polynomial x scaling, the paper's best included (label `paper-best-4`), and the minimax one (`minimax-4`). */
  readonly others: readonly NetworkReport[];
  /** seedSensitivity rows, and the inputs per row. */
  readonly seeds: readonly SensitivityRow[];
  readonly seedInputs: number;
}

function pick(reports: readonly NetworkReport[], poly: string, scaling: string): NetworkReport {
  const r = reports.find((x) => x.poly === poly && x.scaling === scaling);
  if (!r) throw new Error(`no report for ${poly}, ${scaling}`);
  return r;
}

/** Markdown: the numbered findings of notebook 06. */
export function networkFindings(r: NetworkNotebookResults): string {
  const { fixed, perInput } = r;
  const paper = fixed.paper;
  const fb = fixed.bracket, pb = perInput.bracket;
  const fixedSeeds = r.seeds.filter((s) => s.scaling === 'fixed'), perSeeds = r.seeds.filter((s) => s.scaling === 'per-input');
  const allBelow = fixedSeeds.every((s) => s.upperBound < paper);
  const one = [
    `${fb.upperBound < paper ? '**The choices the paper left open decide the answer.** ' : ''}With the provably safe \`fixed\` scaling (every pre-activation in`
      + ` [-200, 200] for every input), |f1 - f1*| is ${show(fb.randomMax)} at most over ${count(fixed.experiment.inputs)} random inputs,`
      + `${fb.searchMax !== null ? ` ${show(fb.searchMax)} after the search,` : ''} and **certified <= ${show(fb.upperBound)} for every input** -`
      + ` ${fb.upperBound < paper ? 'below' : 'not below'} the paper's ${paper}.`,
    `For the ${fixedSeeds.length} weight seeds the certified bound is ${range(fixedSeeds.map((s) => s.upperBound))}${allBelow
      ? ', so with uniform weights the paper\'s value cannot come from a worst-case-safe fixed scaling.' : '.'}`,
  ].join(' ');
  const inside = pb.randomMax < paper && paper < pb.upperBound;
  const two = `With \`per-input\` max-abs scaling the outputs move ${pb.randomMax > fb.randomMax ? 'far more' : 'differently'}: random max **${show(pb.randomMax)}** over`
    + ` ${count(perInput.experiment.inputs)} inputs,${pb.searchMax !== null ? ` search max **${show(pb.searchMax)}**,` : ''} and the`
    + ` ${perInput.bound.limitedBy === 'range' ? 'only certified bound is the trivial range of f1 on [-1, 1]^10' : 'certified bound is'}, **${show(pb.upperBound)}**`
    + `${perInput.bound.limitedBy === 'range' ? ' (the normalisation is not Lipschitz near zero logits)' : ''}.`
    + `${inside ? ` The paper's ${paper} lies inside this bracket, above our random maximum for weight seed ${perInput.weightSeed}.` : ''}`;
  const three = `The weight seed alone moves the random maximum (${count(r.seedInputs)} inputs, per-input scaling) from ${range(perSeeds.map((s) => s.randomMax))}`
    .replace(/from (\S+)-(\S+)$/, 'from $1 to $2')
    + ` across seeds ${list(perSeeds.map((s) => s.weightSeed))}${perSeeds.every((s) => s.searchMax !== null) ? `, and the search maximum from ${show(Math.min(...perSeeds.map((s) => s.searchMax!)))} to ${show(Math.max(...perSeeds.map((s) => s.searchMax!)))}` : ''}:`
    + " the paper's single number is one draw from a wide distribution; it is not reproducible without the weights.";
  const e = perInput.experiment;
  const q = (level: number): number => e.quantiles.find((x) => x.q === level)!.value;
  const starts = perInput.search?.perStart ?? [];
  const high = starts.filter((s) => s.final >= 2 * e.max);
  const four = `A maximum over random inputs is ${high.length > 0 ? 'a poor' : 'an'} estimate of the worst case: per-input, the median deviation is ${show(q(0.5), 2)},`
    + ` the 99.99% quantile ${show(q(0.9999), 2)} and the maximum ${show(e.max)}${high.length > 0 ? `, while gradient ascent from the worst random inputs or from constructed`
      + ` images reaches ${range(high.map((s) => s.final), 2)} from ${high.length} of the ${starts.length} starts (${show(pb.searchMax! / e.max, 2)}x the random maximum)` : ''}.`;
  const pbest = (s: string) => pick(r.others, 'paper-best-4', s), mm = (s: string) => pick(r.others, 'minimax-4', s);
  const epsP = pbest('fixed').bound.activationError, epsM = mm('fixed').bound.activationError;
  const ratio = mm('fixed').experiment.max / pbest('fixed').experiment.max;
  const searchText = pbest('per-input').bracket.searchMax !== null && mm('per-input').bracket.searchMax !== null
    ? ` (search: ${show(pbest('per-input').bracket.searchMax!)} -> ${show(mm('per-input').bracket.searchMax!)})` : '';
  const five = `The polynomial's accuracy ${mm('per-input').experiment.max > 0.8 * pbest('per-input').experiment.max ? 'matters little once the normalisation dominates' : 'matters'}:`
    + ` the minimax polynomial (max |p - ReLU| = ${show(epsM, 4)} against ${show(epsP, 4)} for the paper's) changes the per-input random maximum`
    + ` (${count(pbest('per-input').experiment.inputs)} inputs) from ${show(pbest('per-input').experiment.max)} to ${show(mm('per-input').experiment.max)}${searchText}.`
    + ` Under fixed scaling the deviation scales with the activation error: ${show(pbest('fixed').experiment.max, 2)} -> ${show(mm('fixed').experiment.max, 2)}`
    + ` (ratio ${show(ratio, 2)} vs ${show(epsM, 4)}/${show(epsP, 4)} = ${show(epsM / epsP, 2)}).`;
  const b = fixed.bound;
  const out = [fixed, perInput].reduce((s, x) => s + x.experiment.outOfRange.conv + x.experiment.outOfRange.dense, 0);
  const six = `The certified error budget of the fixed network: |a* - a| <= ${show(b.activationError, 4)} after the first activation, |u* - u| <= ${show(b.denseError, 4)}`
    + ` before the second, |e* - e| <= ${show(b.hiddenError, 4)} after it${b.logitError !== null ? `, |z* - z| <= ${show(b.logitError, 2)} on the logits` : ''}.`
    + ` ${out === 0 ? 'No pre-activation' : `${out} pre-activation${out === 1 ? '' : 's'}`} left [-200, 200] in the two runs (${out} out-of-range counts over`
    + ` ${count(fixed.experiment.inputs)} inputs, both scalings).`;
  return [one, two, three, four, five, six].map((f, i) => `${i + 1}. ${f}`).join('\n');
}
