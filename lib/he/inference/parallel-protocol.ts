/** The messages between the batch layout's main thread and its worker threads (see parallel.ts). */
import type { CkksParameters } from '../parameters';
import type { SessionKeys } from '../seal';
import type { InferenceNetwork } from './network';
import type { Phase } from './timing';

/** An InferenceNetwork as plain data (the polynomial as its Chebyshev coefficients and interval). */
export interface NetworkData extends Omit<InferenceNetwork, 'polynomial'> {
  readonly polynomial: { readonly coefficients: readonly number[]; readonly domain: readonly [number, number] };
}

export interface WorkerInit {
  readonly index: number;
  readonly parameters: CkksParameters;
  readonly keys: SessionKeys;
  readonly net: NetworkData;
  readonly images: Float64Array;
  readonly count: number;
  /** This worker's cells [from, to) and every worker's hidden units [from, to). */
  readonly cells: readonly [number, number];
  readonly hidden: readonly (readonly [number, number])[];
}

/** A serialised ciphertext for hidden unit / logit `index` (null: every weight below the scale's resolution). */
export interface Shipped {
  readonly index: number;
  readonly bytes: Uint8Array | null;
}

export type ToWorker =
  | { readonly type: 'stage1' }
  | { readonly type: 'stage2'; readonly partials: readonly Shipped[] }
  | { readonly type: 'close' };

/** A worker's wall-clock ms per phase and its key switches. */
export interface ClockData {
  readonly ms: Record<Phase, number>;
  readonly keySwitches: { readonly relinearize: number; readonly rotate: number };
}

export type FromWorker =
  | { readonly type: 'ready' }
  /** Dense 1 partial sums of the other workers' hidden units, by destination worker. */
  | { readonly type: 'stage1'; readonly partials: readonly (readonly Shipped[])[]; readonly clock: ClockData }
  /** Dense 2 partial sums, one per logit. */
  | { readonly type: 'stage2'; readonly logits: readonly Shipped[]; readonly clock: ClockData }
  | { readonly type: 'error'; readonly message: string };
