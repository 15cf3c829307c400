/** Small helpers for generated sentences (findings): lists and numbers as the tables show them. */
import { formatNumber } from './format';

/** `a`, `a and b`, `a, b and c`. */
export function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A percentage with `digits` significant digits (default 3), as the tables of percentages show it: `46.4%`. */
export function percent(value: number, digits = 3): string {
  return `${formatNumber(value, digits)}%`;
}

/** Consecutive integer keys with equal values, as `2 for N = 2-3, 3 for N = 4-7, 4 for N = 8` (`name` = N). */
export function valuesByRange(keys: readonly number[], valueOf: (key: number) => number | string, name = 'N'): string {
  const runs: { from: number; to: number; value: number | string }[] = [];
  for (const k of [...keys].sort((u, v) => u - v)) {
    const v = valueOf(k), last = runs[runs.length - 1];
    if (last && last.value === v && k === last.to + 1) last.to = k;
    else runs.push({ from: k, to: k, value: v });
  }
  return runs.map((r) => `${r.value} for ${name} = ${r.from === r.to ? r.from : `${r.from}-${r.to}`}`).join(', ');
}
