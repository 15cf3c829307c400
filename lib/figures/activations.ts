/**
 * The paper's Section 2.1 and Fig. 1: the activation functions on an interval, as a plotly figure
 * and as a table of their values (f(0) and the range on the interval, which Section 3.2 uses to
 * normalise the metrics).
 */
import { activation, type Activation } from '../activations';
import { InputError, requireFinite, requireInteger, requireInterval } from '../errors';
import { linspace } from '../metrics';
import type { Figure } from '../display/plot';
import type { ColumnSpec } from '../display/table';

export interface ActivationsFigureOptions {
  /** Sample points per curve (default 2001; odd, so that 0 is a sample of symmetric intervals). */
  points?: number;
  /** Figure title (default: "Activation functions on [a, b]"). */
  title?: string;
}

/** An activation name or formula, or an Activation (e.g. `pa.activation(formula, { name: 'Mish' })`, whose name then labels it). */
export type ActivationLike = string | Activation;

function resolveAll(names: readonly ActivationLike[]): Activation[] {
  if (!Array.isArray(names) || names.length === 0) throw new InputError('names', 'expected a non-empty list of activation names or formulas');
  return names.map((n) => (typeof n === 'string' ? activation(n) : n));
}

/** Fig. 1: one line per activation on `interval`. */
export function activationsFigure(names: readonly ActivationLike[], interval: readonly [number, number], options: ActivationsFigureOptions = {}): Figure {
  const fs = resolveAll(names);
  const [a, b] = requireInterval('interval', interval);
  const n = requireInteger('options.points', options.points ?? 2001, 2, 1_000_000);
  const x = Array.from(linspace(n, a, b));
  return {
    data: fs.map((f) => ({ type: 'scatter', mode: 'lines', name: f.name, x, y: x.map((t) => f.value(t)) })),
    layout: {
      title: { text: options.title ?? `Activation functions on [${a}, ${b}]` },
      xaxis: { title: { text: 'x' }, range: [a, b] },
      yaxis: { title: { text: 'f(x)' } },
      legend: { orientation: 'h' },
      margin: { t: 50, r: 20, b: 50, l: 60 },
      height: 420,
    },
  };
}

/** One row of the activation table. */
export interface ActivationSummary {
  name: string;
  /** f(0). */
  f0: number;
  /** Minimum and maximum of f on the sample grid of the interval (the endpoints included). */
  min: number;
  max: number;
  /** max - min: the normalisation scale of Section 3.2. */
  span: number;
  /** Fraction of the sample points where |f'(x)| < flatBelow (default 1e-3): how much of the interval is flat. */
  flat: number;
}

export interface ActivationSummaryOptions {
  /** Equispaced sample points on the interval (default 100001, the metrics grid). */
  points?: number;
  /** Slope below which f counts as flat (default 1e-3). */
  flatBelow?: number;
}

/** Columns of pa.table() for an activationSummary, with human headers. */
export const activationSummaryColumns: readonly ColumnSpec[] = Object.freeze([
  { key: 'name', label: 'f' },
  { key: 'f0', label: 'f(0)' },
  { key: 'min', label: 'min f' },
  { key: 'max', label: 'max f' },
  { key: 'span', label: 'max f - min f (the normaliser)' },
  { key: 'flat', label: "flat fraction (|f'| < 1e-3)" },
]);

/** f(0), the range and the flat fraction of each activation on `interval`, on an equispaced grid. */
export function activationSummary(names: readonly ActivationLike[], interval: readonly [number, number], options: ActivationSummaryOptions = {}): ActivationSummary[] {
  const fs = resolveAll(names);
  const [a, b] = requireInterval('interval', interval);
  const xs = linspace(requireInteger('options.points', options.points ?? 100001, 2, 10_000_000), a, b);
  const flatBelow = requireFinite('options.flatBelow', options.flatBelow ?? 1e-3);
  if (!(flatBelow > 0)) throw new InputError('options.flatBelow', `expected a positive slope, got ${flatBelow}`);
  return fs.map((f) => {
    let min = Infinity, max = -Infinity, flat = 0;
    for (const x of xs) {
      const y = f.value(x);
      if (y < min) min = y;
      if (y > max) max = y;
      if (Math.abs(f.derivative(x)) < flatBelow) flat++;
    }
    return { name: f.name, f0: f.value(0), min, max, span: max - min, flat: flat / xs.length };
  });
}
