/**
 * The packed layout: one image per ciphertext, rotations for the sums across slots, for low
 * latency. The slot count S (8192 at N = 16384) is 10 times an image, and the layout spends the
 * room on replication, so that few rotations are needed (each is a key switch, the most expensive
 * operation here; a baby-step giant-step convolution over the 25 diagonals would need 8 of them at
 * the top level, this one 2 after the first rescale and 6 client ciphertexts more):
 *
 * 1. The client encodes the image "im2col": the 464 pixels each kernel tap o reads, for the 464
 *    conv outputs feeding the kept pooled cells, member q of cell k at slot k + 128 q of a
 *    512-slot pattern. The 25 taps fill B blocks of S/B slots in ceil(25/B) ciphertexts (each
 *    block repeats the pattern S/(512 B) times; B = 4 by default: 7 ciphertexts). The client
 *    encodes them onto symmetric encryptions of zero it prepared before the image
 *    (prepareEncryption): the randomness of encrypting is done ahead, the image only encoded.
 * 2. Conv: each ciphertext times a plaintext holding tap o's weight in its block, summed, then
 *    summed over the B blocks by log2 B rotations (S/B, 2S/B, ..., S/2). The rotations are
 *    cyclic over all S slots, so every block ends up with the whole sum: the conv output repeats
 *    with period 512.
 * 3. Activation 1 on all slots at once. With the folded scheme (lib/he/folded.ts) the conv weights
 *    carry the plan's factor alpha and the conv hands over u = alpha t at the scale that lands
 *    the activation exactly on Delta / RHO (planInputScale); dense 1 likewise for activation 2.
 *    A folded quartic runs as a depressed quartic in two rescales instead of four (quartic.ts).
 * 4. Pool: a + rot(a, 128), then + rot(., 256): by the period-512 repetition every slot k + 128 t
 *    holds the sum of cell k's four members, i.e. the pooled vector repeats with period 128.
 * 5. Dense 1 (hidden x cells): block t of 128 slots computes two rows at once. Products
 *    P1 = pooled x (row 2t on slots 0..63 of the block, row 2t+1 on 64..127) and
 *    P2 = pooled x (row 2t-1 on 0..63, row 2t on 64..127); P1 + rot(P2, 64) pairs every product
 *    of row 2t on slots 0..63 and of row 2t+1 on 64..127 with a second one of the same row, and a
 *    rotate-and-sum over 64 slots (steps 1..32) leaves hidden unit i on slot 64 i: 7 rotations
 *    for 13,456 products.
 * 6. Activation 2.
 * 7. Dense 2 (10 x hidden) on the stride-64 lattice (S/64 positions, cyclic): the hybrid diagonal
 *    method (Juvekar et al., GAZELLE) with 16 diagonals by baby-step giant-step (4 x 4: 3 baby
 *    rotations at 2 primes, then each giant step's sum of 4 products rescaled and rotated at 1
 *    prime: 3), then a rotate-and-sum over the S/1024 groups of 16 (steps 1024, 2048, ...):
 *    logit r on slot 64 r.
 *
 * The other slots carry bounded garbage (the polynomial of partial sums) that the plaintext
 * zeros of the next linear layer discard. Galois keys: only these steps (15 at N = 16384).
 *
 * Cost (depth 7: every key switch at r remaining primes costs ~(r + 1)(r + 2) NTTs of N points,
 * ~1 ms each here): 20 rotations (conv 2 at r = 7, pool 2 at r = 5, dense 1 7 at r = 4, dense 2
 * 3 at r = 2 and 6 at r = 1) and 4 relinearisations (r = 7, 6, 4, 3) - about three quarters of
 * the time - plus 7 encodings (~7 ms each) and 7 plaintext products (~7 ms each) at the top level,
 * and 9 rescales. The client's encryptions of zero (~17 ms each), the plaintext weights (once
 * per network) and a run of the network on a blank image (`warmUp`) count as `prepare`, timed
 * apart. Everything runs in one thread: the server's work is one chain of key switches, and a
 * second thread for the client's encoding and the conv products (measured: a worker that
 * encodes half the ciphertexts and sends back their partial sum) gained nothing on this shared
 * 2-core machine.
 */
import type { CipherText } from 'node-seal/implementation/cipher-text';
import type { PlainText } from 'node-seal/implementation/plain-text';
import { InputError } from '../../errors';
import { INPUT_SIDE, INPUT_SIZE, OUTPUTS, poolMember } from '../../network/architecture';
import { planInputScale } from '../schemes';
import { LayerTrace, type LayoutContext, type LayoutResult } from './layout';
import { TAPS } from './network';
import { evaluateActivation } from './quartic';

/** The conv pattern's period and the pooled vector's (slot k + 128 q holds member q of cell k). */
export const PATTERN = 512, POOL_STRIDE = 128, HIDDEN_STRIDE = 64;
/** Dense 2: logits padded to 16 rows, 16 diagonals as 4 baby steps x 4 giant steps. */
const ROWS2 = 16, BABY2 = 4;
/**
 * The weights of every layer are tiny next to its inputs (conv taps ~4e-4 on pixels up to 200),
 * and a plaintext vector carries an absolute encoding error ~sqrt(N) / scale per slot. So each
 * linear layer's ciphertext input sits at scale Delta / RHO (pixels encoded there, activations
 * landing there) and its weight vectors at q RHO: the product is still at Delta q, the rescale by
 * q still lands on Delta, and the weight error shrinks RHO times while the input noise grows RHO
 * times - from weights ~1e-9 off on inputs ~1e2 to balanced (~1e-5 -> ~1e-7 at the logits).
 */
export const RHO = 128;

export interface PackedOptions {
  /** Blocks per client ciphertext (2, 4, 8 or 16; default 4): ceil(25 / blocks) ciphertexts, log2(blocks) conv rotations. */
  blocks?: number;
}

/** Conv rotation steps for `blocks` blocks over `slots` slots. */
function convSteps(slots: number, blocks: number): number[] {
  const out: number[] = [];
  for (let step = slots / blocks; step < slots; step *= 2) out.push(step);
  return out;
}

/** Dense 2's rotate-and-sum steps over the groups of 16 lattice positions. */
function dense2SumSteps(slots: number): number[] {
  const out: number[] = [];
  for (let step = ROWS2 * HIDDEN_STRIDE; step < slots; step *= 2) out.push(step);
  return out;
}

/** Every rotation step the packed layout uses (its Galois keys), ascending. */
export function packedGaloisSteps(slots: number, options: PackedOptions = {}): number[] {
  const blocks = packedBlocks(slots, options);
  const steps = [
    ...convSteps(slots, blocks),
    POOL_STRIDE, 2 * POOL_STRIDE,
    HIDDEN_STRIDE, 1, 2, 4, 8, 16, 32,
    ...[1, 2, 3].map((e) => e * HIDDEN_STRIDE), ...[1, 2, 3].map((g) => g * BABY2 * HIDDEN_STRIDE), ...dense2SumSteps(slots),
  ];
  return [...new Set(steps)].sort((a, b) => a - b);
}

/** Validated number of blocks. */
export function packedBlocks(slots: number, options: PackedOptions = {}): number {
  const blocks = options.blocks ?? 4;
  if (![2, 4, 8, 16].includes(blocks)) throw new InputError('blocks', `expected 2, 4, 8 or 16, got ${String(blocks)}`);
  if (!(slots % (blocks * PATTERN) === 0 && slots >= 8192)) throw new InputError('slots', `the packed layout needs at least 8192 slots (N >= 16384), a multiple of ${blocks * PATTERN}; got ${slots}`);
  return blocks;
}

/** Client ciphertexts per image: ceil(25 / blocks). */
export function packedCiphertexts(blocks: number): number {
  return Math.ceil(TAPS / blocks);
}

export class PackedModel {
  readonly blocks: number;
  readonly slots: number;
  private readonly convPt: PlainText[];
  private readonly dense1Pt: [PlainText, PlainText];
  /** Dense 2's diagonals, pre-rotated for the giant steps: index 4g + e. */
  private readonly dense2Pt: (PlainText | null)[];
  private readonly trace?: LayerTrace;
  /** The client's prepared encryptions of zero for the next image (prepareEncryption). */
  private readonly zeros: CipherText[] = [];
  /** During the set-up's warm-up run (nothing traced). */
  private warming = false;
  /** The scales conv and dense 1 hand their outputs over at: Delta, or for a folded plan the scale that lands the activation exactly on Delta / RHO (planInputScale). */
  private readonly inputScales: { readonly conv: number; readonly dense1: number };

  /** Server: encode the plaintext weights once (timed as `prepare`). */
  constructor(private readonly ctx: LayoutContext, options: PackedOptions = {}) {
    this.slots = ctx.session.slots;
    this.blocks = packedBlocks(this.slots, options);
    const { net, weights: w, backend: B } = ctx;
    if (!ctx.session.galoisKeys) throw new InputError('session', 'expected a session with the packed layout\'s Galois keys (packedGaloisSteps)');
    if (2 * (this.slots / POOL_STRIDE) < net.hidden) throw new Error('internal: too few slots for the hidden layer');
    if (ctx.weights.inputFactor !== (ctx.plan.inputFactor ?? 1)) throw new Error('internal: the layer weights were made for another activation plan (layerWeights(net, plan))');
    const S = this.slots, block = S / this.blocks, delta = 2 ** ctx.session.parameters.scaleBits;
    const level1 = 1 + ctx.plan.depth; // dense 1 multiplies the activation's output
    this.inputScales = { conv: planInputScale(B, ctx.plan, 1, delta / RHO, delta), dense1: planInputScale(B, ctx.plan, level1 + 1, delta / RHO, delta) };
    // Weights at q RHO (factor: output scale / Delta): on an input at Delta / RHO the product rescales to Delta (factor 1) or to that output scale.
    const encode = (v: Float64Array, level: number, factor = 1): PlainText => {
      const pt = ctx.session.encoder.encode(v, B.rescaleFactor(level) * RHO * factor) as PlainText;
      for (let l = 0; l < level; l++) ctx.session.evaluator.plainModSwitchToNext(pt, pt);
      return pt;
    };
    this.convPt = ctx.clock.time('prepare', () => Array.from({ length: packedCiphertexts(this.blocks) }, (_, c) => {
      const v = new Float64Array(S);
      for (let b = 0; b < this.blocks; b++) {
        const o = c * this.blocks + b;
        if (o >= TAPS) continue;
        for (let base = b * block; base < (b + 1) * block; base += PATTERN) for (let k = 0; k < net.cells; k++) for (let q = 0; q < 4; q++) v[base + k + POOL_STRIDE * q] = w.conv[o];
      }
      return encode(v, 0, this.inputScales.conv / delta);
    }));
    const row = (i: number, j: number): number => (i >= 0 && i < net.hidden && j < net.cells ? w.dense1[i * net.cells + j] : 0);
    this.dense1Pt = ctx.clock.time('prepare', () => {
      const p1 = new Float64Array(S), p2 = new Float64Array(S);
      for (let t = 0; t < S / POOL_STRIDE; t++) {
        for (let j = 0; j < POOL_STRIDE; j++) {
          const low = j < HIDDEN_STRIDE;
          p1[POOL_STRIDE * t + j] = row(low ? 2 * t : 2 * t + 1, j);
          p2[POOL_STRIDE * t + j] = row(low ? 2 * t - 1 : 2 * t, j);
        }
      }
      const factor = this.inputScales.dense1 / delta;
      return [encode(p1, level1, factor), encode(p2, level1, factor)] as [PlainText, PlainText];
    });
    const level2 = level1 + 1 + ctx.plan.depth;
    const M = S / HIDDEN_STRIDE;
    this.dense2Pt = ctx.clock.time('prepare', () => Array.from({ length: ROWS2 }, (_, d) => {
      const g = Math.floor(d / BABY2), shift = g * BABY2 * HIDDEN_STRIDE;
      const v = new Float64Array(S);
      let any = false;
      for (let s = 0; s < M; s++) {
        const r = s % ROWS2, col = (s + d) % M;
        if (r < OUTPUTS && col < net.hidden) {
          // rot(D, -shift): the value for lattice slot 64 s moves to 64 s + shift.
          v[(HIDDEN_STRIDE * s + shift) % S] = w.dense2[r * net.hidden + col];
          any = true;
        }
      }
      return any ? encode(v, level2) : null;
    }));
    if (ctx.reference) this.trace = new LayerTrace(ctx.session, ctx.reference);
    this.warmUp();
  }

  /**
   * Set-up, once per model: run the network on an encryption of a blank image. It builds the
   * activation's constant plaintexts (cached by the backend per constant, scale and level: part of
   * the model, like the weights) and lets SEAL's memory pools and the JIT reach the state they are
   * in for every later image, so that the latency measured is a running server's for any image,
   * the first included. Its time counts as `prepare`; its key switches are not counted.
   */
  private warmUp(): void {
    const { clock, backend: B } = this.ctx;
    const phases = { ...clock.ms }, counted = { ...B.keySwitches }, t0 = performance.now();
    this.warming = true;
    try {
      this.prepareEncryption();
      const z = this.evaluate(this.encrypt(new Float64Array(INPUT_SIZE)));
      this.decrypt(z);
      z.delete();
    } finally {
      this.warming = false;
      B.release();
      Object.assign(clock.ms, phases);
      clock.ms.prepare += performance.now() - t0;
      Object.assign(B.keySwitches, counted);
    }
  }

  /** Client: the image's im2col vectors, one per client ciphertext (tap o = c blocks + b in block b of vector c). */
  im2col(image: Float64Array): Float64Array[] {
    const { net } = this.ctx;
    const S = this.slots, block = S / this.blocks;
    return Array.from({ length: packedCiphertexts(this.blocks) }, (_, c) => {
      const v = new Float64Array(S);
      for (let b = 0; b < this.blocks; b++) {
        const o = c * this.blocks + b;
        if (o >= TAPS) continue;
        const u = Math.floor(o / 5), vv = o % 5;
        for (let k = 0; k < net.cells; k++) for (let q = 0; q < 4; q++) {
          const p = poolMember(k, q), i = Math.floor(p / 24), j = p % 24;
          const x = image[(i + u) * INPUT_SIDE + j + vv];
          for (let base = b * block; base < (b + 1) * block; base += PATTERN) v[base + k + POOL_STRIDE * q] = x;
        }
      }
      return v;
    });
  }

  /** The client's pixel scale: Delta / RHO. */
  private get pixelScale(): number {
    return 2 ** this.ctx.session.parameters.scaleBits / RHO;
  }

  /**
   * Client, ahead of the image (timed as `ahead`, not in the latency): one symmetric encryption of zero per client
   * ciphertext, the message-independent part of encrypting (its randomness, half the cost), for
   * the next `encrypt`.
   */
  prepareEncryption(): void {
    const { session, clock } = this.ctx;
    clock.time('ahead', () => {
      for (const ct of this.zeros.splice(0)) ct.delete();
      for (let c = 0; c < packedCiphertexts(this.blocks); c++) this.zeros.push(session.encryptZeroSymmetric());
    });
  }

  /** Client: the image's im2col ciphertexts (pixels at scale Delta / RHO), in this thread: encoded onto the prepared encryptions of zero (prepareEncryption), or encrypted whole without them. */
  encrypt(image: Float64Array): CipherText[] {
    const { session, clock } = this.ctx;
    const zeros = this.zeros.splice(0);
    return clock.time('encrypt', () => this.im2col(image).map((v, c) => (zeros[c] ? session.encryptOnto(v, this.pixelScale, zeros[c]) : session.encryptSymmetric(v, this.pixelScale).ciphertext)));
  }

  /** Server: the network on one image's ciphertexts (consumed); returns the logit ciphertext. */
  evaluate(cts: CipherText[], image = 0): CipherText {
    const { backend: B, clock, weights: w, plan, net } = this.ctx;
    const ev = B.evaluator, S = this.slots, delta = 2 ** this.ctx.session.parameters.scaleBits;
    const sumRotations = (x: CipherText, steps: readonly number[]): CipherText => {
      for (const step of steps) {
        const r = B.rotate(x, step);
        ev.add(x, r, x);
        r.delete();
      }
      return x;
    };
    // 2. conv
    const t = clock.time('conv', () => {
      const acc = ev.multiplyPlain(cts[0], this.convPt[0]) as CipherText;
      for (let c = 1; c < cts.length; c++) {
        const prod = ev.multiplyPlain(cts[c], this.convPt[c]) as CipherText;
        ev.add(acc, prod, acc);
        prod.delete();
      }
      for (const ct of cts) ct.delete();
      ev.rescaleToNext(acc, acc);
      B.pinScale(acc, this.inputScales.conv);
      sumRotations(acc, convSteps(S, this.blocks));
      return B.addConstantInPlace(acc, w.shift);
    });
    this.record('conv', image, t, (m) => m % 4 * POOL_STRIDE + Math.floor(m / 4), 4 * net.cells, 1 / w.inputFactor);
    // 3. activation 1
    const a = clock.time('act1', () => evaluateActivation(B, t, plan, delta / RHO));
    B.release([a]);
    t.delete();
    this.record('act1', image, a, (m) => m % 4 * POOL_STRIDE + Math.floor(m / 4), 4 * net.cells);
    // 4. pool
    const pooled = clock.time('pool', () => sumRotations(sumRotations(a, [POOL_STRIDE]), [2 * POOL_STRIDE]));
    this.record('pool', image, pooled, (k) => k, net.cells, 1 / 4);
    // 5. dense 1
    const y = clock.time('dense1', () => {
      const p1 = ev.multiplyPlain(pooled, this.dense1Pt[0]) as CipherText;
      const p2 = ev.multiplyPlain(pooled, this.dense1Pt[1]) as CipherText;
      pooled.delete();
      for (const p of [p1, p2]) {
        ev.rescaleToNext(p, p);
        B.pinScale(p, this.inputScales.dense1);
      }
      const r = B.rotate(p2, HIDDEN_STRIDE);
      p2.delete();
      ev.add(p1, r, p1);
      r.delete();
      sumRotations(p1, [1, 2, 4, 8, 16, 32]);
      return B.addConstantInPlace(p1, w.shift);
    });
    this.record('dense1', image, y, (i) => HIDDEN_STRIDE * i, net.hidden, 1 / w.inputFactor);
    // 6. activation 2
    const b = clock.time('act2', () => evaluateActivation(B, y, plan, delta / RHO));
    B.release([b]);
    y.delete();
    this.record('act2', image, b, (i) => HIDDEN_STRIDE * i, net.hidden);
    // 7. dense 2
    const z = clock.time('dense2', () => {
      const baby = [b, ...[1, 2, 3].map((e) => B.rotate(b, e * HIDDEN_STRIDE))];
      let acc: CipherText | null = null;
      for (let g = 0; g < ROWS2 / BABY2; g++) {
        let inner: CipherText | null = null;
        for (let e = 0; e < BABY2; e++) {
          const pt = this.dense2Pt[g * BABY2 + e];
          if (!pt) continue;
          const prod = ev.multiplyPlain(baby[e], pt) as CipherText;
          if (inner === null) inner = prod;
          else { ev.add(inner, prod, inner); prod.delete(); }
        }
        if (inner === null) continue;
        // Rescaled before its giant step: the rotation then key-switches 1 prime instead of 2.
        ev.rescaleToNext(inner, inner);
        B.pinScale(inner, delta);
        if (g > 0) { const r = B.rotate(inner, g * BABY2 * HIDDEN_STRIDE); inner.delete(); inner = r; }
        if (acc === null) acc = inner;
        else { ev.add(acc, inner, acc); inner.delete(); }
      }
      for (const x of baby) x.delete();
      if (acc === null) throw new InputError('weights.dense2', 'expected a weight above the scale resolution');
      return sumRotations(acc, dense2SumSteps(S));
    });
    this.record('dense2', image, z, (r) => HIDDEN_STRIDE * r, OUTPUTS);
    return z;
  }

  /** Client: decrypt the logits (slot 64 r). */
  decrypt(z: CipherText): Float64Array {
    const v = this.ctx.clock.time('decrypt', () => this.ctx.session.decrypt(z).values);
    return Float64Array.from({ length: OUTPUTS }, (_, r) => v[HIDDEN_STRIDE * r]);
  }

  /** Every image of `images` (count x 784), one after the other, each encrypted onto encryptions of zero the client prepared ahead of it. */
  run(images: Float64Array, count: number): LayoutResult {
    if (!Number.isInteger(count) || count < 1 || images.length < count * INPUT_SIZE) throw new InputError('images', `expected ${count} x ${INPUT_SIZE} pixels, got ${images.length}`);
    const logits = new Float64Array(count * OUTPUTS);
    let levelsConsumed = 0;
    for (let n = 0; n < count; n++) {
      const image = images.subarray(n * INPUT_SIZE, (n + 1) * INPUT_SIZE);
      this.prepareEncryption();
      const z = this.evaluate(this.encrypt(image), n);
      levelsConsumed = this.ctx.backend.level(z);
      logits.set(this.decrypt(z), n * OUTPUTS);
      z.delete();
    }
    return { logits, levelsConsumed, layerErrors: this.trace ? { ...this.trace.errors } : undefined };
  }

  /** Free the plaintext weights. */
  delete(): void {
    for (const pt of [...this.convPt, ...this.dense1Pt, ...this.dense2Pt]) pt?.delete();
    for (const ct of this.zeros.splice(0)) ct.delete();
  }

  /** Decrypt ct and compare `count` values (value `index` at slot slotOf(index)) with the mirror's image `image`. */
  private record(layer: Parameters<LayerTrace['compare']>[0], image: number, ct: CipherText, slotOf: (index: number) => number, count: number, factor = 1): void {
    if (!this.trace || this.warming) return;
    const v = this.trace.values(ct);
    for (let i = 0; i < count; i++) this.trace.compare(layer, image, i, factor * v[slotOf(i)]);
  }
}
