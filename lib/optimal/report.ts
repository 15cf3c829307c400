/**
 * Text for notebooks built from a Comparison (lib/optimal/study.ts): table rows, the optimum per
 * degree, the equal-pairs table, and the numbered findings of the template notebook.
 *
 * Every generated sentence states numbers that were computed and are shown in the notebook;
 * where the data cannot support a statement (a single degree, no consecutive degrees, an optimum
 * at rounding level) the findings say what was computed and what would be needed, not more.
 */
import { Table } from '../display/table';
import { formatNumber } from '../display/format';
import { list, percent } from '../display/prose';
import { InputError } from '../errors';
import { ROUNDING_FLOOR } from './rho-solver';
import type { Comparison, ComparisonRow, EqualPair, PairSymmetry, Table6Row } from './study';

type Optimum = Comparison['optimum'][number];

/** An optimum below the solvers' rounding floor (1e-13 of the range): f is reproduced exactly at that degree. */
function exact(o: Optimum): boolean {
  return o.maxLoss <= ROUNDING_FLOOR;
}

/** Relative width of an optimum's certificate: (value - lower bound) / value. */
function certificateGap(value: number, lower: number): number {
  return value > 0 ? Math.max(0, (value - lower) / value) : 0;
}

/**
 * A method's excess over the optimum in percent, as shown: undefined when the optimum is 0 to
 * rounding (a percentage of it means nothing), 0 when within the certificate (the method reaches
 * the optimum), else the percentage.
 */
export function shownExcess(value: number, optimum: number, lower: number): number | undefined {
  if (!Number.isFinite(value) || optimum <= ROUNDING_FLOOR) return undefined;
  const percent = (100 * (value - optimum)) / optimum;
  return Math.abs(percent) <= 100 * certificateGap(optimum, lower) + 1e-9 ? 0 : percent;
}

function optimumAt(c: Comparison, degree: number): Optimum {
  const o = c.optimum.find((x) => x.degree === degree);
  if (!o) throw new Error(`no optimum for degree ${degree}`);
  return o;
}

/**
 * Rows for pa.table(): one per method and degree, with human headers. The excess over the optimum
 * is in percent to 0.01 (a minimax polynomial's rho 2e-6% above the rho-optimal one's shows as 0).
 */
export function comparisonTableRows(c: Comparison, degree?: number): Record<string, unknown>[] {
  const hundredths = (v: number | undefined): number | undefined => (v === undefined ? undefined : Math.round(100 * v) / 100 + 0);
  return c.rows.filter((r) => degree === undefined || r.degree === degree).map((r) => {
    const o = optimumAt(c, r.degree);
    return {
      method: r.label, N: r.degree,
      MSE: r.error ? undefined : r.mse, max_loss: r.error ? undefined : r.maxLoss, rho: r.error ? undefined : r.rho,
      'rho above optimum (%)': hundredths(shownExcess(r.rho, o.rho, o.rhoLower)),
      'max_loss above minimax (%)': hundredths(shownExcess(r.maxLoss, o.maxLoss, o.maxLossLower)),
      polynomial: r.polynomial ? r.polynomial.toString({ digits: 4 }) : `failed: ${r.error}`,
    };
  });
}

/** The best non-optimal row (lowest rho) of a degree. */
export function bestHeuristic(c: Comparison, degree: number): ComparisonRow | undefined {
  return c.rows.filter((r) => r.degree === degree && r.method !== 'rho-optimal' && r.method !== 'minimax' && Number.isFinite(r.rho))
    .sort((u, v) => u.rho - v.rho)[0];
}

const DIGITS = 4;
const show = (v: number): string => formatNumber(v, DIGITS);
/** Percentages to 3 significant digits, in the tables and the sentences alike. */
const pct = (v: number): string => percent(v, 3);
/** A value, or `< 1e-13` below the rounding floor. */
const value = (v: number): string => (v <= ROUNDING_FLOOR ? `< ${formatNumber(ROUNDING_FLOOR, 1)}` : show(v));
/** A certified lower bound beside its value: `equal` when the two agree to the table's digits. */
const bound = (lower: number, of: number): string => (of <= ROUNDING_FLOOR ? value(lower) : show(lower) === show(of) ? 'equal' : show(lower));

/**
 * One line on a minimax fit and its certificate, numbers to the tables' digits: the polynomial, the
 * certified max_loss (with how many digits its lower and upper bounds agree to), the equioscillation.
 */
export function minimaxCertificateSummary(fit: { polynomial: { toString(): string }; certificate?: Readonly<Record<string, unknown>> }): string {
  const c = fit.certificate as { maxLossLower: number; maxLossUpper: number; equioscillation: number } | undefined;
  if (!c || typeof c.maxLossUpper !== 'number') throw new InputError('fit', 'expected a minimax fit (with its certificate)');
  const gap = certificateGap(c.maxLossUpper, c.maxLossLower);
  const agree = gap === 0 ? 'equal' : `agree to ${Math.floor(-Math.log10(gap))} significant digits`;
  return `p(x) = ${fit.polynomial.toString()}; max_loss ${value(c.maxLossUpper)} (certified: its lower and upper bounds ${agree}); the error equioscillates on ${c.equioscillation} points`;
}

/**
 * Per degree: the certified optimum (rho-optimal and minimax, with lower bounds) and the best other
 * method's distance to it. The rows hold the raw numbers (`.csv()` at full precision); the HTML,
 * Markdown and text show them to 4 digits, a bound that agrees with its value as `equal`.
 */
export function optimumTable(c: Comparison): Table {
  const rows = c.optimum.map((o) => {
    const b = bestHeuristic(c, o.degree);
    return { N: o.degree, rho: o.rho, rhoLower: o.rhoLower, maxLoss: o.maxLoss, maxLossLower: o.maxLossLower,
      best: b?.label ?? '', bestRho: b?.rho, excess: b ? shownExcess(b.rho, o.rho, o.rhoLower) : undefined };
  });
  type R = (typeof rows)[number];
  const text = (f: (r: R) => string) => (_: unknown, row: object): string => f(row as R);
  return new Table(rows, [
    { key: 'N', label: 'N' },
    { key: 'rho', label: 'optimal rho', format: text((r) => value(r.rho)) },
    { key: 'rhoLower', label: 'its certified lower bound', format: text((r) => bound(r.rhoLower, r.rho)) },
    { key: 'maxLoss', label: 'minimax max_loss', format: text((r) => value(r.maxLoss)) },
    { key: 'maxLossLower', label: 'its certified lower bound', format: text((r) => bound(r.maxLossLower, r.maxLoss)) },
    { key: 'best', label: 'best other method' },
    { key: 'bestRho', label: 'its rho', align: 'right', format: text((r) => (r.bestRho === undefined ? '' : value(r.bestRho))) },
    { key: 'excess', label: 'above the optimum', align: 'right', format: text((r) => (r.excess === undefined ? '' : pct(r.excess))) },
  ], { caption: `Certified optimum for ${c.fn} on [${c.interval[0]}, ${c.interval[1]}] (metrics on ${c.grid} points)` });
}

/** Table 6 against the optimum (table6Optimal), with the certified lower bound shown as `equal` where it agrees to the digits shown. */
export function table6OptimalTable(rows: readonly Table6Row[]): Table {
  return new Table(rows, [
    { key: 'fn', label: 'f' }, { key: 'degree', label: 'N' },
    { key: 'paperMethod', label: "paper's best method" }, { key: 'paperRho', label: "paper's rho" },
    { key: 'optimalRho', label: 'optimal rho (201 pts)' },
    { key: 'optimalRhoLower', label: 'certified lower bound', align: 'right', format: (_, r) => bound((r as Table6Row).optimalRhoLower, (r as Table6Row).optimalRho) },
    { key: 'gainPercent', label: 'gain %', digits: 3 },
    { key: 'denseOptimalRho', label: 'optimal rho (100001 pts)' }, { key: 'denseMinimaxMaxLoss', label: 'minimax max_loss (100001 pts)' },
  ], { caption: "Table 6: the paper's best rho and the best achievable rho" });
}

/** The `equalPairs` rows as a table with human headers; the N + 1 columns say `not computed` where it was not. */
export function equalPairsTable(pairs: readonly EqualPair[], options: { caption?: string } = {}): Table {
  const text = (f: (p: EqualPair) => string) => (_: unknown, row: object): string => f(row as EqualPair);
  return new Table(pairs, [
    { key: 'degree', label: 'N' },
    { key: 'maxLoss', label: 'minimax max_loss', format: text((p) => value(p.maxLoss)) },
    { key: 'equioscillation', label: 'alternation points' },
    { key: 'nextMaxLoss', label: 'max_loss at N + 1', align: 'right', format: text((p) => (p.nextMaxLoss === null ? 'not computed' : value(p.nextMaxLoss))) },
    { key: 'sameAsNext', label: 'same polynomial at N + 1', format: text((p) => (p.sameAsNext === null ? 'not computed' : p.sameAsNext ? 'yes' : 'no')) },
  ], { caption: options.caption });
}

const degreesText = (ds: readonly number[]): string => `N = ${list(ds.map(String))}`;

/** The best other method per degree: which one wins most often and how far above the optimum. */
function heuristicFinding(c: Comparison, degrees: readonly number[]): string | null {
  const bests = degrees.map((d) => ({ d, b: bestHeuristic(c, d), o: optimumAt(c, d) })).filter((x) => x.b !== undefined);
  if (bests.length === 0) return null;
  const counts = new Map<string, number[]>();
  for (const { d, b } of bests) counts.set(b!.label, [...(counts.get(b!.label) ?? []), d]);
  const [label, at] = [...counts.entries()].sort((u, v) => v[1].length - u[1].length)[0];
  const where = bests.length === 1 ? `at ${degreesText(at)}` : `at ${at.length} of the ${bests.length} degrees (${degreesText(at)})`;
  const gaps = bests.map(({ d, b, o }) => ({ d, g: shownExcess(b!.rho, o.rho, o.rhoLower)! }));
  const lo = gaps.reduce((u, v) => (v.g < u.g ? v : u)), hi = gaps.reduce((u, v) => (v.g > u.g ? v : u));
  const distance = pct(lo.g) === pct(hi.g)
    ? (pct(lo.g) === pct(0) ? 'reaches the certified optimum' : `is ${pct(lo.g)} above the certified optimum`) + (bests.length > 1 ? ' at every degree' : '')
    : `is ${pct(lo.g)} (N = ${lo.d}) to ${pct(hi.g)} (N = ${hi.d}) above the certified optimum`;
  return `Of the other methods, **${label}** has the lowest rho ${where}; the best other method's rho ${distance}.`;
}

/** How the optimum changes over the computed degrees (as shown, to the table's digits), with the certificates' width. */
function optimumFinding(c: Comparison, degrees: readonly number[]): string {
  const os = degrees.map((d) => optimumAt(c, d));
  const equal = os.every((o) => bound(o.rhoLower, o.rho) === 'equal' && bound(o.maxLossLower, o.maxLoss) === 'equal');
  const certified = equal ? 'certified: each lower bound equals its value to the digits shown' : 'with the certified lower bounds in the table';
  if (os.length === 1) {
    const o = os[0];
    return `At N = ${o.degree}, the only degree computed here, the best achievable rho is ${show(o.rho)} and the best max_loss ${show(o.maxLoss)} (${certified}); compute more degrees to see how they change.`;
  }
  const first = os[0], last = os[os.length - 1];
  const change = (a: number, b: number): string => (show(a) === show(b) ? `stays at ${show(a)}` : `${b < a ? 'falls' : 'rises'} from ${show(a)} to ${show(b)}`);
  return `From N = ${first.degree} to N = ${last.degree} the best achievable rho ${change(first.rho, last.rho)} and the best max_loss ${change(first.maxLoss, last.maxLoss)} (${certified}).`;
}

/** Consecutive degrees that were computed: which tie and which improve. */
function pairsFinding(c: Comparison, pairs: readonly EqualPair[] | undefined, symmetry: PairSymmetry | null): string {
  // With equalPairs: the same polynomial (coefficients); from the comparison alone: the same max_loss.
  const computed = pairs
    ? pairs.filter((p) => p.sameAsNext !== null && p.nextMaxLoss !== null && p.maxLoss > ROUNDING_FLOOR)
      .map((p) => ({ n: p.degree, a: p.maxLoss, b: p.nextMaxLoss!, same: p.sameAsNext! }))
    : c.optimum.flatMap((o) => {
      const next = c.optimum.find((x) => x.degree === o.degree + 1);
      return next && !exact(o) ? [{ n: o.degree, a: o.maxLoss, b: next.maxLoss, same: Math.abs(o.maxLoss - next.maxLoss) <= 1e-6 * o.maxLoss }] : [];
    });
  if (computed.length === 0) {
    return 'No degree N was computed together with N + 1, so these numbers cannot say whether one more degree helps; '
      + `to see it, add N + 1 to the degrees${pairs ? '' : ' or compute the pairs (`pa.equalPairs(f, interval, degrees, { next: true })`)'}.`;
  }
  const ties = computed.filter((p) => p.same), better = computed.filter((p) => !p.same);
  const pair = (p: { n: number }): string => `(${p.n}, ${p.n + 1})`;
  const parts: string[] = [];
  if (ties.length > 0) {
    // The symmetry explains the ties only where they fall where it predicts: (2k, 2k + 1) for even + linear, (2k - 1, 2k) for odd + constant.
    const explained = symmetry !== null && ties.every((p) => p.n % 2 === (symmetry === 'even + linear' ? 0 : 1));
    const why = explained ? `; f is ${symmetry} on this interval (to 1e-12 of its range), which makes the pairs ${symmetry === 'even + linear' ? '(2k, 2k + 1)' : '(2k - 1, 2k)'} tie` : '';
    const what = pairs ? 'minimax polynomial' : 'minimax max_loss';
    parts.push(`The degree pair${ties.length > 1 ? 's' : ''} ${list(ties.map(pair))} ${ties.length > 1 ? 'have' : 'has'} the same ${what} (max_loss ${list(ties.map((p) => show(p.a)))}): one more degree buys nothing there${why}.`);
  }
  if (better.length > 0) {
    const where = `N = ${list(better.map((p) => String(p.n)))}`;
    parts.push(`${ties.length > 0 ? `At ${where}` : `At every computed pair (${where})`} one more degree lowers the minimax max_loss: ${list(better.map((p) => `${value(p.a)} to ${value(p.b)}`))}.`);
  }
  return parts.join(' ');
}

/** rho-optimal against minimax at the computed degrees: the minimax row's excess over the optimal rho, as the comparison table shows it. */
function rhoVersusMinimaxFinding(c: Comparison, degrees: readonly number[]): string | null {
  const cases = degrees.flatMap((d) => {
    const o = optimumAt(c, d);
    const mm = c.rows.find((r) => r.degree === d && r.method === 'minimax' && !r.error);
    const ro = c.rows.find((r) => r.degree === d && r.method === 'rho-optimal' && !r.error);
    const excess = mm ? shownExcess(mm.rho, o.rho, o.rhoLower) : undefined;
    return mm && ro && excess !== undefined ? [{ d, mm, ro, excess }] : [];
  });
  if (cases.length === 0) return null;
  const worst = cases.reduce((u, v) => (v.excess > u.excess ? v : u));
  if (worst.excess < 0.01) {
    return `At ${cases.length === 1 ? `N = ${worst.d}` : 'every computed degree'} the minimax polynomial's rho is within 0.01% of the optimal rho: minimising max_loss practically minimises rho here.`;
  }
  const { mm, ro } = worst;
  const trade = ro.maxLoss > mm.maxLoss && ro.mse < mm.mse
    ? `; the rho-optimal polynomial gives up max_loss (${show(ro.maxLoss)} against ${show(mm.maxLoss)}) for a lower MSE (${show(ro.mse)} against ${show(mm.mse)})` : '';
  return `The minimax polynomial's rho is up to ${pct(worst.excess)} above the optimal rho (N = ${worst.d}: ${show(mm.rho)} against ${show(ro.rho)})${trade}.`;
}

export interface FindingsOptions {
  /** `equalPairs` of the same function (e.g. with `next: true`): the consecutive-degree finding uses them. */
  pairs?: readonly EqualPair[];
  /** `pairSymmetry(f, interval)`: cited as the reason for ties where it predicts them. */
  symmetry?: PairSymmetry | null;
}

/**
 * Markdown: numbered findings generated from a comparison (the template notebook's scaffold). With
 * `options.pairs` the consecutive-degree finding uses them; without, only consecutive degrees
 * present in the comparison are compared.
 */
export function comparisonFindings(c: Comparison, options: FindingsOptions = {}): string {
  const findings: string[] = [];
  const exactAt = c.optimum.filter(exact).map((o) => o.degree);
  const approximated = c.optimum.filter((o) => !exact(o)).map((o) => o.degree);
  if (exactAt.length > 0) {
    findings.push(`At ${degreesText(exactAt)} the optimal max_loss is below ${formatNumber(ROUNDING_FLOOR, 1)} of the range (rounding): on [${c.interval[0]}, ${c.interval[1]}] f is a polynomial of degree ${Math.min(...exactAt)} or less, reproduced exactly there, and percentages above the optimum are not defined.`);
  }
  if (approximated.length > 0) {
    const h = heuristicFinding(c, approximated);
    if (h) findings.push(h);
    findings.push(optimumFinding(c, approximated));
    findings.push(pairsFinding(c, options.pairs, options.symmetry ?? null));
    const r = rhoVersusMinimaxFinding(c, approximated);
    if (r) findings.push(r);
  }
  return findings.map((f, i) => `${i + 1}. ${f}`).join('\n');
}
