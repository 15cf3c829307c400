/**
 * The numerical method (method 2 of the paper): least squares on nodes {x_i, f(x_i)}, i = 1..m.
 * Solved in the Chebyshev basis on [a, b] mapped to [-1, 1] (columns T_k(t_i), well conditioned
 * for any interval) by Householder QR from ml-matrix; never normal equations, never a Vandermonde
 * matrix in x (on [-200, 200] its columns span 200^N and the solution loses every digit).
 */
import { Matrix, QrDecomposition } from 'ml-matrix';
import type { Activation } from '../activations';
import { chebyshevRow } from '../chebyshev';
import { InputError, requireInteger } from '../errors';
import { Polynomial } from '../polynomial';
import type { Interval } from '../polynomial';
import { DEFAULT_SEED, nodeRules, nodesByRule, normalizeSeed } from '../sampling';
import type { FitResult } from './types';
import { registerMethod } from './types';
import { checkFitArguments, optionsObject, rejectUnknownOptions } from './validate';

export interface NumericalOptions {
  /** The nodes, or a rule to draw m of them: 'uniform' (U(a, b)), 'normal' (untruncated N((a+b)/2, ceil((b-a)/6)^2)), 'chebyshev' (roots of T_m). Default 'chebyshev' (deterministic). */
  nodes?: ArrayLike<number> | 'uniform' | 'normal' | 'chebyshev';
  /** Number of nodes for a rule (default 1000, as the paper's rows suggest); must exceed the degree. */
  m?: number;
  /** Seed of the random rules (default 1; always reported in params). */
  seed?: string | number;
}

export const DEFAULT_NODES = 'chebyshev';
export const DEFAULT_M = 1000;
/** Budget of the QR least squares: at most this many nodes ... */
export const MAX_M = 100000;
/** ... and m (N + 1)^2 at most this (about the work of m = 10^5 at N = 13; a few seconds at most). */
export const MAX_QR_WORK = 2e7;

/** The largest m the budget allows for a degree. */
export function maxNodes(degree: number): number {
  return Math.min(MAX_M, Math.floor(MAX_QR_WORK / (degree + 1) ** 2));
}

/** Least-squares coefficients c (Chebyshev basis on [a, b]) minimising sum (f(x_i) - p(x_i))^2. */
export function leastSquaresChebyshev(xs: ArrayLike<number>, ys: ArrayLike<number>, degree: number, a: number, b: number): number[] {
  return leastSquaresChebyshevMany(xs, [ys], degree, a, b)[0];
}

/**
 * Least squares of several right-hand sides on the same nodes: one QR factorisation of the
 * Chebyshev matrix, then one solve per column (ml-matrix solves the columns independently, so each
 * result is bit for bit what leastSquaresChebyshev gives for that ys alone).
 */
export function leastSquaresChebyshevMany(xs: ArrayLike<number>, ysList: readonly ArrayLike<number>[], degree: number, a: number, b: number): number[][] {
  const m = xs.length;
  const A = new Matrix(m, degree + 1);
  const Y = new Matrix(m, ysList.length);
  const row = new Float64Array(degree + 1);
  for (let i = 0; i < m; i++) {
    chebyshevRow((2 * xs[i] - (a + b)) / (b - a), degree, row);
    for (let k = 0; k <= degree; k++) A.set(i, k, row[k]);
    for (let j = 0; j < ysList.length; j++) Y.set(i, j, ysList[j][i]);
  }
  const qr = new QrDecomposition(A);
  if (!qr.isFullRank()) throw new InputError('nodes', `expected at least degree + 1 = ${degree + 1} distinct nodes`);
  const C = qr.solve(Y);
  return ysList.map((_, j) => C.getColumn(j));
}

/** The paper's numerical method: least squares of degree N on the nodes. */
export function numericalFit(f: Activation, degree: number, interval: Interval, options: NumericalOptions = {}): FitResult {
  return numericalFits([f], degree, interval, options)[0];
}

/**
 * numericalFit of several activations on the same nodes (one draw of a node rule, one QR): the
 * results are bit for bit those of numericalFit for each (the random-node rows of Tables 1-3 fit
 * ReLU, sigmoid and tanh on the same seeds).
 */
export function numericalFits(fs: readonly Activation[], degree: number, interval: Interval, options: NumericalOptions = {}): FitResult[] {
  if (fs.length === 0) throw new InputError('fs', 'expected at least one activation');
  const [a, b] = checkFitArguments(fs[0], degree, interval);
  for (const f of fs.slice(1)) checkFitArguments(f, degree, interval);
  const opts = optionsObject(options);
  rejectUnknownOptions('numerical', opts, ['nodes', 'm', 'seed']);
  const rule = options.nodes ?? DEFAULT_NODES;
  let xs: ArrayLike<number>;
  const params: Record<string, unknown> = {};
  if (typeof rule === 'string') {
    const m = requireInteger('m', options.m ?? DEFAULT_M, 1);
    if (m <= degree) throw new InputError('m', `expected more nodes than the degree (m > ${degree}) for least squares, got ${m}`);
    if (m > maxNodes(degree)) throw new InputError('m', `expected at most ${maxNodes(degree)} nodes for degree ${degree} (budget: m <= ${MAX_M} and m (N + 1)^2 <= ${MAX_QR_WORK}), got ${m}`);
    const random = rule === 'uniform' || rule === 'normal';
    // '7', '07' (from the CLI) and 7 are the same seed; reported as a number.
    const seed = normalizeSeed(options.seed ?? DEFAULT_SEED);
    if (!nodeRules.includes(rule as never)) throw new InputError('nodes', `unknown node rule '${rule}'; expected one of ${nodeRules.join(', ')} or an array of numbers`);
    xs = nodesByRule(rule, m, a, b, seed);
    Object.assign(params, { nodes: rule, m }, random ? { seed } : {});
  } else if (rule && typeof (rule as ArrayLike<number>).length === 'number') {
    xs = rule;
    if (xs.length <= degree) throw new InputError('nodes', `expected more nodes than the degree (m > ${degree}) for least squares, got ${xs.length}`);
    if (xs.length > maxNodes(degree)) throw new InputError('nodes', `expected at most ${maxNodes(degree)} nodes for degree ${degree} (budget of the QR least squares), got ${xs.length}`);
    for (let i = 0; i < xs.length; i++) {
      if (!Number.isFinite(xs[i])) throw new InputError('nodes', `expected finite numbers, got ${xs[i]} at index ${i}`);
    }
    Object.assign(params, { nodes: 'given', m: xs.length });
  } else {
    throw new InputError('nodes', `expected one of ${nodeRules.join(', ')} or an array of numbers`);
  }
  const ysList = fs.map((f) => {
    const ys = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) {
      ys[i] = f.value(xs[i]);
      if (!Number.isFinite(ys[i])) throw new InputError('fn', `${f.name} is not finite at the node x = ${xs[i]} (got ${ys[i]})`);
    }
    return ys;
  });
  return leastSquaresChebyshevMany(xs, ysList, degree, a, b).map((c) => ({ polynomial: new Polynomial(c, [a, b]), method: 'numerical', params: { ...params } }));
}

registerMethod({
  name: 'numerical',
  description: 'Least squares on nodes (the paper\'s numerical method), solved by QR in the Chebyshev basis',
  options: [
    { name: 'nodes', type: 'string', description: 'node rule', default: DEFAULT_NODES, choices: nodeRules },
    { name: 'm', type: 'integer', description: `number of nodes (> degree; at most ${MAX_M} and m (N + 1)^2 <= ${MAX_QR_WORK})`, default: DEFAULT_M },
    { name: 'seed', type: 'string', description: 'seed of the uniform and normal rules (seedrandom)', default: DEFAULT_SEED },
  ],
  fit: (f, degree, interval, options) => numericalFit(f, degree, interval, options as NumericalOptions),
});
