/** Assembling a runnable `NetworkModel` from a weight seed, a polynomial and a scaling mode. */
import { InputError } from '../errors';
import { Polynomial } from '../polynomial';
import { polynomialKernel } from './activation';
import { networkWeights, type NetworkWeights } from './architecture';
import type { NetworkModel } from './forward';
import { networkPolynomial } from './presets';
import { computeScales, requireScaling, type ScalingMode } from './scaling';

export interface NetworkOptions {
  /** Seed of the weights (default 1), see `networkWeights`. Ignored when `weights` is given. */
  weightSeed?: string | number;
  weights?: NetworkWeights;
  /** The replacement polynomial on [-200, 200], or a preset name / `coefficients:...` (default `paper-best-4`). */
  poly?: Polynomial | string;
  /** Default `fixed`. */
  scaling?: ScalingMode;
}

/** The network of Section 5 with exact ReLU and with `poly`, ready for `forwardBatch` / `runNetworkExperiment`. */
export function networkModel(options: NetworkOptions = {}): NetworkModel {
  const scaling = requireScaling(options.scaling ?? 'fixed');
  const weights = options.weights ?? networkWeights(options.weightSeed ?? 1);
  const spec = options.poly ?? 'paper-best-4';
  let polynomial: Polynomial, label: string;
  if (spec instanceof Polynomial) {
    polynomial = spec;
    label = spec.toString();
  } else if (typeof spec === 'string') {
    const named = networkPolynomial(spec);
    polynomial = named.polynomial;
    label = named.name;
  } else {
    throw new InputError('poly', 'expected a Polynomial or a preset name');
  }
  const kernel = polynomialKernel(polynomial, label);
  return { weights, kernel, scales: computeScales(weights, kernel.range, scaling) };
}
