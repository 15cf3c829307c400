/**
 * The hot loops of the network as WebAssembly SIMD kernels (f64x2: two values per instruction):
 * the convolution (with the max-abs), the activation + 2x2 mean, the dense layers' matrix
 * product, the hidden layer's activation and the input generator. Hand-assembled below because
 * the project has no WebAssembly toolchain; where WebAssembly SIMD is unavailable
 * `simdKernel` returns null and forward.ts runs its scalar JavaScript loops.
 *
 * Each kernel does the same arithmetic as its scalar counterpart in forward.ts, in the same order,
 * every operation rounded once (WebAssembly has no fused multiply-add outside relaxed-simd), so
 * the results are bit-identical to the scalar code; the tests check it.
 *
 * Performance notes (V8 11 / Node 20, measured per kernel): TurboFan hoists every load of a loop
 * body to its top and spills when that exceeds the 16 vector registers, and it keeps the base +
 * offset of each distinct load64_splat in a register of its own; so the loop bodies below are
 * kept small, with few distinct offsets, rather than unrolled.
 *
 * Dense layout: the weight matrix (rows x n, rows even) is stored pair-interleaved, W2[(p n + j) 2 + l] =
 * W[(2p + l) n + j], so one 16-byte load gives rows 2p and 2p+1 at column j; x columns are
 * contiguous (x[c n + j]); out[c rows + i]. Four columns at a time (cols must be a multiple of 4).
 */

import { HIDDEN, KEPT, OUTPUTS } from './architecture';

// Instruction helpers for the kernels below (local indices, memarg offsets in bytes).
const get = (i: number): number[] => [0x20, i], set = (i: number): number[] => [0x21, i];
const i32 = (v: number): number[] => [0x41, ...sleb(v)];
const I32 = { add: 0x6a, ltu: 0x49, geu: 0x4f };
const F2 = { mul: [0xfd, 0xf2, 0x01], add: [0xfd, 0xf0, 0x01], splat: [0xfd, 0x14], zero: [0xfd, 0x0c, ...new Array<number>(16).fill(0)] };
const load = (off: number): number[] => [0xfd, 0x00, 0x03, ...uleb(off)];
const splat64 = (off: number): number[] => [0xfd, 0x0a, 0x03, ...uleb(off)];
const store = (off: number): number[] => [0xfd, 0x0b, 0x03, ...uleb(off)];

// (func $dense (param $w i32) (param $x i32) (param $o i32) (param $pairs i32) (param $n i32) (param $cols i32) (param $scale f64)):
// out = scale W x, specialised to one shape (rows x n; $n is ignored): P row pairs (P = 2 for
// dense1, 116 x 116; 1 for dense2, 10 rows) x four columns per step, so each loaded x value
// feeds P pairs. Per output the accumulation order is the scalar one. The shape is baked into the
// code, and each x column has its own pointer: V8 hoists the base + offset of a load64_splat with
// an immediate offset out of the loop into a register each, and a generic kernel's address
// arithmetic, spill reloads and such hoisted bases cost as many instructions as the
// multiply-adds. Not unrolled: unrolled 2 or 4 times, TurboFan schedules all the loads first and
// spills (measured slower). dense1 runs at ~5.5 cycles per 16 f64x2 operations, the FP ports' bound.
// locals: 7 c, 8 p, 9 wp, 10 pw, 11-14 px0..px3, 15 end, 16 xc, 17 oc, 18 addr (i32);
// 19-22 a0..a3 (pair p), 23-26 a4..a7 (pair p + 1), 27 wv0, 28 wv1, 29 xs, 30 sc (v128)
function denseBody(rows: number, n: number, P: 1 | 2): number[] {
  const code: number[] = [...get(6), ...F2.splat, ...set(30), ...get(1), ...set(16), ...get(2), ...set(17), ...i32(0), ...set(7)];
  code.push(0x02, 0x40, 0x03, 0x40, ...get(7), ...get(5), I32.geu, 0x0d, 1); // while c < cols
  code.push(...get(0), ...set(9), ...get(17), ...set(18), ...i32(0), ...set(8));
  code.push(0x02, 0x40, 0x03, 0x40, ...get(8), ...get(3), I32.geu, 0x0d, 1); // while p < pairs
  code.push(...F2.zero);
  for (let a = 19; a < 19 + 4 * P - 1; a++) code.push(0x22, a); // accumulators = 0 (local.tee)
  code.push(...set(19 + 4 * P - 1), ...get(9), ...set(10));
  for (let k = 0; k < 4; k++) code.push(...get(16), ...i32(k * n * 8), I32.add, ...set(11 + k)); // px_k = xc + k n 8
  code.push(...get(12), ...set(15)); // end = px0 + n 8 = px1
  code.push(0x03, 0x40); // do
  code.push(...get(10), ...load(0), ...set(27)); // rows 2p, 2p+1 at column j
  if (P === 2) code.push(...get(10), ...load(n * 16), ...set(28)); // rows 2p+2, 2p+3
  for (let k = 0; k < 4; k++) {
    code.push(...get(11 + k), ...splat64(0), ...set(29));
    code.push(...get(19 + k), ...get(27), ...get(29), ...F2.mul, ...F2.add, ...set(19 + k)); // a_k += wv0 xs
    if (P === 2) code.push(...get(23 + k), ...get(28), ...get(29), ...F2.mul, ...F2.add, ...set(23 + k)); // a_k+4 += wv1 xs
  }
  code.push(...get(10), ...i32(16), I32.add, ...set(10));
  for (let k = 0; k < 4; k++) code.push(...get(11 + k), ...i32(8), I32.add, ...set(11 + k));
  code.push(...get(11), ...get(15), I32.ltu, 0x0d, 0, 0x0b); // while px0 < end
  for (let k = 0; k < 4; k++) { // out[(c + k) rows + 2p ..] = sc a_k, then pair p + 1
    code.push(...get(18), ...get(19 + k), ...get(30), ...F2.mul, ...store(k * rows * 8));
    if (P === 2) code.push(...get(18), ...get(23 + k), ...get(30), ...F2.mul, ...store(k * rows * 8 + 16));
  }
  code.push(...get(9), ...i32(P * n * 16), I32.add, ...set(9), ...get(18), ...i32(P * 16), I32.add, ...set(18), ...get(8), ...i32(P), I32.add, ...set(8));
  code.push(0x0c, 0, 0x0b, 0x0b);
  code.push(...get(16), ...i32(4 * n * 8), I32.add, ...set(16), ...get(17), ...i32(4 * rows * 8), I32.add, ...set(17), ...get(7), ...i32(4), I32.add, ...set(7));
  code.push(0x0c, 0, 0x0b, 0x0b, 0x0b);
  return code;
}

// (func $xor128 (param $out i32) (param $n i32) (param $st i32) (param $lo f64) (param $span f64)):
// n pixels lo + span * w from Marsaglia's xor128 (seedrandom.xor128's step), state (x, y, z, w) as
// four i32 at $st, read at entry and written back. Integer ops are exact and the two f64 ops are
// in the scalar order, so the stream is bit-identical to InputStream.fill. Four steps per
// iteration, each new word written over the oldest (t = x ^ x << 11; x = w ^ w >>> 19 ^ t ^ t >>> 8,
// then y from x, ...): no register rotation, and the xors grouped so that only two depend on
// the previous step. The remaining n % 4 steps rotate one at a time.
// locals: 5 end4, 6 x, 7 y, 8 z, 9 w, 10 t, 11 end (i32)
function xor128Body(): number[] {
  const X = { xor: 0x73, shl: 0x74, shru: 0x76 };
  // s[a] = (s[prev] ^ s[prev] >>> 19) ^ (t ^ t >>> 8) with t = s[a] ^ s[a] << 11; store pixel at $out + off
  const step = (a: number, prev: number, off: number): number[] => [
    ...get(a), ...get(a), ...i32(11), X.shl, X.xor, 0x22, 10, ...get(10), ...i32(8), X.shru, X.xor, ...set(10),
    ...get(prev), ...get(prev), ...i32(19), X.shru, X.xor, ...get(10), X.xor, 0x22, a,
    ...set(10), ...get(0), ...get(3), ...get(4), ...get(10), 0xb8, 0xa2, 0xa0, 0x39, 0x03, ...uleb(off), // f64.store lo + span * u32
  ];
  return [
    ...get(2), 0x28, 0x02, 0, ...set(6), ...get(2), 0x28, 0x02, 4, ...set(7), ...get(2), 0x28, 0x02, 8, ...set(8), ...get(2), 0x28, 0x02, 12, ...set(9),
    ...get(0), ...get(1), ...i32(3), X.shl, I32.add, 0x22, 11, ...get(1), ...i32(3), 0x71, ...i32(3), X.shl, 0x6b, ...set(5), // end = out + 8n; end4 = end - 8 (n & 3)
    0x02, 0x40, 0x03, 0x40, ...get(0), ...get(5), I32.geu, 0x0d, 1,
    ...step(6, 9, 0), ...step(7, 6, 8), ...step(8, 7, 16), ...step(9, 8, 24),
    ...get(0), ...i32(32), I32.add, ...set(0), 0x0c, 0, 0x0b, 0x0b,
    0x02, 0x40, 0x03, 0x40, ...get(0), ...get(11), I32.geu, 0x0d, 1,
    ...step(6, 9, 0), ...get(7), ...get(8), ...get(9), ...get(6), ...set(9), ...set(8), ...set(7), ...set(6), // (x, y, z, w) = (y, z, w, x)
    ...get(0), ...i32(8), I32.add, ...set(0), 0x0c, 0, 0x0b, 0x0b,
    ...get(2), ...get(6), 0x36, 0x02, 0, ...get(2), ...get(7), 0x36, 0x02, 4, ...get(2), ...get(8), 0x36, 0x02, 8, ...get(2), ...get(9), 0x36, 0x02, 12,
    0x0b,
  ];
}

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];

// (func $conv (param $in i32) (param $out i32) (param $k i32) (param $rows i32) (result f64)): valid
// 5x5 convolution of a 28x28 input (byte address $in) into rows 0..$rows-1 of a 24x24 output, four
// adjacent outputs (two f64x2, A and B) per step. Same order as the scalar `convolve`: per kernel
// row u, r_u = ((((k0 x0 + k1 x1) + k2 x2) + k3 x3) + k4 x4), and out = ((((0 + r_0) + r_1) + r_2)
// + r_3) + r_4. One kernel row per iteration of an inner loop, its five weights read pre-splatted
// from $k (kernelSplat, 16 bytes each) and shared by A and B: a body holding all 25 weights or
// pixels spills most of them (measured ~30% slower). Returns max(0, max |out|) over the rows
// (per-input scaling's factor), folded in here to save a second pass: m = pmax(m, |acc|) ignores
// NaN like the scalar `v > m` loop, and max is exact, so the value is the scalar one.
// locals: 4 ip, 5 op, 6 rowEnd, 7 end, 8 kp, 9 xp, 10 kend (i32); 11 accA, 12 tA, 13 m, 14 accB, 15 tB, 16 kw (v128)
function convBody(): number[] {
  const code: number[] = [...F2.zero, ...set(13), ...get(0), ...set(4), ...get(1), 0x22, 5, ...get(3), ...i32(24 * 8), 0x6c, I32.add, ...set(7)];
  code.push(...get(2), ...i32(25 * 16), I32.add, ...set(10));
  code.push(0x02, 0x40, 0x03, 0x40, ...get(5), ...get(7), I32.geu, 0x0d, 1); // while op < end (one output row)
  code.push(...get(5), ...i32(24 * 8), I32.add, ...set(6), 0x03, 0x40); // do (four outputs)
  code.push(...F2.zero, 0x22, 11, ...set(14), ...get(2), ...set(8), ...get(4), ...set(9), 0x03, 0x40); // acc = +0 (the scalar zero-filled output); do (kernel row u)
  for (let v = 0; v < 5; v++) {
    code.push(...get(8), ...load(v * 16), ...set(16));
    for (const [t, b] of [[12, 0], [15, 16]]) {
      if (v === 0) code.push(...get(16), ...get(9), ...load(b), ...F2.mul, ...set(t));
      else code.push(...get(t), ...get(16), ...get(9), ...load(v * 8 + b), ...F2.mul, ...F2.add, ...set(t));
    }
  }
  code.push(...get(11), ...get(12), ...F2.add, ...set(11), ...get(14), ...get(15), ...F2.add, ...set(14)); // acc = acc + r_u
  code.push(...get(9), ...i32(28 * 8), I32.add, ...set(9), ...get(8), ...i32(5 * 16), I32.add, 0x22, 8, ...get(10), I32.ltu, 0x0d, 0, 0x0b);
  for (const [acc, b] of [[11, 0], [14, 16]]) code.push(...get(5), ...get(acc), ...store(b), ...get(13), ...get(acc), 0xfd, 0xec, 0x01, 0xfd, 0xf7, 0x01, ...set(13)); // store; m = pmax(m, |acc|)
  code.push(...get(4), ...i32(32), I32.add, ...set(4), ...get(5), ...i32(32), I32.add, 0x22, 5, ...get(6), I32.ltu, 0x0d, 0, 0x0b);
  code.push(...get(4), ...i32(4 * 8), I32.add, ...set(4), 0x0c, 0, 0x0b, 0x0b); // next input row (28 - 24 pixels on)
  code.push(...get(13), 0xfd, 0x21, 0, ...get(13), 0xfd, 0x21, 1, 0xa5, 0x0b); // f64.max(lane 0, lane 1)
  return code;
}

// (func $actPool (param $conv i32) (param $pe i32) (param $pp i32) (param $s f64) (param $lo f64)
//   (param $hi f64) (param $a f64) (param $b f64) (param $tMul f64) (param $tAdd f64)
//   (param $q0 f64) (param $q1 f64) (param $q2 f64) (param $q3 f64) (param $q4 f64) (result i32))
// The activation + 2x2 mean of forward.ts's activatePool for the KEPT cells, with the scalar
// code's arithmetic and order: x = s c, clamped to [lo, hi] (+-inf when not clamping), ReLU =
// pmax(0, x) = 0 < x ? x : 0 (the scalar x > 0 ? x : 0 exactly, also for -0 and NaN), p by
// Horner in t; the four values of a cell summed left to right from 0 and multiplied by 0.25.
// Two horizontally adjacent cells per step (KEPT and a pooled row are even): a conv row gives
// [c0 c1] [c2 c3]; shuffled into [c0 c2] and [c1 c3], the two cells' sums are one f64x2 each,
// with no lane extraction. Returns the number of x outside [a, b] (i64 lanes, a true
// comparison is -1, subtracted).
// locals: 15 cp, 16 oe, 17 op, 18 end, 19 rowEnd (i32); 20 x, 21 t, 22 RA, 23 PA, 24 SR, 25 SP,
// 26 S, 27 LO, 28 HI, 29 A, 30 B, 31 TM, 32 TA, 33-37 Q0..Q4, 38 zero, 39 cnt, 40 RB, 41 PB (v128)
function actPoolBody(): number[] {
  const V = { pmin: [0xfd, 0xf6, 0x01], pmax: [0xfd, 0xf7, 0x01], lt: [0xfd, 0x49], gt: [0xfd, 0x4a], or: [0xfd, 0x50], isub: [0xfd, 0xd1, 0x01] };
  const code: number[] = [];
  for (let j = 3; j < 15; j++) code.push(...get(j), ...F2.splat, ...set(23 + j));
  code.push(...F2.zero, 0x22, 38, ...set(39));
  // x from the conv pair at cp + off: R = relu, P = poly
  const half = (off: number, R: number, P: number): void => {
    code.push(...get(15), ...load(off), ...get(26), ...F2.mul, ...get(27), ...V.pmax, ...get(28), ...V.pmin, ...set(20));
    code.push(...get(39), ...get(20), ...get(29), ...V.lt, ...get(20), ...get(30), ...V.gt, ...V.or, ...V.isub, ...set(39));
    code.push(...get(38), ...get(20), ...V.pmax, ...set(R));
    code.push(...get(20), ...get(31), ...F2.mul, ...get(32), ...F2.add, ...set(21));
    code.push(...get(37), ...get(21), ...F2.mul, ...get(36), ...F2.add); // q4 t + q3
    for (const qj of [35, 34, 33]) code.push(...get(21), ...F2.mul, ...get(qj), ...F2.add);
    code.push(...set(P));
  };
  const lanes = (hi: number): number[] => [0xfd, 0x0d, ...Array.from({ length: 16 }, (_, i) => (i < 8 ? 0 : 16) + 8 * hi + (i % 8))];
  code.push(...get(0), ...set(15), ...get(1), 0x22, 16, ...i32(KEPT * 8), I32.add, ...set(18), ...get(2), ...set(17));
  code.push(0x02, 0x40, 0x03, 0x40, ...get(16), ...get(18), I32.geu, 0x0d, 1); // while oe < end (one pooled row)
  code.push(...get(16), ...i32(12 * 8), I32.add, 0x22, 19, ...get(18), ...get(19), ...get(18), I32.ltu, 0x1b, ...set(19)); // rowEnd = min(oe + 96, end)
  code.push(0x03, 0x40);
  for (let row = 0; row < 2; row++) {
    half(row * 24 * 8, 22, 23);
    half(row * 24 * 8 + 16, 40, 41);
    for (const [S, A, B] of [[24, 22, 40], [25, 23, 41]]) { // S = ((S + [a0 b0]) + [a1 b1]), from S = 0 on row 0
      code.push(...get(row === 0 ? 38 : S), ...get(A), ...get(B), ...lanes(0), ...F2.add, ...get(A), ...get(B), ...lanes(1), ...F2.add, ...set(S));
    }
  }
  const quarter = [0xfd, 0x0c, 0, 0, 0, 0, 0, 0, 0xd0, 0x3f, 0, 0, 0, 0, 0, 0, 0xd0, 0x3f];
  code.push(...get(16), ...get(24), ...quarter, ...F2.mul, ...store(0), ...get(17), ...get(25), ...quarter, ...F2.mul, ...store(0));
  code.push(...get(15), ...i32(32), I32.add, ...set(15), ...get(17), ...i32(16), I32.add, ...set(17));
  code.push(...get(16), ...i32(16), I32.add, 0x22, 16, ...get(19), I32.ltu, 0x0d, 0, 0x0b);
  code.push(...get(15), ...i32(24 * 8), I32.add, ...set(15), 0x0c, 0, 0x0b, 0x0b); // next pooled row: conv two rows on (48 - 24 doubles on)
  code.push(...get(39), 0xfd, 0x1d, 0, ...get(39), 0xfd, 0x1d, 1, 0x7c, 0xa7, 0x0b); // i32.wrap(lane 0 + lane 1)
  return code;
}

// (func $actHidden (param $h i32) (param $count i32) (param $a f64) (param $b f64) (param $tMul f64)
//   (param $tAdd f64) (param $q0 f64) ... (param $q4 f64) (result i32)): forward.ts's activateHidden
// on the hidden columns at $h (exact and polynomial alternating, HIDDEN each): ReLU as
// pmax(0, u) = 0 < u ? u : 0, the scalar u > 0 ? u : 0 exactly (also for -0 and NaN); p by the
// same Horner steps as actPool. Returns the count of polynomial inputs outside [a, b], counted in
// i64 lanes (a true comparison is -1, subtracted).
// locals: 11 p, 12 end, 13 colEnd (i32); 14 x, 15 t, 16 A, 17 B, 18 TM, 19 TA, 20-24 Q0..Q4, 25 zero, 26 cnt (v128)
function actHiddenBody(): number[] {
  const code: number[] = [];
  for (let j = 2; j < 11; j++) code.push(...get(j), ...F2.splat, ...set(14 + j));
  code.push(...F2.zero, 0x22, 25, ...set(26), ...get(0), 0x22, 11, ...get(1), ...i32(2 * HIDDEN * 8), 0x6c, I32.add, ...set(12));
  const colEnd = [...get(11), ...i32(HIDDEN * 8), I32.add, ...set(13)];
  const next = [...get(11), ...i32(16), I32.add, 0x22, 11, ...get(13), I32.ltu, 0x0d, 0, 0x0b];
  code.push(0x02, 0x40, 0x03, 0x40, ...get(11), ...get(12), I32.geu, 0x0d, 1);
  code.push(...colEnd, 0x03, 0x40, ...get(11), ...get(25), ...get(11), ...load(0), 0xfd, 0xf7, 0x01, ...store(0), ...next); // exact column: ReLU
  code.push(...colEnd, 0x03, 0x40, ...get(11), ...load(0), ...set(14)); // polynomial column
  code.push(...get(26), ...get(14), ...get(16), 0xfd, 0x49, ...get(14), ...get(17), 0xfd, 0x4a, 0xfd, 0x50, 0xfd, 0xd1, 0x01, ...set(26)); // cnt -= (x < a | x > b)
  code.push(...get(14), ...get(18), ...F2.mul, ...get(19), ...F2.add, ...set(15), ...get(11), ...get(24), ...get(15), ...F2.mul, ...get(23), ...F2.add);
  for (const qj of [22, 21, 20]) code.push(...get(15), ...F2.mul, ...get(qj), ...F2.add);
  code.push(...store(0), ...next, 0x0c, 0, 0x0b, 0x0b);
  code.push(...get(26), 0xfd, 0x1d, 0, ...get(26), 0xfd, 0x1d, 1, 0x7c, 0xa7, 0x0b); // i32.wrap(lane 0 + lane 1)
  return code;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}

function moduleBytes(): ArrayBuffer {
  const dense = [...uleb(2), ...uleb(12), 0x7f, ...uleb(12), 0x7b, ...denseBody(OUTPUTS, HIDDEN, 1)]; // locals: 12 i32, 12 v128
  const conv = [...uleb(2), ...uleb(7), 0x7f, ...uleb(6), 0x7b, ...convBody()]; // locals: 7 i32, 6 v128
  const act = [...uleb(2), ...uleb(5), 0x7f, ...uleb(22), 0x7b, ...actPoolBody()]; // locals: 5 i32, 22 v128
  const ah = [...uleb(2), ...uleb(3), 0x7f, ...uleb(13), 0x7b, ...actHiddenBody()]; // locals: 3 i32, 13 v128
  const d2 = [...uleb(2), ...uleb(12), 0x7f, ...uleb(12), 0x7b, ...denseBody(HIDDEN, KEPT, 2)]; // locals: 12 i32, 12 v128
  const rng = [...uleb(1), ...uleb(7), 0x7f, ...xor128Body()]; // locals: 7 i32
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [5, 0x60, 7, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7c, 0, 0x60, 4, 0x7f, 0x7f, 0x7f, 0x7f, 1, 0x7c,
      0x60, 15, 0x7f, 0x7f, 0x7f, ...new Array(12).fill(0x7c), 1, 0x7f, 0x60, 11, 0x7f, 0x7f, ...new Array(9).fill(0x7c), 1, 0x7f,
      0x60, 5, 0x7f, 0x7f, 0x7f, 0x7c, 0x7c, 0]),
    ...section(2, [1, ...name('env'), ...name('mem'), 0x02, 0x00, 1]),
    ...section(3, [6, 0, 1, 2, 3, 0, 4]),
    ...section(7, [6, ...name('dense'), 0x00, 0, ...name('conv'), 0x00, 1, ...name('actPool'), 0x00, 2, ...name('actHidden'), 0x00, 3, ...name('dense2'), 0x00, 4, ...name('xor128'), 0x00, 5]),
    ...section(10, [6, ...uleb(dense.length), ...dense, ...uleb(conv.length), ...conv, ...uleb(act.length), ...act, ...uleb(ah.length), ...ah, ...uleb(d2.length), ...d2, ...uleb(rng.length), ...rng]),
  ]).buffer as ArrayBuffer;
}

/** A SIMD dense kernel bound to its own memory; `f64` views it. */
export interface SimdKernel {
  readonly f64: Float64Array;
  /** out[c rows + i] = scale * sum_j W[i n + j] x[c n + j], offsets in doubles into `f64`; only the network's two shapes (HIDDEN x KEPT, OUTPUTS x HIDDEN), cols a multiple of 4. */
  dense(w: number, x: number, out: number, rows: number, n: number, cols: number, scale: number): void;
  /**
   * Activation + 2x2 mean of the 116 kept cells of the conv output at `conv` into pooled[pe + k]
   * (ReLU) and pooled[pp + k] (p, degree <= 4: q = q0..q4); returns the count of x outside [a, b].
   */
  actPool(conv: number, pe: number, pp: number, s: number, lo: number, hi: number, a: number, b: number, tMul: number, tAdd: number, q: readonly number[]): number;
  /** `n` pixels lo + span * w of the xor128 stream into offset `out`; the state (x, y, z, w) is read from and written back to `state` (4 int32s). */
  xor128(out: number, n: number, state: Int32Array, lo: number, span: number): void;
  /** activateHidden (forward.ts) on `count` column pairs at offset `at` (p of degree <= 4: q = q0..q4); returns the out-of-range count. */
  actHidden(at: number, count: number, a: number, b: number, tMul: number, tAdd: number, q: readonly number[]): number;
  /** Rows 0..rows-1 of the 5x5 valid convolution of the 28x28 input at `input` with the kernel at `kernel` (kernelSplat layout) into `out` (24x24); offsets in doubles. Returns max(0, max |out|) over those rows. */
  conv(input: number, out: number, kernel: number, rows: number): number;
}

// The minimal WebAssembly API used here, typed locally: tslab's TypeScript 5.0 lib has no WebAssembly declarations.
interface WasmApi {
  validate(bytes: ArrayBuffer): boolean;
  Module: new (bytes: ArrayBuffer) => object;
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: object | null | undefined;

/** A kernel with `doubles` of memory, or null where WebAssembly SIMD is unavailable. */
export function simdKernel(doubles: number): SimdKernel | null {
  if (compiled === undefined) {
    try {
      const bytes = moduleBytes();
      compiled = wasm && wasm.validate(bytes) ? new wasm.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  if (!compiled || !wasm) return null;
  const memory = new wasm.Memory({ initial: Math.ceil((doubles * 8) / 65536) + 1 });
  const instance = new wasm.Instance(compiled, { env: { mem: memory } });
  const fn = instance.exports.dense as (w: number, x: number, o: number, pairs: number, n: number, cols: number, scale: number) => void;
  const cv = instance.exports.conv as (input: number, out: number, kernel: number, rows: number) => number;
  const ap = instance.exports.actPool as (...args: number[]) => number;
  const ah = instance.exports.actHidden as (...args: number[]) => number;
  const fn2 = instance.exports.dense2 as typeof fn;
  const xr = instance.exports.xor128 as (out: number, n: number, st: number, lo: number, span: number) => void;
  const stateBytes = (Math.ceil((doubles * 8) / 65536) + 1) * 65536 - 16; // the last 16 bytes hold the generator state
  const st32 = new Int32Array(memory.buffer, stateBytes, 4);
  const f64 = new Float64Array(memory.buffer);
  return {
    f64,
    dense: (w, x, out, rows, n, cols, scale) => {
      const f = rows === HIDDEN && n === KEPT ? fn2 : rows === OUTPUTS && n === HIDDEN ? fn : null;
      if (!f) throw new RangeError(`no dense kernel for ${rows} x ${n}`);
      f(w * 8, x * 8, out * 8, rows / 2, n, cols, scale);
    },
    conv: (input, out, kernel, rows) => cv(input * 8, out * 8, kernel * 8, rows),
    actHidden: (at, count, a, b, tMul, tAdd, q) => ah(at * 8, count, a, b, tMul, tAdd, q[0], q[1], q[2], q[3], q[4]),
    xor128: (out, n, state, lo, span) => { st32.set(state); xr(out * 8, n, stateBytes, lo, span); state.set(st32); },
    actPool: (conv, pe, pp, s, lo, hi, a, b, tMul, tAdd, q) => ap(conv * 8, pe * 8, pp * 8, s, lo, hi, a, b, tMul, tAdd, q[0], q[1], q[2], q[3], q[4]),
  };
}

/** The conv kernel's 25 weights, each twice (an f64x2 splat), as `conv` reads them, written into `dst` at `offset`. */
export function kernelSplat(k: Float64Array, dst: Float64Array, offset: number): void {
  for (let i = 0; i < k.length; i++) dst[offset + 2 * i] = dst[offset + 2 * i + 1] = k[i];
}

/** W (rows x n) in the pair-interleaved layout the kernel reads, written into `dst` at `offset`. */
export function interleaveRows(w: Float64Array, rows: number, n: number, dst: Float64Array, offset: number): void {
  for (let p = 0; p < rows / 2; p++) {
    for (let j = 0; j < n; j++) {
      dst[offset + (p * n + j) * 2] = w[2 * p * n + j];
      dst[offset + (p * n + j) * 2 + 1] = w[(2 * p + 1) * n + j];
    }
  }
}
