/**
 * The findings of notebook 02-nodes, generated from its tables: where each node rule puts its
 * nodes (nodeShares on the illustration interval and on the paper's), and where least squares on
 * each rule has its largest error (nodeRuleErrors).
 */
import { formatNumber } from '../display/format';
import { mathjs } from '../mathjs-instance';
import { list, percent } from '../display/prose';
import { paperRows } from '../paper/data';
import type { NodeShares, RegionErrors, Rule } from '../paper/nodes';

const pct = (share: number): string => percent(100 * share);
const show = (v: number, digits = 3): string => formatNumber(v, digits);
const RULE: Record<Rule, string> = { uniform: 'uniform', normal: 'normal', chebyshev: 'Chebyshev' };

function rule<T extends { rule: Rule }>(rows: readonly T[], r: Rule): T {
  const x = rows.find((y) => y.rule === r);
  if (!x) throw new Error(`no row for the ${r} rule`);
  return x;
}

export interface NodesNotebookResults {
  /** The illustration interval and its shares, and the paper's interval and its shares (same m and seed). */
  readonly small: { interval: readonly [number, number]; shares: readonly NodeShares[] };
  readonly paper: { interval: readonly [number, number]; shares: readonly NodeShares[] };
  readonly seed: string | number;
  /** Errors per rule: ReLU at one degree, tanh and the sigmoid at another. */
  readonly relu: { degree: number; errors: readonly RegionErrors[] };
  readonly tanh: { degree: number; errors: readonly RegionErrors[] };
  readonly sigmoid: { degree: number; errors: readonly RegionErrors[] };
}

/** Markdown: the numbered findings of notebook 02. */
export function nodeFindings(r: NodesNotebookResults): string {
  const { small, paper } = r;
  const m = small.shares[0].m;
  const [u, n, c] = (['uniform', 'normal', 'chebyshev'] as const).map((x) => rule(small.shares, x));
  const asSaid = n.middleThird > u.middleThird && u.middleThird > c.middleThird && c.outerFifth > u.outerFifth && u.outerFifth > n.outerFifth;
  const differ = paper.shares.filter((p) => {
    const s = rule(small.shares, p.rule);
    return pct(p.middleThird) !== pct(s.middleThird) || pct(p.outerFifth) !== pct(s.outerFifth);
  });
  const same = differ.length === 0 ? `The shares are the same on [${paper.interval.join(', ')}]`
    : `On [${paper.interval.join(', ')}] the shares are the same but for ${list(differ.map((p) => `the ${RULE[p.rule]} rule's ${pct(p.middleThird)} and ${pct(p.outerFifth)}`))}`;
  // The normal rule's draws are N(mu, sigma^2), sigma = ceil((b - a) / 6): the expected share outside [a, b] is erfc(h / (sigma sqrt 2)).
  const [a, b] = paper.interval;
  const sigma = Math.ceil((b - a) / 6), h = (b - a) / 2;
  const expected = 1 - (mathjs().erf(h / (sigma * Math.SQRT2)) as number);
  const np = rule(paper.shares, 'normal');
  const re = r.relu.errors, [ru, rn, rc] = (['uniform', 'normal', 'chebyshev'] as const).map((x) => rule(re, x));
  const follows = rn.middle < ru.middle && rn.middle < rc.middle && rc.ends < ru.ends && rc.ends < rn.ends;
  const te = r.tanh.errors, se = r.sigmoid.errors;
  const middles = te.map((e) => e.middle), worst = (es: readonly RegionErrors[]) => es.reduce((x, y) => (y.overall > x.overall ? y : x));
  const normalRows = paperRows().filter((p) => (p.table === 2 || p.table === 3) && p.nodes === 'normal').map((p) => p.rho.value);
  const spread = (Math.max(...middles) - Math.min(...middles)) / Math.max(...middles);
  return [
    `${asSaid ? '**The node densities are as the paper says.** ' : ''}With m = ${m} and seed ${String(r.seed)} on [${small.interval.join(', ')}], the middle third holds`
      + ` ${pct(u.middleThird)} of the uniform nodes, ${pct(n.middleThird)} of the normal nodes and ${pct(c.middleThird)} of the Chebyshev roots; the outer fifth holds`
      + ` ${pct(u.outerFifth)}, ${pct(n.outerFifth)} and ${pct(c.outerFifth)}. ${same}: the rules are affine in the interval, except for the rounding in sigma = ceil((b - a)/6).`,
    `**The normal rule is not truncated:** ${Math.round(np.outside * m)} of ${m} draws (${pct(np.outside)}) fall outside [${a}, ${b}], against the expected`
      + ` ${percent(100 * expected, 2)} for sigma = ceil((b - a)/6) = ${sigma}.`,
    `${follows ? '**The fit follows the nodes.** ' : ''}ReLU, N = ${r.relu.degree}: the largest error in the middle third is ${show(rn.middle)} with normal nodes, against`
      + ` ${show(ru.middle)} uniform and ${show(rc.middle)} Chebyshev; at the ends ${show(rc.ends)} with Chebyshev roots, against ${show(ru.ends)} uniform and ${show(rn.ends)} normal.`,
    `${spread < 0.05 ? '**For the sigmoid and tanh the node rule hardly changes the largest error in the middle, where the step is:** ' : ''}tanh N = ${r.tanh.degree} has`
      + ` ${show(Math.min(...middles))}-${show(Math.max(...middles))} in the middle third for every rule; at the ends Chebyshev roots give ${show(rule(te, 'chebyshev').ends, 2)},`
      + ` uniform ${show(rule(te, 'uniform').ends)} and normal ${show(rule(te, 'normal').ends)} - so the ${RULE[worst(te).rule]} rule is the worst overall`
      + ` (${show(worst(te).overall)} for tanh, ${show(worst(se).overall)} with the ${RULE[worst(se).rule]} rule for the sigmoid, N = ${r.sigmoid.degree}), as the normal rows of`
      + ` Tables 2-3 show (printed rho ${show(Math.min(...normalRows), 2)}-${show(Math.max(...normalRows), 2)}).`,
  ].map((f, i) => `${i + 1}. ${f}`).join('\n');
}
