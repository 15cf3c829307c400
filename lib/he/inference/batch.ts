/**
 * The batch layout (CryptoNets): slot n of every ciphertext belongs to image n, so up to N/2
 * images share one run and no rotation (no Galois key) is needed. One ciphertext per pixel, per
 * conv output, per pooled cell, per hidden unit and per logit; every layer is a slot-wise
 * computation with plaintext constants. Its cost does not depend on the number of images.
 *
 * Memory stays bounded by streaming: cells are processed row by row, a pixel is encrypted when a
 * cell first needs it and freed after its last cell (at most ~6 input rows alive), and each conv
 * output is activated and summed into its pooled cell at once. The stages can run in chunks of
 * cells (`convolveActivatePool(from, to)`), e.g. one notebook cell each.
 */
import type { CipherText } from 'node-seal/implementation/cipher-text';
import { InputError } from '../../errors';
import { INPUT_SIDE, INPUT_SIZE, KERNEL_SIDE, OUTPUTS } from '../../network/architecture';
import { evaluatePlan, evaluatePlanParts } from '../schemes';
import { LayerTrace, type LayoutContext, type LayoutResult } from './layout';
import { convPositions, TAPS, type LayerName } from './network';

/** Pixel index of tap o for conv position c (24x24 row-major). */
function pixelOf(c: number, o: number): number {
  const i = Math.floor(c / 24), j = c % 24, u = Math.floor(o / KERNEL_SIDE), v = o % KERNEL_SIDE;
  return (i + u) * INPUT_SIDE + j + v;
}

export class BatchRun {
  private readonly pixels = new Map<number, CipherText>();
  /** The last cell that reads each pixel (-1: none). */
  private readonly lastUse: Int32Array;
  private readonly pooled: (CipherText | null)[];
  private hidden: CipherText[] = [];
  private activated: CipherText[] = [];
  private logitCts: CipherText[] = [];
  private readonly trace?: LayerTrace;

  constructor(private readonly ctx: LayoutContext, private readonly images: Float64Array, readonly count: number, private readonly traceEvery = 0) {
    const slots = ctx.session.slots;
    if (!Number.isInteger(count) || count < 1 || count > slots) throw new InputError('images', `expected 1..${slots} images (the slots of N = ${2 * slots}), got ${count}`);
    if (images.length < count * INPUT_SIZE) throw new InputError('images', `expected ${count} x ${INPUT_SIZE} pixels, got ${images.length}`);
    const positions = convPositions(ctx.net);
    this.lastUse = new Int32Array(INPUT_SIZE).fill(-1);
    positions.forEach((c, m) => { for (let o = 0; o < TAPS; o++) this.lastUse[pixelOf(c, o)] = Math.floor(m / 4); });
    this.pooled = new Array<CipherText | null>(ctx.net.cells).fill(null);
    if (ctx.reference) this.trace = new LayerTrace(ctx.session, ctx.reference);
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
    for (let k = from; k < to; k++) {
      let products: CipherText | null = null, rest: CipherText | null = null, restConstant = 0;
      for (let q = 0; q < 4; q++) {
        const m = 4 * k + q, c = positions[m];
        const xs = Array.from({ length: TAPS }, (_, o) => this.pixel(pixelOf(c, o)));
        const t = clock.time('conv', () => B.linear(xs, w.conv, w.shift, { cacheWeights: true }));
        if (!t) throw new InputError('weights.conv', 'expected a kernel with a weight above the scale resolution');
        this.record('conv', m, t);
        clock.time('act1', () => {
          const parts = evaluatePlanParts(B, t, plan);
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
      for (const [P, ct] of this.pixels) if (this.lastUse[P] <= k) { ct.delete(); this.pixels.delete(P); }
      this.record('pool', k, this.pooled[k]!, 1 / 4);
    }
  }

  /** Dense 1: one linear combination of the pooled sums per hidden unit. */
  dense1(): void {
    const { backend: B, clock, weights: w, net } = this.ctx;
    const pooled = this.pooled.map((p, k) => {
      if (p === null) throw new Error(`internal: pooled cell ${k} not computed (run convolveActivatePool over every cell first)`);
      return p;
    });
    for (let i = 0; i < net.hidden; i++) {
      const y = clock.time('dense1', () => B.linear(pooled, w.dense1.subarray(i * net.cells, (i + 1) * net.cells), w.shift));
      this.hidden.push(y ?? this.zero(pooled[0]));
      this.record('dense1', i, this.hidden[i]);
    }
    for (const p of pooled) p.delete();
    this.pooled.fill(null);
  }

  /** The second activation on every hidden unit. */
  activate2(): void {
    const { backend: B, clock, plan } = this.ctx;
    this.activated = this.hidden.map((y, i) => {
      const b = clock.time('act2', () => B.pinScale(evaluatePlan(B, y, plan), y.scale));
      B.release([b]);
      y.delete();
      this.record('act2', i, b);
      return b;
    });
    this.hidden = [];
  }

  /** Dense 2: one linear combination per logit. */
  dense2(): void {
    const { backend: B, clock, weights: w, net } = this.ctx;
    for (let r = 0; r < OUTPUTS; r++) {
      const z = clock.time('dense2', () => B.linear(this.activated, w.dense2.subarray(r * net.hidden, (r + 1) * net.hidden)));
      this.logitCts.push(z ?? this.zero(this.activated[0]));
      this.record('dense2', r, this.logitCts[r]);
    }
    for (const b of this.activated) b.delete();
    this.activated = [];
  }

  /** Client: decrypt the 10 logit ciphertexts. */
  decrypt(): LayoutResult {
    const logits = new Float64Array(this.count * OUTPUTS);
    const levelsConsumed = this.ctx.backend.level(this.logitCts[0]);
    this.logitCts.forEach((z, r) => {
      const v = this.ctx.clock.time('decrypt', () => this.ctx.session.decrypt(z).values);
      for (let n = 0; n < this.count; n++) logits[n * OUTPUTS + r] = v[n];
      z.delete();
    });
    this.logitCts = [];
    return { logits, levelsConsumed, layerErrors: this.trace ? { ...this.trace.errors } : undefined };
  }

  /** Free whatever is still alive (after an error). */
  delete(): void {
    for (const ct of [...this.pixels.values(), ...this.pooled, ...this.hidden, ...this.activated, ...this.logitCts]) ct?.delete();
    this.pixels.clear();
    this.pooled.fill(null);
    this.hidden = [];
    this.activated = [];
    this.logitCts = [];
  }

  /** An encryption of 0 at like's level and scale (a row whose weights all round to 0). */
  private zero(like: CipherText): CipherText {
    const s = this.ctx.session;
    const ct = s.encrypt([0], like.scale).ciphertext;
    const id = like.parmsId;
    s.evaluator.cipherModSwitchTo(ct, id, ct);
    id.delete();
    return ct;
  }

  /** Every stage in order. */
  run(): LayoutResult {
    try {
      this.convolveActivatePool();
      this.dense1();
      this.activate2();
      this.dense2();
      return this.decrypt();
    } finally {
      this.delete();
    }
  }
}
