/** Building the InferenceNetwork: the paper's random network or given weights, a named or given polynomial, fixed scale factors. */
import { InputError, requireInteger } from '../../errors';
import type { Polynomial } from '../../polynomial';
import { HIDDEN, KEPT, networkWeights, type NetworkWeights } from '../../network/architecture';
import { computeScales } from '../../network/scaling';
import { polynomialKernel } from '../../network/activation';
import { networkPolynomial } from '../../network/presets';
import type { InferenceNetwork } from './network';

export interface InferenceNetworkOptions {
  /** Weight seed for the paper's random network (default 1); ignored when `weights` is given. */
  weightSeed?: string | number;
  weights?: NetworkWeights;
  /** Preset name (`paper-best-4`, ...) or a Polynomial on the network's interval (default `paper-best-4`). */
  poly?: string | Polynomial;
  /** Scale factors to use instead of the ones computed from the weights (e.g. a trained network's). */
  scales?: InferenceNetwork['scales'];
  /** A prefix slice: the first `cells` pooled cells and `hidden` hidden units (defaults: all). */
  cells?: number;
  hidden?: number;
}

/**
 * The network for private inference. A slice keeps the full network's scale factors: a partial
 * sum of a row is a point of the same box (the box holds 0), so every bound of scaling.ts still holds.
 */
export function inferenceNetwork(options: InferenceNetworkOptions = {}): InferenceNetwork {
  const weights = options.weights ?? networkWeights(options.weightSeed ?? 1);
  const spec = options.poly ?? 'paper-best-4';
  const named = typeof spec === 'string' ? networkPolynomial(spec) : { name: spec.toString(), polynomial: spec };
  const cells = requireInteger('cells', options.cells ?? KEPT, 1, KEPT);
  const hidden = requireInteger('hidden', options.hidden ?? HIDDEN, 1, HIDDEN);
  let scales = options.scales;
  if (!scales) {
    const s = computeScales(weights, polynomialKernel(named.polynomial, named.name).range, 'fixed');
    scales = { conv: s.conv, dense1: s.dense1, logits: s.logits };
  }
  for (const k of ['conv', 'dense1', 'logits'] as const) {
    if (!(Number.isFinite(scales[k]) && scales[k] > 0)) throw new InputError(`scales.${k}`, `expected a positive finite factor, got ${String(scales[k])}`);
  }
  return { weights, polynomial: named.polynomial, polynomialLabel: named.name, scales, cells, hidden };
}

