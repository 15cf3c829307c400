/**
 * The findings of notebook 03-methods, generated from its tables: the four methods for ReLU at one
 * degree, the best method per function and degree (fourMethodsRhoTable), the Taylor node rule,
 * and the degrees the derivative approach skips.
 */
import { activation } from '../activations';
import { formatNumber } from '../display/format';
import { list } from '../display/prose';
import { derivativeFit, taylor, taylorNodes } from '../fit/index';
import { metrics } from '../metrics';
import { paperRows } from '../paper/data';
import { functionLabel } from '../paper/labels';
import type { LabelledFit, MethodRhoRow } from '../paper/methods';
import type { Interval } from '../polynomial';

const show = (v: number): string => formatNumber(v, 4);
const label = (fn: string): string => (fn === 'sigmoid' ? 'the sigmoid' : functionLabel(fn));

export interface MethodsNotebookResults {
  readonly interval: Interval;
  /** The four methods for ReLU at one degree (fourMethods), and that degree. */
  readonly reluFits: readonly LabelledFit[];
  readonly reluDegree: number;
  /** fourMethodsRhoTable(interval, ...): rho (dense grid) of each method per function and degree. */
  readonly rhoTable: readonly MethodRhoRow[];
  /** Nodes and seed of the numerical method. */
  readonly m: number;
  readonly seed: string | number;
}

/** Whether two polynomials have the same monomial coefficients to `tol` of the largest (the higher one's extra terms below it). */
function samePolynomial(p: readonly number[], q: readonly number[], tol = 1e-9): boolean {
  const scale = Math.max(...p.map(Math.abs), ...q.map(Math.abs));
  return Array.from({ length: Math.max(p.length, q.length) }, (_, k) => Math.abs((p[k] ?? 0) - (q[k] ?? 0))).every((d) => d <= tol * scale);
}

/** Markdown: the numbered findings of notebook 03. */
export function methodFindings(r: MethodsNotebookResults): string {
  const [a, b] = r.interval;
  const relu = activation('relu');
  const dense = r.reluFits.map(({ label: l, fit }) => ({ label: l, rho: metrics(relu, fit.polynomial, r.interval).rho }));
  const fns = [...new Set(r.rhoTable.map((x) => x.function))];
  const rows = (fn: string): MethodRhoRow[] => r.rhoTable.filter((x) => x.function === fn);
  const best = fns.map((fn) => {
    const rs = rows(fn), methods = [...new Set(rs.map((x) => x.best))];
    const name = (m: string): string => (m === 'Chebyshev' ? 'the Chebyshev series' : m.startsWith('numerical') ? `the numerical method ${m.slice('numerical '.length)}` : m);
    return `${methods.length === 1 ? name(methods[0]) : list(methods.map(name))} for ${label(fn)}`
      + ` at N = ${list(rs.map((x) => String(x.N)))} (${rs.map((x) => show(x[x.best] as number)).join(', ')})`;
  });
  const methodNames = Object.keys(r.rhoTable[0]).filter((k) => k !== 'function' && k !== 'N' && k !== 'best');
  const reluRows = rows('relu');
  const worstAt = reluRows.filter((x) => methodNames.every((m) => (x.Taylor as number) >= (x[m] as number))).map((x) => x.N);
  const others = reluRows.filter((x) => !worstAt.includes(x.N)).map((x) => {
    const w = methodNames.reduce((u, v) => ((x[v] as number) > (x[u] as number) ? v : u));
    return `at N = ${x.N} the ${w === 'derivative' ? 'derivative approach' : w}, ${show(x[w] as number)}, is worse`;
  });
  const taylorHead = worstAt.length === reluRows.length ? '**Taylor is the worst method for ReLU at every degree**'
    : `**Taylor is the worst method for ReLU at ${worstAt.length > 0 ? `N = ${list(worstAt.map(String))}` : 'no degree'}**`;
  const n3 = 3 + 3, z = (a + b) / 2, s = b - a;
  const nodes = taylorNodes(n3).map((w) => formatNumber(Math.abs(z + s * w) < 1e-9 * s ? 0 : z + s * w, 4));
  const taylor3 = taylor(relu, 3, r.interval).polynomial.toString({ dropBelow: 1e-13 });
  // The derivative approach: degrees N and N + 1 that give the same polynomial.
  const skips = fns.flatMap((fn) => {
    const f = activation(fn);
    const ds = rows(fn).map((x) => x.N);
    return ds.filter((d) => ds.includes(d + 1)).filter((d) => samePolynomial(derivativeFit(f, d, r.interval).polynomial.monomial(), derivativeFit(f, d + 1, r.interval).polynomial.monomial()))
      .map((d) => ({ fn, d, rho: rows(fn).find((x) => x.N === d)!.derivative as number }));
  });
  const printed = (fn: string, d: number): string[] => paperRows().filter((p) => p.function === fn && p.method === 'derivative' && p.table <= 3 && (p.degree === d || p.degree === d + 1) && p.inner !== 'sigmoid').map((p) => p.rho.text);
  const paperSame = skips.every(({ fn, d }) => { const t = printed(fn, d); return t.length === 2 && t[0] === t[1]; });
  const skipText = skips.length === 0 ? 'The derivative approach gives a different polynomial at every degree.'
    : `**The derivative approach skips a degree:** ${list(skips.map(({ fn, d, rho }) => `for ${label(fn)} N = ${d} and N = ${d + 1} give the same polynomial (rho ${show(rho)})`))}`
      + ` - ReLU' is 1/2 plus an odd function, the sigmoid's and tanh's derivatives are even.${paperSame ? ' The paper prints the same rho for each of these pairs.' : ''}`;
  return [
    `**ReLU, N = ${r.reluDegree}, on [${a}, ${b}]** (rho on 100001 points): ${list(dense.map((x) => `${x.label === r.reluFits[0].label ? `numerical method on ${r.m} ${x.label.replace(/^numerical \((.*)\)$/, '$1')} (seed ${String(r.seed)})` : x.label === 'Chebyshev' ? 'Chebyshev series' : x.label === 'derivative' ? 'derivative approach' : x.label} ${show(x.rho)}`))}.`,
    `**Best method per cell:** ${best.join(', ')}${fns.length === 3 && best[0].startsWith('the numerical') && !best[1].includes('numerical') ? " - the paper's conclusion, here on the dense grid" : ''}.`,
    `${taylorHead} (rho ${reluRows.map((x) => show(x.Taylor as number)).join(', ')} at N = ${list(reluRows.map((x) => String(x.N)))}${others.length > 0 ? `; ${list(others)}` : ''}): its nodes sit at z + ${s} cos(k pi / n),`
      + ` twice as far out as the interval's ends, and for N = 3 they are {${nodes.join(', ')}}, not symmetric, which gives ${taylor3}.`,
    skipText,
  ].map((f, i) => `${i + 1}. ${f}`).join('\n');
}
