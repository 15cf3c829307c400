/**
 * The hot loops of the network as WebAssembly SIMD kernels (f64x2: two values per instruction):
 * the convolution, the activation + 2x2 mean, and the dense layers' matrix product. Hand-assembled
 * below because the project has no WebAssembly toolchain; where WebAssembly SIMD is unavailable
 * `simdKernel` returns null and forward.ts runs its scalar JavaScript loops.
 *
 * Each kernel does the same arithmetic as its scalar counterpart in forward.ts, in the same order,
 * every operation rounded once (WebAssembly has no fused multiply-add outside relaxed-simd), so
 * the results are bit-identical to the scalar code; the tests check it.
 *
 * Dense layout: the weight matrix (rows x n, rows even) is stored pair-interleaved, W2[(p n + j) 2 + l] =
 * W[(2p + l) n + j], so one 16-byte load gives rows 2p and 2p+1 at column j; x columns are
 * contiguous (x[c n + j]); out[c rows + i]. Four columns at a time (cols must be a multiple of 4).
 */

// (func $dense (param $w i32) (param $x i32) (param $o i32) (param $pairs i32) (param $n i32) (param $cols i32) (param $scale f64))
// locals: 7 c, 8 p, 9 jb, 10 jw, 11 wrow, 12-15 x0..x3 (i32); 16-19 a0..a3, 20 wv, 21 sc (v128)
function denseBody(): number[] {
  const acc = (a: number, xk: number): number[] => [
    0x20, a, 0x20, 20, 0x20, xk, 0x20, 9, 0x6a, 0xfd, 0x0a, 0x03, 0x00, 0xfd, 0xf2, 0x01, 0xfd, 0xf0, 0x01, 0x21, a,
  ];
  const store = (a: number): number[] => [0x20, a, 0x20, 21, 0xfd, 0xf2, 0x01, 0xfd, 0x0b, 0x03, 0x00];
  const nextAddr = [0x20, 9, 0x20, 3, 0x41, 4, 0x74, 0x6a, 0x22, 9];
  return [
    0x20, 6, 0xfd, 0x14, 0x21, 21, // sc = f64x2.splat(scale)
    0x41, 0, 0x21, 7, // c = 0
    0x02, 0x40, 0x03, 0x40,
    0x20, 7, 0x20, 5, 0x4f, 0x0d, 1, // if c >= cols: break
    0x41, 0, 0x21, 8, // p = 0
    0x02, 0x40, 0x03, 0x40,
    0x20, 8, 0x20, 3, 0x4f, 0x0d, 1, // if p >= pairs: break
    0xfd, 0x0c, ...new Array(16).fill(0), 0x22, 16, 0x22, 17, 0x22, 18, 0x21, 19, // a0..a3 = 0
    0x20, 0, 0x20, 8, 0x20, 4, 0x6c, 0x41, 4, 0x74, 0x6a, 0x21, 11, // wrow = w + (p n) << 4
    0x20, 1, 0x20, 7, 0x20, 4, 0x6c, 0x41, 3, 0x74, 0x6a, 0x22, 12, // x0 = x + (c n) << 3
    0x20, 4, 0x41, 3, 0x74, 0x6a, 0x22, 13, // x1 = x0 + n << 3
    0x20, 4, 0x41, 3, 0x74, 0x6a, 0x22, 14,
    0x20, 4, 0x41, 3, 0x74, 0x6a, 0x21, 15,
    0x41, 0, 0x21, 9, 0x41, 0, 0x21, 10, // jb = jw = 0
    0x02, 0x40, 0x03, 0x40,
    0x20, 9, 0x20, 4, 0x41, 3, 0x74, 0x4f, 0x0d, 1, // if jb >= n << 3: break
    0x20, 11, 0x20, 10, 0x6a, 0xfd, 0x00, 0x03, 0x00, 0x21, 20, // wv = v128.load(wrow + jw)
    ...acc(16, 12), ...acc(17, 13), ...acc(18, 14), ...acc(19, 15),
    0x20, 9, 0x41, 8, 0x6a, 0x21, 9, // jb += 8
    0x20, 10, 0x41, 16, 0x6a, 0x21, 10, // jw += 16
    0x0c, 0, 0x0b, 0x0b,
    0x20, 2, 0x20, 7, 0x20, 3, 0x6c, 0x20, 8, 0x6a, 0x41, 4, 0x74, 0x6a, 0x22, 9, // addr = o + (c pairs + p) << 4
    ...store(16), ...nextAddr, ...store(17), ...nextAddr, ...store(18), ...nextAddr, ...store(19),
    0x20, 8, 0x41, 1, 0x6a, 0x21, 8, // p += 1
    0x0c, 0, 0x0b, 0x0b,
    0x20, 7, 0x41, 4, 0x6a, 0x21, 7, // c += 4
    0x0c, 0, 0x0b, 0x0b,
    0x0b,
  ];
}

// The same product, two row pairs x four columns per step (pairs must be even): each loaded x
// value feeds both pairs, halving the loads per multiply-add. Per output the accumulation order
// is unchanged. locals: 7 c, 8 p, 9 jb, 10 jw, 11 wrow0, 12-15 x0..x3, 16 wrow1 (i32);
// 17-20 a0..a3 (pair p), 21-24 a4..a7 (pair p + 1), 25 wv0, 26 wv1, 27 sc, 28 xs (v128)
function dense2Body(): number[] {
  const mulAdd = [0xfd, 0xf2, 0x01, 0xfd, 0xf0, 0x01];
  const step = (k: number): number[] => [
    0x20, 12 + k, 0x20, 9, 0x6a, 0xfd, 0x0a, 0x03, 0x00, 0x21, 28, // xs = splat(x_k + jb)
    0x20, 17 + k, 0x20, 25, 0x20, 28, ...mulAdd, 0x21, 17 + k, // a_k += wv0 xs
    0x20, 21 + k, 0x20, 26, 0x20, 28, ...mulAdd, 0x21, 21 + k, // a_{k+4} += wv1 xs
  ];
  const store = (a: number, offset: number): number[] => [0x20, a, 0x20, 27, 0xfd, 0xf2, 0x01, 0xfd, 0x0b, 0x03, offset];
  const addr = [0x20, 9];
  const nextAddr = [0x20, 9, 0x20, 3, 0x41, 4, 0x74, 0x6a, 0x22, 9];
  return [
    0x20, 6, 0xfd, 0x14, 0x21, 27, // sc = f64x2.splat(scale)
    0x41, 0, 0x21, 7,
    0x02, 0x40, 0x03, 0x40,
    0x20, 7, 0x20, 5, 0x4f, 0x0d, 1, // if c >= cols: break
    0x41, 0, 0x21, 8,
    0x02, 0x40, 0x03, 0x40,
    0x20, 8, 0x20, 3, 0x4f, 0x0d, 1, // if p >= pairs: break
    0xfd, 0x0c, ...new Array(16).fill(0), 0x22, 17, 0x22, 18, 0x22, 19, 0x22, 20, 0x22, 21, 0x22, 22, 0x22, 23, 0x21, 24,
    0x20, 0, 0x20, 8, 0x20, 4, 0x6c, 0x41, 4, 0x74, 0x6a, 0x22, 11, // wrow0 = w + (p n) << 4
    0x20, 4, 0x41, 4, 0x74, 0x6a, 0x21, 16, // wrow1 = wrow0 + n << 4
    0x20, 1, 0x20, 7, 0x20, 4, 0x6c, 0x41, 3, 0x74, 0x6a, 0x22, 12,
    0x20, 4, 0x41, 3, 0x74, 0x6a, 0x22, 13,
    0x20, 4, 0x41, 3, 0x74, 0x6a, 0x22, 14,
    0x20, 4, 0x41, 3, 0x74, 0x6a, 0x21, 15,
    0x41, 0, 0x21, 9, 0x41, 0, 0x21, 10,
    0x02, 0x40, 0x03, 0x40,
    0x20, 9, 0x20, 4, 0x41, 3, 0x74, 0x4f, 0x0d, 1,
    0x20, 11, 0x20, 10, 0x6a, 0xfd, 0x00, 0x03, 0x00, 0x21, 25, // wv0
    0x20, 16, 0x20, 10, 0x6a, 0xfd, 0x00, 0x03, 0x00, 0x21, 26, // wv1
    ...step(0), ...step(1), ...step(2), ...step(3),
    0x20, 9, 0x41, 8, 0x6a, 0x21, 9,
    0x20, 10, 0x41, 16, 0x6a, 0x21, 10,
    0x0c, 0, 0x0b, 0x0b,
    0x20, 2, 0x20, 7, 0x20, 3, 0x6c, 0x20, 8, 0x6a, 0x41, 4, 0x74, 0x6a, 0x22, 9, 0x1a, // addr = o + (c pairs + p) << 4 (kept in jb)
    ...addr, ...store(17, 0), ...addr, ...store(21, 16),
    ...nextAddr, 0x1a, ...addr, ...store(18, 0), ...addr, ...store(22, 16),
    ...nextAddr, 0x1a, ...addr, ...store(19, 0), ...addr, ...store(23, 16),
    ...nextAddr, 0x1a, ...addr, ...store(20, 0), ...addr, ...store(24, 16),
    0x20, 8, 0x41, 2, 0x6a, 0x21, 8, // p += 2
    0x0c, 0, 0x0b, 0x0b,
    0x20, 7, 0x41, 4, 0x6a, 0x21, 7,
    0x0c, 0, 0x0b, 0x0b,
    0x0b,
  ];
}

// (func $xor128 (param $out i32) (param $n i32) (param $st i32) (param $lo f64) (param $span f64)):
// n pixels lo + span * w from Marsaglia's xor128 (seedrandom.xor128's step), state (x, y, z, w) as
// four i32 at $st, read at entry and written back. Integer ops are exact and the two f64 ops are
// in the scalar order, so the stream is bit-identical to InputStream.fill.
// locals: 5 i, 6 x, 7 y, 8 z, 9 w, 10 t (i32)
function xor128Body(): number[] {
  return [
    0x20, 2, 0x28, 0x02, 0, 0x21, 6, 0x20, 2, 0x28, 0x02, 4, 0x21, 7, 0x20, 2, 0x28, 0x02, 8, 0x21, 8, 0x20, 2, 0x28, 0x02, 12, 0x21, 9,
    0x41, 0, 0x21, 5,
    0x02, 0x40, 0x03, 0x40,
    0x20, 5, 0x20, 1, 0x4f, 0x0d, 1,
    0x20, 6, 0x20, 6, 0x41, 11, 0x74, 0x73, 0x21, 10, // t = x ^ (x << 11)
    0x20, 7, 0x21, 6, 0x20, 8, 0x21, 7, 0x20, 9, 0x21, 8, // x = y; y = z; z = w
    0x20, 9, 0x20, 9, 0x41, 19, 0x76, 0x73, 0x20, 10, 0x73, 0x20, 10, 0x41, 8, 0x76, 0x73, 0x21, 9, // w ^= (w >>> 19) ^ t ^ (t >>> 8)
    0x20, 0, 0x20, 5, 0x41, 3, 0x74, 0x6a, // address out + 8 i
    0x20, 3, 0x20, 4, 0x20, 9, 0xb8, 0xa2, 0xa0, 0x39, 0x03, 0x00, // lo + span * u32(w)
    0x20, 5, 0x41, 1, 0x6a, 0x21, 5,
    0x0c, 0, 0x0b, 0x0b,
    0x20, 2, 0x20, 6, 0x36, 0x02, 0, 0x20, 2, 0x20, 7, 0x36, 0x02, 4, 0x20, 2, 0x20, 8, 0x36, 0x02, 8, 0x20, 2, 0x20, 9, 0x36, 0x02, 12,
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

// (func $conv (param $in i32) (param $out i32) (param $k i32) (param $rows i32)): valid 5x5
// convolution of a 28x28 input (byte address $in) into rows 0..$rows-1 of a 24x24 output, two
// adjacent outputs per f64x2. Same order as the scalar `convolve`: per kernel row u,
// r_u = ((((k0 x0 + k1 x1) + k2 x2) + k3 x3) + k4 x4), and out = ((((0 + r_0) + r_1) + r_2) + r_3) + r_4.
// locals: 4 i, 5 jb, 6 base (i32); 7 acc, 8 t, 9..33 the 25 kernel weights splatted (v128)
function convBody(): number[] {
  const code: number[] = [];
  for (let idx = 0; idx < 25; idx++) code.push(0x20, 2, 0xfd, 0x0a, 0x03, ...uleb(idx * 8), 0x21, 9 + idx);
  const load = (u: number, v: number): number[] => [0x20, 6, 0xfd, 0x00, 0x03, ...uleb((u * 28 + v) * 8)];
  const mul = [0xfd, 0xf2, 0x01], add = [0xfd, 0xf0, 0x01];
  code.push(
    0x41, 0, 0x21, 4, // i = 0
    0x02, 0x40, 0x03, 0x40,
    0x20, 4, 0x20, 3, 0x4f, 0x0d, 1, // if i >= rows: break
    0x41, 0, 0x21, 5, // jb = 0
    0x02, 0x40, 0x03, 0x40,
    0x20, 5, 0x41, ...sleb(24 * 8), 0x4f, 0x0d, 1, // if jb >= 192: break
    0x20, 0, 0x20, 4, 0x41, ...sleb(28 * 8), 0x6c, 0x6a, 0x20, 5, 0x6a, 0x21, 6, // base = in + i 224 + jb
  );
  for (let u = 0; u < 5; u++) {
    code.push(0x20, 9 + u * 5, ...load(u, 0), ...mul, 0x21, 8); // t = k0 x0
    for (let v = 1; v < 5; v++) code.push(0x20, 8, 0x20, 9 + u * 5 + v, ...load(u, v), ...mul, ...add, 0x21, 8);
    // acc = acc + r_u, from acc = +0 as the scalar code's zero-filled output (so -0 becomes +0 alike)
    if (u === 0) code.push(0xfd, 0x0c, ...new Array(16).fill(0), 0x20, 8, ...add, 0x21, 7);
    else code.push(0x20, 7, 0x20, 8, ...add, 0x21, 7);
  }
  code.push(
    0x20, 1, 0x20, 4, 0x41, ...sleb(24 * 8), 0x6c, 0x6a, 0x20, 5, 0x6a, // address out + i 192 + jb
    0x20, 7, 0xfd, 0x0b, 0x03, 0x00, // store acc
    0x20, 5, 0x41, 16, 0x6a, 0x21, 5, // jb += 16
    0x0c, 0, 0x0b, 0x0b,
    0x20, 4, 0x41, 1, 0x6a, 0x21, 4, // i += 1
    0x0c, 0, 0x0b, 0x0b,
    0x0b,
  );
  return code;
}

// (func $actPool (param $conv i32) (param $pe i32) (param $pp i32) (param $s f64) (param $lo f64)
//   (param $hi f64) (param $a f64) (param $b f64) (param $tMul f64) (param $tAdd f64)
//   (param $q0 f64) (param $q1 f64) (param $q2 f64) (param $q3 f64) (param $q4 f64) (result i32))
// The activation + 2x2 mean of forward.ts's activatePool for the KEPT cells, two conv outputs
// (one row of a 2x2 cell) per f64x2, with the scalar code's arithmetic and order: x = s c,
// clamped to [lo, hi] (+-inf when not clamping), ReLU = max(x, +0), p by Horner in t; the four
// values of a cell summed left to right from 0 and multiplied by 0.25. Returns the number of x
// outside [a, b].
// locals: 15 k, 16 cnt, 17 addr (i32); 18 x, 19 t, 20 R0, 21 R1, 22 P0, 23 P1, 24 S, 25 LO, 26 HI,
// 27 A, 28 B, 29 TM, 30 TA, 31..35 Q0..Q4, 36 zero (v128)
function actPoolBody(): number[] {
  const V = { mul: [0xfd, 0xf2, 0x01], add: [0xfd, 0xf0, 0x01], pmin: [0xfd, 0xf6, 0x01], pmax: [0xfd, 0xf7, 0x01], max: [0xfd, 0xf5, 0x01], lt: [0xfd, 0x49], gt: [0xfd, 0x4a], or: [0xfd, 0x50], bitmask: [0xfd, 0xc4, 0x01] };
  const code: number[] = [];
  const splat = (param: number, local: number) => code.push(0x20, param, 0xfd, 0x14, 0x21, local);
  splat(3, 24); splat(4, 25); splat(5, 26); splat(6, 27); splat(7, 28); splat(8, 29); splat(9, 30);
  for (let j = 0; j < 5; j++) splat(10 + j, 31 + j);
  code.push(0xfd, 0x0c, ...new Array(16).fill(0), 0x21, 36);
  // one row of a cell: x, out-of-range count, R = relu, P = poly
  const half = (rowOffsetBytes: number, R: number, P: number) => {
    code.push(0x20, 17, 0xfd, 0x00, 0x03, ...uleb(rowOffsetBytes), 0x20, 24, ...V.mul, 0x20, 25, ...V.pmax, 0x20, 26, ...V.pmin, 0x21, 18);
    code.push(0x20, 16, 0x20, 18, 0x20, 27, ...V.lt, 0x20, 18, 0x20, 28, ...V.gt, ...V.or, ...V.bitmask, 0x69, 0x6a, 0x21, 16);
    code.push(0x20, 18, 0x20, 36, ...V.max, 0x21, R);
    code.push(0x20, 18, 0x20, 29, ...V.mul, 0x20, 30, ...V.add, 0x21, 19);
    code.push(0x20, 35, 0x20, 19, ...V.mul, 0x20, 34, ...V.add); // q4 t + q3
    for (const qj of [33, 32, 31]) code.push(0x20, 19, ...V.mul, 0x20, qj, ...V.add);
    code.push(0x21, P);
  };
  const extract = (local: number, lane: number) => [0x20, local, 0xfd, 0x21, lane];
  const sum4 = (A: number, B: number) => [
    0x44, 0, 0, 0, 0, 0, 0, 0, 0, ...extract(A, 0), 0xa0, ...extract(A, 1), 0xa0, ...extract(B, 0), 0xa0, ...extract(B, 1), 0xa0,
    0x44, 0, 0, 0, 0, 0, 0, 0xd0, 0x3f, 0xa2, // * 0.25 (the scalar code computes 0.25 * sum: same product)
  ];
  code.push(
    0x41, 0, 0x21, 15, 0x41, 0, 0x21, 16,
    0x02, 0x40, 0x03, 0x40,
    0x20, 15, 0x41, ...sleb(116), 0x4f, 0x0d, 1, // if k >= 116: break
    // addr = conv + (2 r 24 + 2 c) 8 with r = k / 12, c = k % 12
    0x20, 0, 0x20, 15, 0x41, 12, 0x6e, 0x41, ...sleb(48 * 8), 0x6c, 0x6a, 0x20, 15, 0x41, 12, 0x70, 0x41, 16, 0x6c, 0x6a, 0x21, 17,
  );
  half(0, 20, 22);
  half(24 * 8, 21, 23);
  code.push(0x20, 1, 0x20, 15, 0x41, 3, 0x74, 0x6a, ...sum4(20, 21), 0x39, 0x03, 0x00); // pe[k] = 0.25 (relu sum)
  code.push(0x20, 2, 0x20, 15, 0x41, 3, 0x74, 0x6a, ...sum4(22, 23), 0x39, 0x03, 0x00); // pp[k] = 0.25 (poly sum)
  code.push(0x20, 15, 0x41, 1, 0x6a, 0x21, 15, 0x0c, 0, 0x0b, 0x0b, 0x20, 16, 0x0b);
  return code;
}

// (func $maxAbs (param $p i32) (param $pairs i32) (result f64)): max(0, max_i |x_i|) over 2 pairs
// doubles at byte address $p; exact (no rounding), so equal to the scalar loop's value.
// locals: 2 i (i32); 3 m (v128)
function maxAbsBody(): number[] {
  return [
    0xfd, 0x0c, ...new Array(16).fill(0), 0x21, 3, // m = 0
    0x41, 0, 0x21, 2,
    0x02, 0x40, 0x03, 0x40,
    0x20, 2, 0x20, 1, 0x4f, 0x0d, 1, // if i >= pairs: break
    0x20, 3, 0x20, 0, 0x20, 2, 0x41, 4, 0x74, 0x6a, 0xfd, 0x00, 0x03, 0x00, 0xfd, 0xec, 0x01, 0xfd, 0xf5, 0x01, 0x21, 3, // m = max(m, |load(p + 16 i)|)
    0x20, 2, 0x41, 1, 0x6a, 0x21, 2,
    0x0c, 0, 0x0b, 0x0b,
    0x20, 3, 0xfd, 0x21, 0, 0x20, 3, 0xfd, 0x21, 1, 0xa5, // f64.max(lane 0, lane 1)
    0x0b,
  ];
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
  const dense = [...uleb(2), ...uleb(9), 0x7f, ...uleb(6), 0x7b, ...denseBody()]; // locals: 9 i32, 6 v128
  const conv = [...uleb(2), ...uleb(3), 0x7f, ...uleb(27), 0x7b, ...convBody()]; // locals: 3 i32, 27 v128
  const act = [...uleb(2), ...uleb(3), 0x7f, ...uleb(19), 0x7b, ...actPoolBody()]; // locals: 3 i32, 19 v128
  const mx = [...uleb(2), ...uleb(1), 0x7f, ...uleb(1), 0x7b, ...maxAbsBody()]; // locals: 1 i32, 1 v128
  const d2 = [...uleb(2), ...uleb(10), 0x7f, ...uleb(12), 0x7b, ...dense2Body()]; // locals: 10 i32, 12 v128
  const rng = [...uleb(1), ...uleb(6), 0x7f, ...xor128Body()]; // locals: 6 i32
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [5, 0x60, 7, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7c, 0, 0x60, 4, 0x7f, 0x7f, 0x7f, 0x7f, 0,
      0x60, 15, 0x7f, 0x7f, 0x7f, ...new Array(12).fill(0x7c), 1, 0x7f, 0x60, 2, 0x7f, 0x7f, 1, 0x7c,
      0x60, 5, 0x7f, 0x7f, 0x7f, 0x7c, 0x7c, 0]),
    ...section(2, [1, ...name('env'), ...name('mem'), 0x02, 0x00, 1]),
    ...section(3, [6, 0, 1, 2, 3, 0, 4]),
    ...section(7, [6, ...name('dense'), 0x00, 0, ...name('conv'), 0x00, 1, ...name('actPool'), 0x00, 2, ...name('maxAbs'), 0x00, 3, ...name('dense2'), 0x00, 4, ...name('xor128'), 0x00, 5]),
    ...section(10, [6, ...uleb(dense.length), ...dense, ...uleb(conv.length), ...conv, ...uleb(act.length), ...act, ...uleb(mx.length), ...mx, ...uleb(d2.length), ...d2, ...uleb(rng.length), ...rng]),
  ]).buffer as ArrayBuffer;
}

/** A SIMD dense kernel bound to its own memory; `f64` views it. */
export interface SimdKernel {
  readonly f64: Float64Array;
  /** out[c rows + i] = scale * sum_j W[i n + j] x[c n + j], offsets in doubles into `f64`. */
  dense(w: number, x: number, out: number, rows: number, n: number, cols: number, scale: number): void;
  /**
   * Activation + 2x2 mean of the 116 kept cells of the conv output at `conv` into pooled[pe + k]
   * (ReLU) and pooled[pp + k] (p, degree <= 4: q = q0..q4); returns the count of x outside [a, b].
   */
  actPool(conv: number, pe: number, pp: number, s: number, lo: number, hi: number, a: number, b: number, tMul: number, tAdd: number, q: readonly number[]): number;
  /** `n` pixels lo + span * w of the xor128 stream into offset `out`; the state (x, y, z, w) is read from and written back to `state` (4 int32s). */
  xor128(out: number, n: number, state: Int32Array, lo: number, span: number): void;
  /** max(0, max |x_i|) over `count` (even) doubles at offset `at`. */
  maxAbs(at: number, count: number): number;
  /** Rows 0..rows-1 of the 5x5 valid convolution of the 28x28 input at `input` with the kernel at `kernel` into `out` (24x24); offsets in doubles. */
  conv(input: number, out: number, kernel: number, rows: number): void;
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
  const cv = instance.exports.conv as (input: number, out: number, kernel: number, rows: number) => void;
  const ap = instance.exports.actPool as (...args: number[]) => number;
  const mx = instance.exports.maxAbs as (p: number, pairs: number) => number;
  const fn2 = instance.exports.dense2 as typeof fn;
  const xr = instance.exports.xor128 as (out: number, n: number, st: number, lo: number, span: number) => void;
  const stateBytes = (Math.ceil((doubles * 8) / 65536) + 1) * 65536 - 16; // the last 16 bytes hold the generator state
  const st32 = new Int32Array(memory.buffer, stateBytes, 4);
  const f64 = new Float64Array(memory.buffer);
  return {
    f64,
    // rows divisible by 4 (dense1: 116) take the two-pair kernel
    dense: (w, x, out, rows, n, cols, scale) => (rows % 4 === 0 ? fn2 : fn)(w * 8, x * 8, out * 8, rows / 2, n, cols, scale),
    conv: (input, out, kernel, rows) => cv(input * 8, out * 8, kernel * 8, rows),
    maxAbs: (at, count) => mx(at * 8, count / 2),
    xor128: (out, n, state, lo, span) => { st32.set(state); xr(out * 8, n, stateBytes, lo, span); state.set(st32); },
    actPool: (conv, pe, pp, s, lo, hi, a, b, tMul, tAdd, q) => ap(conv * 8, pe * 8, pp * 8, s, lo, hi, a, b, tMul, tAdd, q[0], q[1], q[2], q[3], q[4]),
  };
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
