/**
 * The hot loops of the network as WebAssembly SIMD kernels (f64x2: two values per instruction):
 * the convolution (with the max-abs), the activation + 2x2 mean, the dense layers' matrix
 * product, the hidden layer's activation and the input generator. Their source is the WebAssembly
 * text in kernels.wat (named locals, one comment per loop, the performance notes); `npm run
 * build:wasm` assembles it into kernels-binary.ts, loaded here. Where WebAssembly SIMD is
 * unavailable `simdKernel` returns null and forward.ts and inputs.ts run their scalar JavaScript
 * loops, which give bit-identical results (the tests compare the two).
 */

import { HIDDEN, INPUT_SIDE, KEPT, KERNEL_SIDE, OUTPUTS } from './architecture';
import { KERNELS_WASM_BASE64 } from './kernels-binary';

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

/** kernels.wat bakes the network's shape into its code and exports it: it must be architecture.ts's. */
function checkShape(exports: Record<string, unknown>): void {
  const expected: Record<string, number> = { INPUT_SIDE, KERNEL_SIDE, KEPT, HIDDEN, OUTPUTS };
  for (const [name, value] of Object.entries(expected)) {
    const baked = (exports[name] as { value: number } | undefined)?.value;
    if (baked !== value) throw new Error(`lib/network/kernels.wat has ${name} = ${baked}, architecture.ts ${value}: update the .wat and run npm run build:wasm`);
  }
}

/** A kernel with `doubles` of memory, or null where WebAssembly SIMD is unavailable. */
export function simdKernel(doubles: number): SimdKernel | null {
  if (compiled === undefined) {
    try {
      const bytes = Uint8Array.from(Buffer.from(KERNELS_WASM_BASE64, 'base64')).buffer;
      compiled = wasm && wasm.validate(bytes) ? new wasm.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  if (!compiled || !wasm) return null;
  const memory = new wasm.Memory({ initial: Math.ceil((doubles * 8) / 65536) + 1 });
  const instance = new wasm.Instance(compiled, { env: { mem: memory } });
  checkShape(instance.exports);
  type Dense = (w: number, x: number, o: number, pairs: number, cols: number, scale: number) => void;
  const dense1 = instance.exports.dense1 as Dense, dense2 = instance.exports.dense2 as Dense;
  const cv = instance.exports.conv as (input: number, out: number, kernel: number, rows: number) => number;
  const ap = instance.exports.actPool as (...args: number[]) => number;
  const ah = instance.exports.actHidden as (...args: number[]) => number;
  const xr = instance.exports.xor128 as (out: number, n: number, st: number, lo: number, span: number) => void;
  const stateBytes = (Math.ceil((doubles * 8) / 65536) + 1) * 65536 - 16; // the last 16 bytes hold the generator state
  const st32 = new Int32Array(memory.buffer, stateBytes, 4);
  const f64 = new Float64Array(memory.buffer);
  return {
    f64,
    dense: (w, x, out, rows, n, cols, scale) => {
      const f = rows === HIDDEN && n === KEPT ? dense1 : rows === OUTPUTS && n === HIDDEN ? dense2 : null;
      if (!f) throw new RangeError(`no dense kernel for ${rows} x ${n}`);
      f(w * 8, x * 8, out * 8, rows / 2, cols, scale);
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
