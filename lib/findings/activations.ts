/**
 * The findings of notebook 01-activations, generated from its table (activationSummary of ReLU,
 * the sigmoid and tanh on the paper's interval) and the paper's Table 6 (data).
 */
import { formatNumber } from '../display/format';
import { list, percent } from '../display/prose';
import type { ActivationSummary } from '../figures/activations';
import { paperSummary } from '../paper/data';
import { functionLabel } from '../paper/labels';

const show = (v: number): string => formatNumber(v, 4);
const label = (fn: string): string => (fn === 'sigmoid' ? 'the sigmoid' : functionLabel(fn));

/** |x| beyond which the sigmoid's slope s(1 - s) is below `eps`: s = (1 - sqrt(1 - 4 eps)) / 2, x = ln((1 - s) / s). */
export function sigmoidFlatFrom(eps: number): number {
  const s = (1 - Math.sqrt(1 - 4 * eps)) / 2;
  return Math.log((1 - s) / s);
}

/** |x| beyond which tanh's slope 1 - tanh^2 is below `eps`: atanh(sqrt(1 - eps)). */
export function tanhFlatFrom(eps: number): number {
  return Math.atanh(Math.sqrt(1 - eps));
}

/** Markdown: the numbered findings of notebook 01 from `activationSummary(['relu', 'sigmoid', 'tanh'], interval)` (slope threshold `flatBelow`, default 1e-3). */
export function activationFindings(summary: readonly ActivationSummary[], interval: readonly [number, number], options: { flatBelow?: number } = {}): string {
  const eps = options.flatBelow ?? 1e-3;
  const [a, b] = interval;
  const get = (fn: string): ActivationSummary => {
    const s = summary.find((x) => x.name === fn);
    if (!s) throw new Error(`activationFindings: no row for ${fn}`);
    return s;
  };
  const byF0 = new Map<string, string[]>();
  for (const s of summary) byF0.set(show(s.f0), [...(byF0.get(show(s.f0)) ?? []), label(s.name)]);
  const f0 = [...byF0.entries()].map(([v, fns]) => `${v} for ${list(fns)}`);
  const ranges = summary.map((s) => `${label(s.name)} [${show(s.min)}, ${show(s.max)}]`);
  const tiny = summary.filter((s) => s.min !== 0 && Math.abs(s.min) < 1e-10 * s.span);
  const tinyText = tiny.length > 0 ? ` (${list(tiny.map((s) => `${label(s.name)}'s minimum differs from 0 by ${formatNumber(Math.abs(s.min), 2)}`))}, far below any printed digit)` : '';
  const sig = get('sigmoid'), tanh = get('tanh'), relu = get('relu');
  const xs = sigmoidFlatFrom(eps), xt = tanhFlatFrom(eps);
  const exact = (x: number): number => (b - a - 2 * x) / (b - a);
  const best = (fn: string): number => Math.min(...paperSummary.table6.filter((c) => c.function === fn).map((c) => c.rho.value));
  return [
    `f(0) is ${list(f0)}.`,
    `On [${a}, ${b}] the ranges are ${list(ranges)}; the spans ${list(summary.map((s) => show(s.span)))} are the normalisers y_max - y_min of Section 3.2${tinyText}.`,
    `The sigmoid is flat (|f'| < ${formatNumber(eps, 1)}) on ${percent(100 * sig.flat, 4)} of the interval and tanh on ${percent(100 * tanh.flat, 4)}`
      + ` (the closed forms |x| > ${show(xs)} and |x| > ${show(xt)} give ${percent(100 * exact(xs), 4)} and ${percent(100 * exact(xt), 4)}), ReLU on its negative half`
      + ` (${percent(100 * relu.flat, 4)}) and linear on the other. A polynomial of degree 2-4 on [${a}, ${b}] must therefore imitate a step for the sigmoid and tanh, but only a kink`
      + ` for ReLU - the reason the paper's best rho for ReLU (${best('relu')}) is far below those for the sigmoid (${best('sigmoid')}) and tanh (${best('tanh')}).`,
  ].map((f, i) => `${i + 1}. ${f}`).join('\n');
}
