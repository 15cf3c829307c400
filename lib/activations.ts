/**
 * Activation functions: value, derivative and a name. Built-ins (relu, sigmoid, tanh from the
 * paper; gelu, silu, softplus, elu, leaky_relu for later work) are written for numerical
 * stability on [-1000, 1000]; any other function comes from a mathjs formula in x, parsed and
 * symbolically differentiated once, then compiled (never re-parsed per point).
 */
import { create, all } from 'mathjs';
import type { MathNode } from 'mathjs';
import { InputError, requireInteger, requireInterval } from './errors';

export interface Activation {
  /** Registry name (`relu`) or the formula text for formula activations. */
  readonly name: string;
  /** The formula in x when the activation came from one (mathjs syntax). */
  readonly formula?: string;
  /** f(x). */
  value(x: number): number;
  /** f'(x). ReLU's is the Heaviside step with value 1 at 0, as the paper. */
  derivative(x: number): number;
  /**
   * Points where f or f' is not smooth (ReLU: 0). Quadratures split there, so that Chebyshev
   * coefficients of kinked functions converge spectrally instead of like 1/n^2.
   */
  readonly breakpoints?: readonly number[];
  /** How `derivative` is computed: closed form, mathjs symbolic, or central differences when mathjs cannot differentiate (erf, max, abs, ...). */
  readonly derivativeKind?: 'exact' | 'symbolic' | 'numerical';
}

const math = create(all, {});

/** The logistic sigmoid, stable for any x: exp is only taken of -|x|, so no overflow and no NaN. */
function sigmoidValue(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

const erf = (x: number): number => math.erf(x) as number;
const SQRT1_2PI = 1 / Math.sqrt(2 * Math.PI);

export const relu: Activation = {
  name: 'relu', formula: 'max(0, x)', derivativeKind: 'exact', breakpoints: [0],
  value: (x) => (x > 0 ? x : 0),
  derivative: (x) => (x >= 0 ? 1 : 0),
};
export const sigmoid: Activation = {
  name: 'sigmoid', formula: '1 / (1 + exp(-x))', derivativeKind: 'exact',
  value: sigmoidValue,
  derivative: (x) => { const s = sigmoidValue(x); return s * (1 - s); },
};
export const tanh: Activation = {
  name: 'tanh', formula: 'tanh(x)', derivativeKind: 'exact',
  value: Math.tanh,
  // 1/cosh^2 keeps relative accuracy in the tails, where 1 - tanh^2 cancels to 0.
  derivative: (x) => { const c = Math.cosh(x); return Number.isFinite(c) ? 1 / (c * c) : 0; },
};
/** GELU, exact form x * Phi(x) = x/2 * (1 + erf(x / sqrt 2)). */
export const gelu: Activation = {
  name: 'gelu', formula: 'x / 2 * (1 + erf(x / sqrt(2)))', derivativeKind: 'exact',
  value: (x) => (x / 2) * (1 + erf(x / Math.SQRT2)),
  derivative: (x) => 0.5 * (1 + erf(x / Math.SQRT2)) + x * SQRT1_2PI * Math.exp(-0.5 * x * x),
};
/** SiLU (swish): x * sigmoid(x). */
export const silu: Activation = {
  name: 'silu', formula: 'x / (1 + exp(-x))', derivativeKind: 'exact',
  value: (x) => x * sigmoidValue(x),
  derivative: (x) => { const s = sigmoidValue(x); return s * (1 + x * (1 - s)); },
};
/** softplus log(1 + e^x), stable: max(x, 0) + log1p(e^-|x|). */
export const softplus: Activation = {
  name: 'softplus', formula: 'log(1 + exp(x))', derivativeKind: 'exact',
  value: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
  derivative: sigmoidValue,
};
/** ELU with alpha = 1: x for x > 0, e^x - 1 otherwise (C^1; f'' jumps at 0). */
export const elu: Activation = {
  name: 'elu', formula: 'x > 0 ? x : exp(x) - 1', derivativeKind: 'exact', breakpoints: [0],
  value: (x) => (x > 0 ? x : Math.expm1(x)),
  derivative: (x) => (x > 0 ? 1 : Math.exp(x)),
};
/** Leaky ReLU with slope 0.01 for x < 0. */
export const leaky_relu: Activation = {
  name: 'leaky_relu', formula: 'x >= 0 ? x : 0.01 * x', derivativeKind: 'exact', breakpoints: [0],
  value: (x) => (x >= 0 ? x : 0.01 * x),
  derivative: (x) => (x >= 0 ? 1 : 0.01),
};

/** The built-in activations by name. */
export const builtinActivations: Readonly<Record<string, Activation>> = Object.freeze({
  relu, sigmoid, tanh, gelu, silu, softplus, elu, leaky_relu,
});

/** Names a formula may use besides x: mathjs constants. */
const CONSTANTS = new Set(['pi', 'e', 'E', 'PI', 'Infinity', 'phi', 'tau', 'LN2', 'LN10', 'LOG2E', 'LOG10E', 'SQRT2', 'SQRT1_2']);

/**
 * An activation from a mathjs formula in x, e.g. `x / (1 + exp(-x))`. The formula is parsed once;
 * its derivative comes from mathjs symbolic differentiation and is compiled once. mathjs cannot
 * differentiate some functions (erf, max, abs, conditionals); then the derivative falls back to
 * central differences with step cbrt(eps) * max(1, |x|) (about 1e-10 relative accuracy) and
 * `derivativeKind` says so.
 */
export function formulaActivation(formula: string, name: string = formula): Activation {
  if (typeof formula !== 'string' || formula.trim() === '') throw new InputError('fn', 'expected a function name or a formula in x');
  let node: MathNode;
  try {
    node = math.parse(formula);
  } catch (e) {
    throw new InputError('fn', `formula syntax error in '${formula}': ${(e as Error).message}`);
  }
  const functionNames = new Set<string>();
  node.traverse((n: MathNode) => {
    if ((n as unknown as { type: string }).type === 'FunctionNode') {
      const fn = (n as unknown as { fn: { name?: string } }).fn;
      if (fn && fn.name) functionNames.add(fn.name);
    }
  });
  const unknown = new Set<string>();
  node.traverse((n: MathNode, _path: string, parent: MathNode | null) => {
    const t = (n as unknown as { type: string }).type;
    if (t === 'AssignmentNode' || t === 'FunctionAssignmentNode') {
      throw new InputError('fn', `formula '${formula}' must be an expression in x, not an assignment`);
    }
    if (t !== 'SymbolNode') return;
    const sym = (n as unknown as { name: string }).name;
    const isCallee = parent !== null && (parent as unknown as { type: string }).type === 'FunctionNode'
      && (parent as unknown as { fn: MathNode }).fn === n;
    if (isCallee) {
      if (typeof (math as unknown as Record<string, unknown>)[sym] !== 'function') unknown.add(`${sym}()`);
      return;
    }
    if (sym !== 'x' && !CONSTANTS.has(sym)) unknown.add(sym);
  });
  if (unknown.size > 0) {
    throw new InputError('fn', `formula '${formula}' may use only the variable x and mathjs functions; unknown: ${[...unknown].join(', ')}`);
  }
  const compiled = node.compile();
  const value = (x: number): number => toNumber(compiled.evaluate({ x }), formula);
  // A first evaluation catches errors such as wrong argument counts now rather than mid-fit.
  try {
    value(0.5);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('fn', `formula '${formula}' cannot be evaluated: ${(e as Error).message}`);
  }
  let derivative: (x: number) => number;
  let derivativeKind: 'symbolic' | 'numerical';
  try {
    const d = math.derivative(node, 'x').compile();
    derivative = (x) => toNumber(d.evaluate({ x }), `d/dx ${formula}`);
    derivative(0.5);
    derivativeKind = 'symbolic';
  } catch {
    derivative = (x) => centralDifference(value, x);
    derivativeKind = 'numerical';
  }
  return { name, formula, value, derivative, derivativeKind };
}

function toNumber(v: unknown, what: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const re = v as { re?: number; im?: number } | null;
  if (re && typeof re.re === 'number' && re.im === 0) return re.re;
  // Complex results (e.g. sqrt(x) for x < 0) are not real function values.
  if (re && typeof re.re === 'number') return NaN;
  throw new InputError('fn', `formula '${what}' does not evaluate to a number (got ${String(v)})`);
}

function centralDifference(f: (x: number) => number, x: number): number {
  const h = Math.cbrt(Number.EPSILON) * Math.max(1, Math.abs(x));
  return (f(x + h) - f(x - h)) / (2 * h);
}

/**
 * A built-in activation by name (relu, sigmoid, tanh, gelu, silu, softplus, elu, leaky_relu), or any
 * mathjs formula in x. `options.name` is a short name for titles and tables (e.g. 'Mish' for
 * `x * tanh(log(1 + exp(x)))`); by default a formula is named by its text.
 */
export function activation(nameOrFormula: string, options: { name?: string } = {}): Activation {
  if (typeof nameOrFormula !== 'string') throw new InputError('fn', `expected a function name or a formula in x, got ${String(nameOrFormula)}`);
  const name = options.name;
  if (name !== undefined && (typeof name !== 'string' || name.trim() === '')) throw new InputError('name', `expected a non-empty short name, got ${JSON.stringify(name)}`);
  const key = nameOrFormula.trim();
  const builtin = Object.prototype.hasOwnProperty.call(builtinActivations, key) ? builtinActivations[key] : undefined;
  if (builtin) return name === undefined ? builtin : { ...builtin, name: name.trim() };
  // A bare identifier that is not a built-in is a typo for a name, not a formula.
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && key !== 'x') {
    throw new InputError('fn', `unknown activation '${key}'; expected one of ${Object.keys(builtinActivations).join(', ')} or a formula in x`);
  }
  return formulaActivation(key, name?.trim());
}

/**
 * Checks that f is finite on [a, b] (on `samples` evenly spaced points, endpoints included),
 * throwing an InputError naming the first bad point; returns f.
 */
export function requireFiniteOn(f: Activation, interval: readonly [number, number], samples = 1001): Activation {
  const [a, b] = requireInterval('interval', Array.from(interval));
  requireInteger('samples', samples, 2);
  for (let i = 0; i < samples; i++) {
    const x = i === samples - 1 ? b : a + ((b - a) * i) / (samples - 1);
    const y = f.value(x);
    if (!Number.isFinite(y)) throw new InputError('fn', `${f.name} is not finite at x = ${x} (got ${y}); expected finite values on [${a}, ${b}]`);
  }
  return f;
}
