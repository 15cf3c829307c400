/**
 * The batch layout (CryptoNets): slot n of every ciphertext belongs to image n, so up to N/2
 * images share one run and no rotation (no Galois key) is needed. One ciphertext per pixel, per
 * conv output, per pooled cell, per hidden unit and per logit; every layer is a slot-wise
 * computation with plaintext constants. Its cost does not depend on the number of images.
 *
 * Memory stays bounded by streaming: a pixel is encrypted when a cell first needs it and freed once
 * every cell that reads it is done, each conv output is activated and summed into its pooled cell
 * at once, and the cells of a call are processed column by column (12 pooled columns), which keeps
 * fewer pixels alive than row by row (108 rather than 124 for all cells, 68 for half the rows).
 * The stages can run in chunks of cells (`convolveActivatePool(from, to)`).
 */
import type { CipherText } from 'node-seal/implementation/cipher-text';
import { InputError } from '../../errors';
import { INPUT_SIDE, INPUT_SIZE, KERNEL_SIDE, OUTPUTS, POOL_SIDE } from '../../network/architecture';
import { evaluatePlan, evaluatePlanParts, planInputScale } from '../schemes';
import { LayerTrace, type LayoutContext, type LayoutResult } from './layout';
import { convPositions, TAPS, type LayerName } from './network';

/** Pixel index of tap o for conv position c (24x24 row-major). */
function pixelOf(c: number, o: number): number {
  const i = Math.floor(c / 24), j = c % 24, u = Math.floor(o / KERNEL_SIDE), v = o % KERNEL_SIDE;
  return (i + u) * INPUT_SIDE + j + v;
}

/** The pixels each kept pooled cell reads (the union of its 4 conv outputs' 5 x 5 windows: a 6 x 6 patch). */
export function cellReads(net: LayoutContext['net']): Int32Array[] {
  const positions = convPositions(net);
  return Array.from({ length: net.cells }, (_, k) => {
    const set = new Set<number>();
    for (let q = 0; q < 4; q++) for (let o = 0; o < TAPS; o++) set.add(pixelOf(positions[4 * k + q], o));
    return Int32Array.from(set);
  });
}

/** Cells from..to-1 column by column (pooled column, then row): the order convolveActivatePool uses. */
export function columnOrder(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i).sort((a, b) => (a % POOL_SIDE) - (b % POOL_SIDE) || a - b);
}

/** The most pixel ciphertexts alive at once when the cells of `order` are processed in turn (each pixel encrypted at its first reader, freed after its last). */
export function peakLivePixels(reads: readonly Int32Array[], order: readonly number[]): number {
  const remaining = new Int32Array(INPUT_SIZE);
  for (const k of order) for (const P of reads[k]) remaining[P]++;
  const alive = new Set<number>();
  let peak = 0;
  for (const k of order) {
    for (const P of reads[k]) alive.add(P);
    peak = Math.max(peak, alive.size);
    for (const P of reads[k]) if (--remaining[P] === 0) alive.delete(P);
  }
  return peak;
}

export class BatchRun {
  private readonly pixels = new Map<number, CipherText>();
  /** The pixels each cell reads (its 6 x 6 patch), and how many cells not yet processed read each pixel. */
  private readonly reads: Int32Array[];
  private readonly readers: Int32Array;
  private readonly pooled: (CipherText | null)[];
  private readonly hidden: (CipherText | undefined)[] = [];
  private readonly activated: (CipherText | undefined)[] = [];
  private readonly trace?: LayerTrace;
  /** The scales conv and dense 1 hand their outputs over at: those that land the activations exactly on Delta (planInputScale; Delta but for a folded plan). */
  private readonly inputScales: { readonly conv: number; readonly dense1: number };

  constructor(private readonly ctx: LayoutContext, private readonly images: Float64Array, readonly count: number, private readonly traceEvery = 0) {
    const slots = ctx.session.slots;
    if (!Number.isInteger(count) || count < 1 || count > slots) throw new InputError('images', `expected 1..${slots} images (the slots of N = ${2 * slots}), got ${count}`);
    if (images.length < count * INPUT_SIZE) throw new InputError('images', `expected ${count} x ${INPUT_SIZE} pixels, got ${images.length}`);
    this.reads = cellReads(ctx.net);
    this.readers = new Int32Array(INPUT_SIZE);
    for (const r of this.reads) for (const P of r) this.readers[P]++;
    this.pooled = new Array<CipherText | null>(ctx.net.cells).fill(null);
    if (ctx.reference) this.trace = new LayerTrace(ctx.session, ctx.reference);
    if (ctx.weights.inputFactor !== (ctx.plan.inputFactor ?? 1)) throw new Error('internal: the layer weights were made for another activation plan (layerWeights(net, plan))');
    const delta = 2 ** ctx.session.parameters.scaleBits;
    this.inputScales = { conv: planInputScale(ctx.backend, ctx.plan, 1, delta, delta), dense1: planInputScale(ctx.backend, ctx.plan, 2 + ctx.plan.depth, delta, delta) };
  }

  /** Client: encrypt pixel P of every image (slot n = image n), at scale Delta. */
  private pixel(P: number): CipherText {
    let ct = this.pixels.get(P);
    if (!ct) {
      const v = new Float64Array(this.count);
      for (let n = 0; n < this.count; n++) v[n] = this.images[n * INPUT_SIZE + P];
      ct = this.ctx.clock.time('encrypt', () => this.ctx.session.encryptSymmetric(v, 2 ** this.ctx.session.parameters.scaleBits).ciphertext);
      this.pixels.set(P, ct);
    }
    return ct;
  }

  /** Decrypt ct (every `traceEvery`-th ciphertext of a layer) and compare slot n with the mirror's image n (times `factor`). */
  private record(layer: LayerName, index: number, ct: CipherText, factor = 1): void {
    if (!this.trace || !(this.traceEvery > 0 && index % this.traceEvery === 0)) return;
    const v = this.trace.values(ct);
    for (let n = 0; n < this.count; n++) this.trace.compare(layer, n, index, factor * v[n]);
  }

  /**
   * Conv, activation and pooling for cells [from, to), one conv ciphertext at a time. The
   * activation's last ciphertext product (p = q T_n + r) is left unrelinearised and unrescaled
   * and summed over the cell's four members, then relinearised and rescaled once: the pooled sum
   * sum_q p(t_q) = finish(sum_q q_q T_n,q) + sum_q r_q costs one key switch instead of four.
   * (The members' activations therefore never exist one by one: act1 is not traced.)
   */
  convolveActivatePool(from = 0, to = this.ctx.net.cells): void {
    const { backend: B, clock, weights: w, plan } = this.ctx;
    const positions = convPositions(this.ctx.net);
    const delta = 2 ** this.ctx.session.parameters.scaleBits;
    for (const k of columnOrder(from, to)) {
      let products: CipherText | null = null, rest: CipherText | null = null, restConstant = 0;
      for (let q = 0; q < 4; q++) {
        const m = 4 * k + q, c = positions[m];
        const xs = Array.from({ length: TAPS }, (_, o) => this.pixel(pixelOf(c, o)));
        const t = clock.time('conv', () => B.linear(xs, w.conv, w.shift, { cacheWeights: true, outputScale: this.inputScales.conv }));
        if (!t) throw new InputError('weights.conv', 'expected a kernel with a weight above the scale resolution');
        this.record('conv', m, t, 1 / w.inputFactor);
        clock.time('act1', () => {
          const parts = evaluatePlanParts(B, t, plan, delta);
          if (parts.factors) {
            const p = B.product(parts.factors[0], parts.factors[1]);
            if (products === null) products = p;
            else {
              B.evaluator.add(products, B.pinScale(p, products.scale), products);
              p.delete();
            }
          }
          if (typeof parts.rest === 'number') restConstant += parts.rest;
          else if (rest === null) rest = parts.rest;
          else B.evaluator.add(rest, B.pinScale(parts.rest, rest.scale), rest);
          B.release(rest ? [rest] : []);
        });
        t.delete();
      }
      this.pooled[k] = clock.time('act1', () => {
        const sum = products ? B.finishProduct(products, delta) : null;
        if (sum && rest) {
          B.evaluator.add(sum, B.pinScale(rest, sum.scale), sum);
          (rest as CipherText).delete();
        }
        return B.addConstantInPlace((sum ?? rest)!, restConstant);
      });
      for (const P of this.reads[k]) {
        if (--this.readers[P] === 0) {
          this.pixels.get(P)?.delete();
          this.pixels.delete(P);
        }
      }
      this.record('pool', k, this.pooled[k]!, 1 / 4);
    }
  }

  /**
   * Dense 1 over the cells [from, to): for every hidden unit i, sum_k w1[i, k] pooled_k, rescaled
   * (level 2 + activation depth, at the activation's input scale) - the whole sum when the range holds every cell, else a partial sum to
   * add to the other ranges' (`finishDense1`). Each partial goes to `take(i, partial)` as soon as
   * it exists (a worker ships the other workers' at once); without it they are returned. Frees
   * the pooled ciphertexts of the range.
   */
  dense1Partials(from = 0, to = this.ctx.net.cells, take?: (i: number, partial: CipherText | null) => void): (CipherText | null)[] {
    const { backend: B, clock, weights: w, net } = this.ctx;
    const scale = this.inputScales.dense1;
    const pooled = this.pooled.slice(from, to).map((p, k) => {
      if (p === null) throw new Error(`internal: pooled cell ${from + k} not computed (run convolveActivatePool over it first)`);
      return p;
    });
    const out: (CipherText | null)[] = [];
    for (let i = 0; i < net.hidden; i++) {
      const sum = clock.time('dense1', () => {
        const acc = B.linear(pooled, w.dense1.subarray(i * net.cells + from, i * net.cells + to), 0, { rescale: false, outputScale: scale });
        return acc && B.finishLinear(acc, scale);
      });
      if (take) take(i, sum);
      else out.push(sum);
    }
    for (const p of pooled) p.delete();
    this.pooled.fill(null, from, to);
    return out;
  }

  /** Hidden unit i from its (rescaled) partial sums, plus the window shift. */
  finishDense1(i: number, partials: readonly (CipherText | null)[]): void {
    const { backend: B, clock, weights: w } = this.ctx;
    const y = clock.time('dense1', () => {
      const parts = partials.filter((p): p is CipherText => p !== null);
      if (parts.length === 0) throw new InputError('weights.dense1', `expected a weight above the scale resolution in row ${i}`);
      for (const p of parts.slice(1)) {
        B.evaluator.add(parts[0], B.pinScale(p, parts[0].scale), parts[0]);
        p.delete();
      }
      return B.addConstantInPlace(parts[0], w.shift);
    });
    this.hidden[i] = y;
    this.record('dense1', i, y, 1 / w.inputFactor);
  }

  /** The second activation on the hidden units [from, to). */
  activate2(from = 0, to = this.ctx.net.hidden): void {
    const { backend: B, clock, plan } = this.ctx;
    const delta = 2 ** this.ctx.session.parameters.scaleBits;
    for (let i = from; i < to; i++) {
      const y = this.hidden[i];
      if (!y) throw new Error(`internal: hidden unit ${i} not computed (run finishDense1 first)`);
      const b = clock.time('act2', () => B.pinScale(evaluatePlan(B, y, plan, delta), delta));
      B.release([b]);
      y.delete();
      this.hidden[i] = undefined;
      this.activated[i] = b;
      this.record('act2', i, b);
    }
  }

  /** Dense 2 over the hidden units [from, to): per logit the unrescaled (partial) sum, one level above the network's depth, scale Delta q. Frees the range. */
  dense2Partials(from = 0, to = this.ctx.net.hidden): (CipherText | null)[] {
    const { backend: B, clock, weights: w, net } = this.ctx;
    const act = this.activated.slice(from, to).map((b, i) => {
      if (!b) throw new Error(`internal: hidden unit ${from + i} not activated (run activate2 first)`);
      return b;
    });
    const out = Array.from({ length: OUTPUTS }, (_, r) => clock.time('dense2', () => B.linear(act, w.dense2.subarray(r * net.hidden + from, r * net.hidden + to), 0, { rescale: false })));
    for (const b of act) b.delete();
    this.activated.fill(undefined, from, to);
    return out;
  }

  /** Client: the logits from their partial sums (rescaled by the server, then decrypted). */
  finishLogits(partials: readonly (readonly (CipherText | null)[])[]): LayoutResult {
    const { backend: B, clock, session } = this.ctx;
    const logits = new Float64Array(this.count * OUTPUTS);
    let levelsConsumed = 0;
    partials.forEach((list, r) => {
      const parts = list.filter((p): p is CipherText => p !== null);
      const z = parts.length === 0 ? null : clock.time('dense2', () => {
        for (const p of parts.slice(1)) {
          B.evaluator.add(parts[0], B.pinScale(p, parts[0].scale), parts[0]);
          p.delete();
        }
        return B.finishLinear(parts[0], 2 ** session.parameters.scaleBits);
      });
      if (z === null) return; // every weight of the row below the scale's resolution: the logit is 0
      this.record('dense2', r, z);
      levelsConsumed = B.level(z);
      const v = clock.time('decrypt', () => session.decrypt(z).values);
      for (let n = 0; n < this.count; n++) logits[n * OUTPUTS + r] = v[n];
      z.delete();
    });
    return { logits, levelsConsumed, layerErrors: this.trace ? { ...this.trace.errors } : undefined };
  }

  /** Free the pixel ciphertexts still alive (those other cells would read: a worker that only does its own). */
  releasePixels(): void {
    for (const ct of this.pixels.values()) ct.delete();
    this.pixels.clear();
  }

  /** Free whatever is still alive (after an error). */
  delete(): void {
    for (const ct of [...this.pixels.values(), ...this.pooled, ...this.hidden, ...this.activated]) ct?.delete();
    this.pixels.clear();
    this.pooled.fill(null);
    this.hidden.length = 0;
    this.activated.length = 0;
  }

  /** Every stage in order, in this thread. */
  run(): LayoutResult {
    try {
      this.convolveActivatePool();
      this.dense1Partials(0, this.ctx.net.cells, (i, p) => this.finishDense1(i, [p]));
      this.activate2();
      return this.finishLogits(this.dense2Partials().map((p) => [p]));
    } finally {
      this.delete();
    }
  }
}
