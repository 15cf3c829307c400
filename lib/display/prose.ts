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
