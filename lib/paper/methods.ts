/**
 * The paper's four methods (Section 2.2) with the choices that reproduce its tables, for one
 * function, degree and interval: what notebooks 03-methods plots side by side.
 */
import { activation } from '../activations';
import { chebyshevSeries, derivativeFit, numericalFit, taylor } from '../fit/index';
import type { FitResult } from '../fit/types';
import { metrics } from '../metrics';
import type { Interval } from '../polynomial';

export interface LabelledFit {
  readonly label: string;
  readonly fit: FitResult;
}

export interface FourMethodsOptions {
  /** Node rule of the numerical method (default 'uniform', the paper's best for ReLU). */
  nodes?: 'uniform' | 'normal' | 'chebyshev';
  /** Nodes (default 1000). */
  m?: number;
  /** Seed of the random node rules (default 1). */
  seed?: string | number;
}

/**
 * Numerical (least squares), Taylor (z = mid-point, scale b - a, order N + 2), Chebyshev series,
 * derivative approach (Chebyshev series of f' integrated, p(a) = f(a)), all of degree N.
 */
export function fourMethods(fn: string, degree: number, interval: Interval, options: FourMethodsOptions = {}): LabelledFit[] {
  const f = activation(fn);
  const nodes = options.nodes ?? 'uniform';
  return [
    { label: `numerical (${nodes} nodes)`, fit: numericalFit(f, degree, interval, { nodes, m: options.m ?? 1000, seed: options.seed ?? 1 }) },
    { label: 'Taylor', fit: taylor(f, degree, interval) },
    { label: 'Chebyshev', fit: chebyshevSeries(f, degree, interval) },
    { label: 'derivative', fit: derivativeFit(f, degree, interval) },
  ];
}

/** One row per function and degree: the rho of each of the four methods (dense grid) and the best. */
export interface MethodRhoRow {
  readonly function: string;
  readonly N: number;
  readonly best: string;
  readonly [method: string]: string | number;
}

/** The four methods' rho for relu, sigmoid and tanh at N = 2, 3, 4 (metrics on the default dense grid), with the best per cell. */
export function fourMethodsRhoTable(interval: Interval, options: FourMethodsOptions = {}): MethodRhoRow[] {
  const rows: MethodRhoRow[] = [];
  for (const fn of ['relu', 'sigmoid', 'tanh']) {
    const f = activation(fn);
    for (const N of [2, 3, 4]) {
      const rhos = fourMethods(fn, N, interval, options).map(({ label, fit }) => ({ label, rho: metrics(f, fit.polynomial, interval).rho }));
      const best = rhos.reduce((a, b) => (b.rho < a.rho ? b : a));
      rows.push({ function: fn, N, ...Object.fromEntries(rhos.map((r) => [r.label, r.rho])), best: best.label });
    }
  }
  return rows;
}
