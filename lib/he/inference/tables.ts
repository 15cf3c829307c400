/** Rows of the private-inference tables (notebook 10, the bench): layouts side by side, error per layer, the scale-versus-N trade-off. */
import type { NetworkParameterChoice } from './parameters';
import { LAYERS } from './network';
import type { InferenceReport } from './report';

export type Row = Record<string, string | number>;

/** One row per run: time per image, latency, memory, keys, error, precision. */
export function layoutRows(reports: readonly InferenceReport[]): Row[] {
  return reports.map((r) => ({
    layout: r.layout, images: String(r.images), threads: String(r.workers),
    'ms / image': r.msPerImage, 'latency s': r.latencySeconds, 'client ahead s / image': r.aheadSecondsPerImage, 'CPU s': r.cpuSeconds, 'keygen s': r.seconds.keygen,
    'peak RSS MB': r.peakRssMB, 'Galois keys': r.galoisKeys, 'key MiB': r.keyBytes / 2 ** 20,
    'max |logit error|': r.maxLogitError, 'max |f1 error|': r.maxF1Error, 'argmax agrees': `${r.argmaxAgreement} / ${r.images}`,
    'precision bits': r.precisionBits, 'a priori bound on |logit error|': r.bound.logits,
    'load (1 min) / cores': `${r.load[0].toFixed(1)} / ${r.cores}`,
  }));
}

/** Per layer of one run: its levels, its time, the measured max error against the mirror and the a priori bound (units: window t before an activation, the network's after). */
export function layerRows(r: InferenceReport): Row[] {
  const units: Record<string, string> = { conv: 't', act1: 'x', pool: 'x (mean)', dense1: 't', act2: 'x', dense2: 'logit' };
  return LAYERS.map((l) => {
    const e = r.layerErrors?.[l];
    return {
      layer: l, units: units[l], levels: r.levels[l], seconds: r.seconds.evaluate[l],
      'max |error|': e ?? 'not a ciphertext of its own', 'a priori bound': r.bound.perLayer[l],
      'bound / error': e !== undefined && e > 0 ? r.bound.perLayer[l] / e : '',
    };
  });
}

/** Per ring dimension: the largest scale that fits the network's depth and what it buys. */
export function tradeoffRows(choice: NetworkParameterChoice): Row[] {
  return choice.tradeoff.map((o) => ({
    N: String(o.polyModulusDegree), 'largest scale bits': o.maxScaleBits ?? 'none >= 20',
    'a priori |logit error| bound': o.logitErrorBound ?? '', 'bits of [-1, 1] (at least)': o.precisionBits ?? '',
    chosen: o.polyModulusDegree === choice.parameters.polyModulusDegree ? 'yes' : '',
  }));
}
