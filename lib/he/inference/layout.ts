/** What both layouts share: the run context, the result, and the per-layer error trace. */
import type { CipherText } from 'node-seal/implementation/cipher-text';
import type { CkksSession } from '../seal';
import type { SchemePlan } from '../schemes';
import type { InferenceBackend } from './backend';
import type { MirrorResult } from './mirror';
import type { InferenceNetwork, LayerName, LayerWeights } from './network';
import type { PhaseClock } from './timing';

export type LayoutName = 'batch' | 'packed';
export const LAYOUT_NAMES: readonly LayoutName[] = ['batch', 'packed'];

export interface LayoutContext {
  readonly session: CkksSession;
  readonly backend: InferenceBackend;
  readonly net: InferenceNetwork;
  readonly plan: SchemePlan;
  readonly weights: LayerWeights;
  readonly clock: PhaseClock;
  /** The mirror of the same images: when given, intermediate ciphertexts are decrypted (outside the timings) and compared with it per layer. */
  readonly reference?: MirrorResult;
}

export interface LayoutResult {
  /** Decrypted logits, image-major (count x 10). */
  readonly logits: Float64Array;
  /** Levels consumed by the logit ciphertexts. */
  readonly levelsConsumed: number;
  /** Max |decrypted - mirror| per layer over the traced values (only with a reference; a layer that never exists as ciphertexts of its own is absent). */
  readonly layerErrors?: Readonly<Partial<Record<LayerName, number>>>;
}

/** Max |decrypted - mirror| per layer, fed with decrypted intermediates (decryption outside the timings). */
export class LayerTrace {
  readonly errors: Partial<Record<LayerName, number>> = {};
  constructor(private readonly session: CkksSession, readonly reference: MirrorResult) {}

  /** The slots of ct. */
  values(ct: CipherText): Float64Array {
    return this.session.decrypt(ct).values;
  }

  /** Compare a decrypted value with value `index` of `layer` of image `image` in the mirror. */
  compare(layer: LayerName, image: number, index: number, value: number): void {
    const ref = this.reference.layers[layer], per = ref.length / this.reference.images;
    const e = Math.abs(value - ref[image * per + index]);
    if (!(e <= (this.errors[layer] ?? 0))) this.errors[layer] = e; // NaN propagates
  }
}
