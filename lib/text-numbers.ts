/**
 * The one rule for numbers written as text (CLI options, seeds): an integer is optional
 * whitespace, an optional sign and decimal digits (`7`, `07`, `+7`, `-3`; not `1e1`, `0x4`, `4.0`),
 * within the safe-integer range; a number is a decimal literal with an optional exponent
 * (`0.5`, `-2e-3`, `.5`; not `0x10`, `Infinity`, `1,5`). Every command parses the same way.
 */

const INTEGER = /^\s*[+-]?\d+\s*$/;
const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

/** The integer the text writes, or undefined when it is not one (or beyond 2^53). */
export function integerFromText(text: string): number | undefined {
  if (!INTEGER.test(text)) return undefined;
  const v = Number(text);
  return Number.isSafeInteger(v) ? (Object.is(v, -0) ? 0 : v) : undefined;
}

/** The finite number the text writes, or undefined. */
export function numberFromText(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const v = Number(text);
  return Number.isFinite(v) ? v : undefined;
}
