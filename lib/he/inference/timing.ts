/** Wall-clock time per named phase, summed over calls (phases may interleave, as streaming does). */
import { LAYERS, type LayerName } from './network';

/** `ahead`: the packed client's image-independent encryption work before each image (its encryptions of zero). */
export type Phase = 'encrypt' | 'decrypt' | 'prepare' | 'ahead' | LayerName;

export class PhaseClock {
  readonly ms: Record<Phase, number> = { encrypt: 0, decrypt: 0, prepare: 0, ahead: 0, conv: 0, act1: 0, pool: 0, dense1: 0, act2: 0, dense2: 0 };

  /** Run f, adding its wall-clock time to `phase`. */
  time<T>(phase: Phase, f: () => T): T {
    const t0 = performance.now();
    try {
      return f();
    } finally {
      this.ms[phase] += performance.now() - t0;
    }
  }

  /** As `time`, for an asynchronous f (its wall-clock time until it settles). */
  async timeAsync<T>(phase: Phase, f: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      this.ms[phase] += performance.now() - t0;
    }
  }

  /** Seconds: encrypt, evaluate per layer, decrypt, prepare (set-up, once), ahead (client work before each image). */
  seconds(): PhaseSeconds {
    return phaseSeconds(this.ms);
  }
}

/** CPU seconds of the whole process (every thread) since `start` (process.cpuUsage()). */
export function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(start);
  return (c.user + c.system) / 1e6;
}

/** Milliseconds per phase -> PhaseSeconds. */
export function phaseSeconds(v: Readonly<Record<Phase, number>>): PhaseSeconds {
  const evaluate = Object.fromEntries(LAYERS.map((l) => [l, v[l] / 1000])) as Record<LayerName, number>;
  return { encrypt: v.encrypt / 1000, evaluate, evaluateTotal: LAYERS.reduce((s, l) => s + v[l], 0) / 1000, decrypt: v.decrypt / 1000, prepare: v.prepare / 1000, ahead: v.ahead / 1000 };
}

export interface PhaseSeconds {
  readonly encrypt: number;
  readonly evaluate: Readonly<Record<LayerName, number>>;
  readonly evaluateTotal: number;
  readonly decrypt: number;
  readonly prepare: number;
  /** The packed client's encryptions of zero, made before each image (summed over the images; 0 for batch). */
  readonly ahead: number;
}
