/**
 * Activation functions: value, derivative and a name. Built-ins (relu, sigmoid, tanh from the
 * paper; gelu, silu, softplus, elu, leaky_relu for later work) are written for numerical
 * stability on [-1000, 1000]; any other function comes from a mathjs formula in x, parsed and
 * symbolically differentiated once, then compiled (never re-parsed per point).
 */
import type { MathNode } from 'mathjs';
import { mathjs } from './mathjs-instance';
import { InputError, echo, escapeControls, requireInteger, requireInterval } from './errors';

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

/** The logistic sigmoid, stable for any x: exp is only taken of -|x|, so no overflow and no NaN. */
function sigmoidValue(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

const erf = (x: number): number => mathjs().erf(x) as number;
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
const CONSTANTS = new Set(['pi', 'e', 'E', 'PI', 'phi', 'tau', 'LN2', 'LN10', 'LOG2E', 'LOG10E', 'SQRT2', 'SQRT1_2']);

/** The deterministic real functions of mathjs a formula may call (operators included by their function names). */
const FUNCTIONS = new Set([
  'abs', 'acos', 'acosh', 'acot', 'acoth', 'acsc', 'acsch', 'asec', 'asech', 'asin', 'asinh', 'atan', 'atan2', 'atanh',
  'cbrt', 'ceil', 'cos', 'cosh', 'cot', 'coth', 'csc', 'csch', 'cube', 'erf', 'exp', 'expm1', 'fix', 'floor', 'gamma',
  'hypot', 'lgamma', 'log', 'log10', 'log1p', 'log2', 'max', 'min', 'mod', 'nthRoot', 'pow', 'round', 'sec', 'sech',
  'sign', 'sin', 'sinh', 'sqrt', 'square', 'tan', 'tanh', 'factorial',
  'add', 'subtract', 'multiply', 'divide', 'unaryMinus', 'unaryPlus', 'dotMultiply', 'dotDivide', 'dotPow',
  'smaller', 'larger', 'smallerEq', 'largerEq', 'equal', 'unequal', 'and', 'or', 'not', 'xor',
]);
/** mathjs functions that draw random numbers: a formula must be a deterministic function of x. */
const RANDOM = new Set(['random', 'randomInt', 'pickRandom']);
/** Expression forms a formula may use: numbers, x, operators, calls, parentheses, `c ? a : b` and chained comparisons. */
const NODE_TYPES = new Set(['ConstantNode', 'SymbolNode', 'OperatorNode', 'FunctionNode', 'ParenthesisNode', 'ConditionalNode', 'RelationalNode']);

/** Limits that keep parsing, compiling and differentiating a formula instant (a 60-level power tower hung). */
export const FORMULA_LIMITS = Object.freeze({ length: 2000, depth: 40, nodes: 1000 });

type Node = MathNode & { type: string; name?: string; fn?: MathNode & { name?: string }; value?: unknown; args?: MathNode[] };

/** Parses and checks a formula: an expression in x only, deterministic, within the limits. */
function parseFormula(formula: string): MathNode {
  if (formula.length > FORMULA_LIMITS.length) throw new InputError('fn', `formula of ${formula.length} characters; expected at most ${FORMULA_LIMITS.length}`);
  let node: MathNode;
  try {
    node = mathjs().parse(formula);
  } catch (e) {
    if (e instanceof RangeError) throw new InputError('fn', `formula ${echo(formula)} is nested too deeply to parse; expected at most ${FORMULA_LIMITS.depth} levels`);
    throw new InputError('fn', `formula syntax error in ${echo(formula)}: ${(e as Error).message}`);
  }
  let nodes = 0;
  const unknown = new Set<string>();
  const visit = (n: Node, depth: number, parent: Node | null): void => {
    if (++nodes > FORMULA_LIMITS.nodes) throw new InputError('fn', `formula ${echo(formula)} has more than ${FORMULA_LIMITS.nodes} terms; expected a smaller expression`);
    if (depth > FORMULA_LIMITS.depth) throw new InputError('fn', `formula ${echo(formula)} is nested more than ${FORMULA_LIMITS.depth} levels deep (e.g. a power tower x^x^...^x); expected a shallower expression`);
    if (n.type === 'AssignmentNode' || n.type === 'FunctionAssignmentNode') throw new InputError('fn', `formula ${echo(formula)} must be an expression in x, not an assignment`);
    if (!NODE_TYPES.has(n.type)) throw new InputError('fn', `formula ${echo(formula)} must be a real function of x; ${describeNode(n)} is not allowed`);
    if (n.type === 'ConstantNode' && typeof n.value !== 'number') throw new InputError('fn', `formula ${echo(formula)} must be a real function of x; the constant ${echo(String(n.value))} is not a number`);
    if (n.type === 'FunctionNode' || n.type === 'OperatorNode') {
      const name = n.type === 'FunctionNode' ? n.fn?.name : (n as unknown as { fn: string }).fn;
      if (name !== undefined && RANDOM.has(name)) throw new InputError('fn', `formula ${echo(formula)} calls ${name}(), which draws random numbers; expected a deterministic function of x`);
      if (n.type === 'FunctionNode' && (name === undefined || !FUNCTIONS.has(name))) unknown.add(`${name ?? '(expression)'}()`);
      if (n.type === 'OperatorNode' && name !== undefined && !FUNCTIONS.has(name)) throw new InputError('fn', `formula ${echo(formula)} uses the operator ${echo((n as unknown as { op: string }).op)}, which is not a real function; expected arithmetic, comparisons and the functions of mathjs`);
    }
    if (n.type === 'SymbolNode') {
      const isCallee = parent !== null && parent.type === 'FunctionNode' && parent.fn === n;
      if (!isCallee && n.name !== 'x' && !CONSTANTS.has(n.name!)) unknown.add(n.name!);
    }
    const children: Node[] = [];
    n.forEach((child: MathNode) => children.push(child as Node));
    for (const c of children) visit(c, depth + 1, n);
  };
  visit(node as Node, 0, null);
  if (unknown.size > 0) {
    throw new InputError('fn', `formula ${echo(formula)} may use only the variable x, mathjs constants and deterministic real functions; unknown: ${[...unknown].map((u) => escapeControls(u)).join(', ')}`);
  }
  return node;
}

function describeNode(n: Node): string {
  const what: Record<string, string> = {
    BlockNode: 'a sequence of expressions (;)', ArrayNode: 'a matrix or list', ObjectNode: 'an object', AccessorNode: 'a property access',
    IndexNode: 'an index', RangeNode: 'a range (:)',
  };
  return what[n.type] ?? `a ${n.type}`;
}

/** Largest ratio of the symbolic derivative's tree to f's (activations in practice: 3-4; silu 32/9, mish 39/11, tanh-GELU 70/23). */
const SYMBOLIC_GROWTH = 8;

function treeSize(n: MathNode): number {
  let count = 0;
  n.traverse(() => { count++; });
  return count;
}

/**
 * An activation from a mathjs formula in x, e.g. `x / (1 + exp(-x))`. The formula is parsed and
 * checked once (only x, constants, arithmetic, comparisons, `c ? a : b` and the deterministic real
 * functions of mathjs; no random(), no assignments, matrices or units; at most 2000 characters,
 * 1000 terms and 40 levels of nesting); its derivative comes from mathjs symbolic differentiation
 * (unsimplified: simplification is exponential in the nesting) and is compiled once. mathjs cannot
 * differentiate some functions (erf, max, min, floor, mod, conditionals), and for deep nesting
 * the symbolic form grows quadratically (more than 8 times f's tree); then the derivative is
 * the central difference with step cbrt(eps) * max(1, |x|) (about 1e-10 relative accuracy where f
 * is smooth) and `derivativeKind` says so.
 */
export function formulaActivation(formula: string, name: string = formula): Activation {
  if (typeof formula !== 'string' || formula.trim() === '') throw new InputError('fn', 'expected a function name or a formula in x');
  const node = parseFormula(formula);
  const value = evaluator(node, formula);
  // A first evaluation catches errors such as wrong argument counts now rather than mid-fit.
  value(0.5);
  let derivative: (x: number) => number;
  let derivativeKind: 'symbolic' | 'numerical';
  try {
    const d = mathjs().derivative(node, 'x', { simplify: false });
    // Unsimplified, the derivative of n nested functions has ~n^2/2 nodes (30 nested sin: 991
    // nodes, 18x f's cost per point, so the derivative method took 25 s); beyond SYMBOLIC_GROWTH
    // times f's size the central difference (2 evaluations of f) is the cheaper derivative.
    if (treeSize(d) > SYMBOLIC_GROWTH * treeSize(node)) throw new Error('symbolic derivative too large');
    const symbolic = evaluator(d, `d/dx ${formula}`);
    symbolic(0.5);
    // Where the symbolic form is 0/0 (abs(x)/x at 0) but f is finite, the central difference takes over.
    derivative = (x) => { const d = symbolic(x); return Number.isFinite(d) ? d : centralDifference(value, x); };
    derivativeKind = 'symbolic';
  } catch {
    derivative = (x) => centralDifference(value, x);
    derivativeKind = 'numerical';
  }
  return { name, formula, value, derivative, derivativeKind };
}

/** Beyond this distance (relative to max(1, |x|)) from an integer, mathjs's tolerant floor is Math.floor (its relTol is 1e-12, absTol 1e-15). */
const NEAR = 2e-12;
type Num = (...args: number[]) => number;
const mathFn = (name: string): Num => (mathjs() as unknown as Record<string, Num>)[name];

/**
 * mathjs's floor, ceil, round, fix and mod for one number, fast. mathjs rounds numbers through
 * decimal strings (toFixed): 40-65 us per call, so a formula with floor took seconds where the
 * budgets count 10^5 evaluations. Away from integers (and from halves, for round) its tolerant
 * versions equal Math.floor / Math.ceil / round-half-away-from-zero; near them these call
 * mathjs's own, so the values are the same (test/activations.test.ts compares them).
 */
const FAST_ROUNDING: Readonly<Record<string, Num>> = (() => {
  const near = (x: number, target: number): boolean => Math.abs(x - target) <= NEAR * Math.max(1, Math.abs(x));
  const floor: Num = (x, n) => (n !== undefined || !Number.isFinite(x) || near(x, Math.round(x)) ? mathFn('floor')(x, ...(n === undefined ? [] : [n])) : Math.floor(x));
  const ceil: Num = (x, n) => (n !== undefined || !Number.isFinite(x) || near(x, Math.round(x)) ? mathFn('ceil')(x, ...(n === undefined ? [] : [n])) : Math.ceil(x));
  const round: Num = (x, n) => {
    if (n !== undefined || !Number.isFinite(x)) return mathFn('round')(x, ...(n === undefined ? [] : [n]));
    const a = Math.abs(x);
    if (near(a - Math.floor(a), 0.5)) return mathFn('round')(x);
    const r = Math.round(a);
    return x < 0 ? -r : r;
  };
  const fix: Num = (x, n) => (n !== undefined ? mathFn('fix')(x, n) : x > 0 ? floor(x) : ceil(x));
  const mod: Num = (x, y) => (y === 0 ? x : x - y * floor(x / y));
  return Object.freeze({ floor, ceil, round, fix, mod });
})();

/**
 * The compiled expression as a function of x (one scope object reused: mathjs wraps a fresh
 * object on every call otherwise; the fast rounding functions ride in it and take precedence).
 * mathjs's own errors mid-fit (e.g. `Value must be non-negative` from x! at x < 0) become an
 * InputError naming the formula and the point.
 */
function evaluator(node: MathNode, formula: string): (x: number) => number {
  const compiled = node.compile();
  const scope: Record<string, unknown> = { ...FAST_ROUNDING, x: 0 };
  return (x) => {
    let v: unknown;
    try {
      scope.x = x;
      v = compiled.evaluate(scope);
    } catch (e) {
      throw new InputError('fn', `formula ${echo(formula)} cannot be evaluated at x = ${x}: ${(e as Error).message}`);
    }
    return toNumber(v, formula);
  };
}

function toNumber(v: unknown, what: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const re = v as { re?: number; im?: number } | null;
  if (re && typeof re.re === 'number' && re.im === 0) return re.re;
  // Complex results (e.g. sqrt(x) for x < 0) are not real function values.
  if (re && typeof re.re === 'number') return NaN;
  throw new InputError('fn', `formula ${echo(what)} does not evaluate to a real number (got ${echo(String(v))})`);
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
    throw new InputError('fn', `unknown activation ${echo(key)}; expected one of ${Object.keys(builtinActivations).join(', ')} or a formula in x`);
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
    if (!Number.isFinite(y)) throw new InputError('fn', `${echo(f.name)} is not finite at x = ${x} (got ${y}); expected finite values on [${a}, ${b}]`);
  }
  return f;
}
