/** Small descriptive statistics shared by the paper's seed distributions and the network experiment. */

/** The q-quantile (0..1) of ascending `sorted` values, by linear interpolation (numpy's default). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q, lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
