/**
 * The Section 5 network of the paper, as constants and seeded weights.
 *
 *   input A: 28x28 pixels in [-200, 200]
 *   1. 5x5 convolution (valid, stride 1, one channel, no bias) -> 24x24, scaled into [-200, 200]
 *   2. activation on every element (ReLU, or a polynomial)
 *   3. 2x2 average pooling -> 12x12 (row-major)
 *   4. "dropout" of 20%: keep the first 116 pooled values d_1..d_116 (the paper's wording)
 *   5. dense 116 -> 116 (no bias), scaled so the pre-activation stays in [-200, 200], activation
 *   6. dense 116 -> 10 (no bias), logits normalised into [-1, 1], softmax; f1 = first output
 *
 * The paper gives no weight distribution; ours is documented in `networkWeights`.
 */
import seedrandom from 'seedrandom';
import { InputError } from '../errors';

export const INPUT_SIDE = 28;
export const INPUT_SIZE = INPUT_SIDE * INPUT_SIDE; // 784
export const KERNEL_SIDE = 5;
export const CONV_SIDE = INPUT_SIDE - KERNEL_SIDE + 1; // 24
export const CONV_SIZE = CONV_SIDE * CONV_SIDE; // 576
export const POOL_SIDE = CONV_SIDE / 2; // 12
export const KEPT = 116;
export const HIDDEN = 116;
export const OUTPUTS = 10;
/** The interval of pixels and of every pre-activation (the polynomials' interval, as in CryptoDL). */
export const PIXEL_RANGE: readonly [number, number] = [-200, 200];

/** Multiply-accumulates per input for ONE network (conv counted once, as it is shared). */
export function macsPerInput(scaling: 'fixed' | 'per-input'): { conv: number; dense1: number; dense2: number; shared: number; bothNetworks: number } {
  // Fixed scaling needs only the conv rows that feed the 116 kept pooled cells (rows 0..19, 480
  // outputs); per-input scaling needs all 576 for the max-abs rescaling factor.
  const convOutputs = scaling === 'fixed' ? (2 * Math.ceil(KEPT / POOL_SIDE)) * CONV_SIDE : CONV_SIZE;
  const conv = convOutputs * KERNEL_SIDE * KERNEL_SIDE;
  const dense1 = HIDDEN * KEPT;
  const dense2 = OUTPUTS * HIDDEN;
  return { conv, dense1, dense2, shared: conv, bothNetworks: conv + 2 * (dense1 + dense2) };
}

/** The network's weights: row-major typed arrays. */
export interface NetworkWeights {
  /** The seed they were drawn from (`networkWeights(seed)`). */
  readonly seed: string;
  /** 5x5 kernel, K[u * 5 + v]. */
  readonly conv: Float64Array;
  /** 116x116, gamma[i * 116 + j] (paper's gamma_ij). */
  readonly dense1: Float64Array;
  /** 10x116, kappa[i * 116 + j] (paper's kappa_ij). */
  readonly dense2: Float64Array;
}

/**
 * Weights drawn i.i.d. uniform on [-1, 1] from seedrandom (ARC4) seeded with `weights:<seed>`,
 * in the order conv, dense1, dense2 (row-major). The scale of the distribution is irrelevant
 * (every layer is rescaled, see scaling.ts); its shape and the sign balance are the choice.
 */
export function networkWeights(seed: string | number = 1): NetworkWeights {
  if (typeof seed !== 'string' && !(typeof seed === 'number' && Number.isFinite(seed))) {
    throw new InputError('seed', `expected a string or a finite number, got ${String(seed)}`);
  }
  const rng = seedrandom(`weights:${seed}`);
  const draw = (n: number): Float64Array => {
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) w[i] = 2 * rng() - 1;
    return w;
  };
  const conv = draw(KERNEL_SIDE * KERNEL_SIDE);
  const dense1 = draw(HIDDEN * KEPT);
  const dense2 = draw(OUTPUTS * HIDDEN);
  return { seed: String(seed), conv, dense1, dense2 };
}

/** Index in the 24x24 conv output of the q-th (0..3) element of pooled cell k (row-major 12x12). */
export function poolMember(k: number, q: number): number {
  const r = Math.floor(k / POOL_SIDE), c = k % POOL_SIDE;
  return (2 * r + (q >> 1)) * CONV_SIDE + 2 * c + (q & 1);
}
