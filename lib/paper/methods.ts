/**
 * The paper's four methods (Section 2.2) with the choices that reproduce its tables, for one
 * function, degree and interval: what notebooks 03-methods plots side by side.
 */
import { activation } from '../activations';
import { chebyshevSeries, derivativeFit, numericalFit, taylor } from '../fit/index';
import type { FitResult } from '../fit/types';
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
