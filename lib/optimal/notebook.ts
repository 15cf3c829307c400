/**
 * The settings of notebook 07-optimal, in one place so that the notebook and the tests that check
 * its claims ("rho-optimal <= every method, minimax <= every method, in every case") use the same.
 */

/** Degrees of the max_loss-versus-degree study. */
export const NOTEBOOK_DEGREES: readonly number[] = Object.freeze([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
/** Metrics grid of the degree study: dense enough to resolve the error peaks up to degree 16, light enough for seconds. */
export const NOTEBOOK_GRID = 20001;
/** Half-widths L of the interval study [-L, L]. */
export const NOTEBOOK_HALF_WIDTHS: readonly number[] = Object.freeze([4, 8, 20, 50, 200]);
/** Degrees of the interval study. */
export const NOTEBOOK_INTERVAL_DEGREES: readonly number[] = Object.freeze([2, 3, 4, 6, 8, 12, 16]);
