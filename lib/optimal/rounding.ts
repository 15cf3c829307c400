/**
 * When is an optimum "at rounding level"? An error (or a metric built from errors) this close to 0
 * is indistinguishable from the rounding of the values it was computed from: f is then
 * reproduced (e.g. f is itself a polynomial of degree <= N), and a ratio against it - an excess
 * in percent, a relative certificate gap - means nothing. `polyact compare` blanks its "+%"
 * columns by this rule; notebook tables reuse it.
 */

/** Relative size (of the values' magnitude) below which an error is rounding: about 4500 ulps. */
export const ROUNDING_LEVEL = 1e-12;

/**
 * True when `value` is at rounding level for quantities of magnitude `scale` in the same units:
 * |value| <= ROUNDING_LEVEL * max(1, scale). For the normalised metrics pass
 * `normalisedScale(range)`; for absolute errors max |f|.
 */
export function isAtRoundingLevel(value: number, scale = 1): boolean {
  return Math.abs(value) <= ROUNDING_LEVEL * Math.max(1, Math.abs(scale));
}

/**
 * The magnitude of f's values in the units of the normalised metrics (which divide by the range
 * ymax - ymin): max(|ymin|, |ymax|) / (ymax - ymin). f = x^2 + 10^6 on [-1, 1] has scale 10^6,
 * so its rounding (10^6 eps) sits at 2e-10 in normalised units.
 */
export function normalisedScale(range: readonly [number, number]): number {
  const width = range[1] - range[0];
  return width > 0 ? Math.max(Math.abs(range[0]), Math.abs(range[1])) / width : Infinity;
}
