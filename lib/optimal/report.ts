/**
 * Text for notebooks built from a Comparison (lib/optimal/study.ts): table rows, the optimum per
 * degree, and the numbered findings scaffold of the template notebook, generated from the numbers
 * so that it is right for whatever activation the user chose.
 */
import type { Comparison, ComparisonRow } from './study';

/** Flat rows for pa.table(): one per method and degree. */
export function comparisonTableRows(c: Comparison, degree?: number): Record<string, unknown>[] {
  return c.rows.filter((r) => degree === undefined || r.degree === degree).map((r) => ({
    method: r.label, N: r.degree, MSE: r.mse, max_loss: r.maxLoss, rho: r.rho,
    'rho +%': r.rhoExcessPercent, 'max_loss +%': r.maxLossExcessPercent,
    polynomial: r.polynomial ? r.polynomial.toString({ digits: 4 }) : `failed: ${r.error}`,
  }));
}

/** The best non-optimal row (lowest rho) of a degree. */
function bestHeuristic(c: Comparison, degree: number): ComparisonRow | undefined {
  return c.rows.filter((r) => r.degree === degree && r.method !== 'rho-optimal' && r.method !== 'minimax' && Number.isFinite(r.rho))
    .sort((u, v) => u.rho - v.rho)[0];
}

const f4 = (v: number): string => v.toPrecision(4);

/** Markdown: per degree, the certified optimum and the best heuristic's distance to it. */
export function optimumSummary(c: Comparison): string {
  const lines = [
    `**Certified optimum for ${c.fn} on [${c.interval[0]}, ${c.interval[1]}]** (metrics on ${c.grid} points)`,
    '',
    '| N | optimal rho (certified lower bound) | minimax max_loss (lower bound) | best other method | its rho | +% |',
    '|---|---|---|---|---|---|',
  ];
  for (const o of c.optimum) {
    const b = bestHeuristic(c, o.degree);
    lines.push(`| ${o.degree} | ${f4(o.rho)} (${f4(o.rhoLower)}) | ${f4(o.maxLoss)} (${f4(o.maxLossLower)}) | ${b ? b.label : '-'} | ${b ? f4(b.rho) : '-'} | ${b ? b.rhoExcessPercent.toFixed(1) : '-'} |`);
  }
  return lines.join('\n');
}

/** Markdown: numbered findings generated from a comparison (the template notebook's scaffold). */
export function comparisonFindings(c: Comparison): string {
  const ds = c.optimum.map((o) => o.degree);
  const first = c.optimum[0], last = c.optimum[c.optimum.length - 1];
  const findings: string[] = [];
  const bests = ds.map((d) => bestHeuristic(c, d)).filter((b): b is ComparisonRow => b !== undefined);
  if (bests.length > 0) {
    const counts = new Map<string, number>();
    for (const b of bests) counts.set(b.label, (counts.get(b.label) ?? 0) + 1);
    const top = [...counts.entries()].sort((u, v) => v[1] - u[1])[0];
    const gaps = bests.map((b) => b.rhoExcessPercent);
    findings.push(`Of the non-optimal methods, **${top[0]}** has the lowest rho at ${top[1]} of ${bests.length} degrees; the best method's rho is ${Math.min(...gaps).toFixed(1)}% to ${Math.max(...gaps).toFixed(1)}% above the certified optimum.`);
  }
  findings.push(`The best achievable rho falls from ${f4(first.rho)} at N = ${first.degree} to ${f4(last.rho)} at N = ${last.degree} (certified to within ${Math.max(...c.optimum.map((o) => (o.rho - o.rhoLower) / o.rho)).toExponential(1)} relative); the best max_loss from ${f4(first.maxLoss)} to ${f4(last.maxLoss)}.`);
  const pairs: string[] = [];
  for (let i = 0; i + 1 < c.optimum.length; i++) {
    const a = c.optimum[i], b = c.optimum[i + 1];
    if (b.degree === a.degree + 1 && Math.abs(a.maxLoss - b.maxLoss) <= 1e-6 * a.maxLoss) pairs.push(`${a.degree}-${b.degree}`);
  }
  findings.push(pairs.length > 0
    ? `Degrees ${pairs.join(', ')} have the same minimax max_loss: raising the degree by one buys nothing there (a symmetry of f, e.g. even + linear or odd + constant).`
    : 'No two consecutive degrees share the same minimax max_loss: every extra degree helps.');
  const rhoVsMinimax = c.optimum.map((o) => {
    const mm = c.rows.find((r) => r.degree === o.degree && r.method === 'minimax');
    return mm ? (100 * (mm.rho - o.rho)) / o.rho : NaN;
  }).filter(Number.isFinite);
  if (rhoVsMinimax.length > 0) {
    const mx = Math.max(...rhoVsMinimax);
    findings.push(mx < 0.01
      ? 'The rho-optimal and minimax polynomials coincide (rho differs by < 0.01%): max_loss dominates rho.'
      : `The rho-optimal polynomial trades max_loss for MSE: the minimax polynomial's rho is up to ${mx.toFixed(2)}% higher.`);
  }
  return findings.map((f, i) => `${i + 1}. ${f}`).join('\n');
}
