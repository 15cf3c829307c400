/**
 * A direct, obviously-correct (slow) implementation of the Section 5 network, written from the
 * specification with 2-D indices and no optimisation, for the tests to check the fast batched
 * pass against. It returns every intermediate.
 */
import type { NetworkModel } from '../lib/network/forward';

export interface ReferenceTrace {
  conv: number[][]; // 24x24 scaled conv output (pre-activation 1)
  pooled: number[]; // 116
  hidden: number[]; // 116 pre-activations
  logits: number[]; // 10 normalised logits
  f1: number;
}

export function referenceForward(model: NetworkModel, A: ArrayLike<number>, poly: boolean): ReferenceTrace {
  const { weights, kernel, scales } = model;
  const act = (x: number): number => {
    if (!poly) return Math.max(0, x);
    // p(x) from the power basis in t = x / 200, summed term by term
    const t = x / 200;
    return kernel.q.reduce((s, c, j) => s + c * t ** j, 0);
  };
  const pixel = (r: number, c: number): number => A[r * 28 + c];
  const raw: number[][] = [];
  for (let i = 0; i < 24; i++) {
    raw.push([]);
    for (let j = 0; j < 24; j++) {
      let s = 0;
      for (let u = 0; u < 5; u++) for (let v = 0; v < 5; v++) s += weights.conv[u * 5 + v] * pixel(i + u, j + v);
      raw[i].push(s);
    }
  }
  const maxAbs = Math.max(...raw.flat().map(Math.abs));
  const s1 = scales.mode === 'fixed' ? scales.conv : maxAbs > 0 ? 200 / maxAbs : 0;
  // per-input: clamp the last ulp of (200 / max) * v, as the fast pass does; fixed: no clamp (the scaling must hold by itself)
  const conv = raw.map((row) => row.map((v) => (scales.mode === 'fixed' ? v * s1 : Math.min(200, Math.max(-200, v * s1)))));
  const pooledAll: number[] = [];
  for (let r = 0; r < 12; r++) for (let c = 0; c < 12; c++) {
    pooledAll.push((act(conv[2 * r][2 * c]) + act(conv[2 * r][2 * c + 1]) + act(conv[2 * r + 1][2 * c]) + act(conv[2 * r + 1][2 * c + 1])) / 4);
  }
  const pooled = pooledAll.slice(0, 116);
  const hidden: number[] = [];
  for (let i = 0; i < 116; i++) {
    let s = 0;
    for (let j = 0; j < 116; j++) s += weights.dense1[i * 116 + j] * pooled[j];
    hidden.push(s * scales.dense1);
  }
  const e = hidden.map(act);
  const Z: number[] = [];
  for (let k = 0; k < 10; k++) {
    let s = 0;
    for (let i = 0; i < 116; i++) s += weights.dense2[k * 116 + i] * e[i];
    Z.push(s);
  }
  const zMax = Math.max(...Z.map(Math.abs));
  const logits = Z.map((z) => (scales.mode === 'fixed' ? z * scales.logits : zMax > 0 ? z / zMax : 0));
  const exps = logits.map(Math.exp);
  const f1 = exps[0] / exps.reduce((a, b) => a + b, 0);
  return { conv, pooled, hidden, logits, f1 };
}
