/**
 * Section 2.2's claim about the node rules, measured: uniform nodes cover the interval evenly,
 * normal nodes crowd the middle, Chebyshev roots crowd the ends; and, in consequence, least
 * squares on each rule fits best where its nodes are.
 */
import { activation } from '../activations';
import { requireInteger, requireInterval } from '../errors';
import { numericalFit } from '../fit/index';
import { linspace } from '../metrics';
import { nodesByRule } from '../sampling';
import type { ColumnSpec } from '../display/table';

export type Rule = 'uniform' | 'normal' | 'chebyshev';
const RULES: readonly Rule[] = ['uniform', 'normal', 'chebyshev'];

export interface NodeShares {
  readonly rule: Rule;
  readonly m: number;
  /** Share of the nodes in the middle third of [a, b]. */
  readonly middleThird: number;
  /** Share in the outer tenth at each end together (|t| > 0.8 in the window). */
  readonly outerFifth: number;
  /** Share outside [a, b] (normal draws are not truncated). */
  readonly outside: number;
}

/** Columns of pa.table() for nodeShares, with human headers. */
export const nodeShareColumns: readonly ColumnSpec[] = Object.freeze([
  { key: 'rule', label: 'rule' }, { key: 'm', label: 'm' },
  { key: 'middleThird', label: 'share in the middle third' }, { key: 'outerFifth', label: 'share in the outer fifth' },
  { key: 'outside', label: 'share outside the interval' },
]);

/** Where each rule puts its nodes (uniform: 1/3, 1/5, 0 in expectation). */
export function nodeShares(interval: readonly [number, number], m: number, seed: string | number): NodeShares[] {
  const [a, b] = requireInterval('interval', interval);
  requireInteger('m', m, 1);
  return RULES.map((rule) => {
    const xs = nodesByRule(rule, m, a, b, seed);
    let middle = 0, outer = 0, outside = 0;
    for (const x of xs) {
      const t = (2 * x - (a + b)) / (b - a);
      if (Math.abs(t) <= 1 / 3) middle++;
      if (Math.abs(t) > 0.8 && Math.abs(t) <= 1) outer++;
      if (Math.abs(t) > 1) outside++;
    }
    return { rule, m, middleThird: middle / m, outerFifth: outer / m, outside: outside / m };
  });
}

export interface RegionErrors {
  readonly rule: Rule;
  /** Largest normalised error with |t| <= 1/3 (the middle third). */
  readonly middle: number;
  /** Largest normalised error with |t| > 0.8 (the ends). */
  readonly ends: number;
  /** Largest normalised error on the whole grid. */
  readonly overall: number;
}

/** Columns of pa.table() for nodeRuleErrors, with human headers. */
export const regionErrorColumns: readonly ColumnSpec[] = Object.freeze([
  { key: 'rule', label: 'rule' }, { key: 'middle', label: 'largest error, middle third' },
  { key: 'ends', label: 'largest error, ends (|t| > 0.8)' }, { key: 'overall', label: 'largest error, whole interval' },
]);

/**
 * Least squares of degree N on m nodes of each rule, and its largest normalised error in the middle
 * third and at the ends, on a `grid`-point grid (default 100001).
 */
export function nodeRuleErrors(fn: string, degree: number, interval: readonly [number, number], options: { m?: number; seed?: string | number; grid?: number } = {}): RegionErrors[] {
  const f = activation(fn);
  const [a, b] = requireInterval('interval', interval);
  const xs = linspace(requireInteger('grid', options.grid ?? 100001, 3), a, b);
  const ys = Array.from(xs, (x) => f.value(x));
  const width = Math.max(...ys) - Math.min(...ys) || 1;
  return RULES.map((rule) => {
    const p = numericalFit(f, degree, [a, b], { nodes: rule, m: options.m ?? 1000, seed: options.seed ?? 1 }).polynomial;
    let middle = 0, ends = 0, overall = 0;
    for (let i = 0; i < xs.length; i++) {
      const e = Math.abs(ys[i] - p.evaluate(xs[i])) / width;
      const t = Math.abs((2 * xs[i] - (a + b)) / (b - a));
      if (t <= 1 / 3) middle = Math.max(middle, e);
      if (t > 0.8) ends = Math.max(ends, e);
      overall = Math.max(overall, e);
    }
    return { rule, middle, ends, overall };
  });
}
