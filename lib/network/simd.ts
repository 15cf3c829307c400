/**
 * The dense layers' matrix product as a WebAssembly SIMD kernel (f64x2: two rows per
 * instruction), hand-assembled below because the project has no WebAssembly toolchain.
 *
 * Same arithmetic as the scalar `dense` in forward.ts, in the same order: for each output,
 * acc = ((0 + w_0 x_0) + w_1 x_1) + ... then scale * acc, each operation rounded once (WebAssembly
 * has no fused multiply-add outside relaxed-simd), so the results are bit-identical to the scalar
 * kernel; the tests check it.
 *
 * Layout: the weight matrix (rows x n, rows even) is stored pair-interleaved, W2[(p n + j) 2 + l] =
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

function moduleBytes(): ArrayBuffer {
  const func = [...uleb(2), ...uleb(9), 0x7f, ...uleb(6), 0x7b, ...denseBody()]; // locals: 9 i32, 6 v128
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 7, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7c, 0]),
    ...section(2, [1, ...name('env'), ...name('mem'), 0x02, 0x00, 1]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('dense'), 0x00, 0]),
    ...section(10, [1, ...uleb(func.length), ...func]),
  ]).buffer as ArrayBuffer;
}

/** A SIMD dense kernel bound to its own memory; `f64` views it. */
export interface SimdKernel {
  readonly f64: Float64Array;
  /** out[c rows + i] = scale * sum_j W[i n + j] x[c n + j], offsets in doubles into `f64`. */
  dense(w: number, x: number, out: number, rows: number, n: number, cols: number, scale: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

/** A kernel with `doubles` of memory, or null where WebAssembly SIMD is unavailable. */
export function simdKernel(doubles: number): SimdKernel | null {
  if (compiled === undefined) {
    try {
      const bytes = moduleBytes();
      compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  if (!compiled) return null;
  const memory = new WebAssembly.Memory({ initial: Math.ceil((doubles * 8) / 65536) + 1 });
  const instance = new WebAssembly.Instance(compiled, { env: { mem: memory } });
  const fn = instance.exports.dense as (w: number, x: number, o: number, pairs: number, n: number, cols: number, scale: number) => void;
  const f64 = new Float64Array(memory.buffer);
  return {
    f64,
    dense: (w, x, out, rows, n, cols, scale) => fn(w * 8, x * 8, out * 8, rows / 2, n, cols, scale),
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
