/**
 * The fuzzer's random source and the value families every command generator draws from: valid
 * values, boundaries (degree 0/1/64/65, intervals 1e-300 wide or at +-1e154), non-numbers,
 * integers written as 1e1 / 0x4 / 07, embedded newlines, and formulas valid and invalid
 * (non-differentiable, non-deterministic, oscillating, pathological nesting).
 */
import seedrandom from 'seedrandom';

/** A seeded generator with the few draws the generators need. Same seed => same case. */
export class FuzzRng {
  private readonly g: () => number;
  constructor(seed: string) {
    this.g = seedrandom(seed);
  }
  /** Uniform in [0, 1). */
  next(): number {
    return this.g();
  }
  /** true with probability p. */
  chance(p: number): boolean {
    return this.g() < p;
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.g() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.g() * items.length)];
  }
  /** One of the entries, chosen with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [number, T])[]): T {
    const total = entries.reduce((s, [w]) => s + w, 0);
    let u = this.g() * total;
    for (const [w, v] of entries) {
      if (u < w) return v;
      u -= w;
    }
    return entries[entries.length - 1][1];
  }
}

/** Values that are not what any numeric option expects. */
export const NON_NUMBERS = ['', 'abc', 'NaN', 'nan', 'inf', 'Infinity', '-Infinity', '1e999', '--', '=', '1,2', '1..2', '0x', '4x', ' ', '\n', '4\n5', 'null', 'true', '[]', '{}', '½', '٣'];

/** Integers written in forms the one integer rule must treat alike or reject alike. */
export const INTEGER_SPELLINGS = ['1e1', '0x4', '07', '+4', '4.0', '4.', ' 4', '4 ', '-0', '00', '1_0', '0b11', '9007199254740993'];

/** Text with control characters: an echoed value must not break the one-line rejection. */
export const WITH_NEWLINES = ['chebyshev\n', '4\n5', 'x\ny', '\nrelu', 'relu\r\n', 'a\tb', '\u001b[31mred', '\u0000', 'x\u2028y'];

export const BUILTINS = ['relu', 'sigmoid', 'tanh', 'gelu', 'silu', 'softplus', 'elu', 'leaky_relu'];

/** Formulas mathjs parses and that are finite on typical intervals. */
export const FORMULAS = [
  'x / (1 + exp(-x))', 'x * tanh(log(1 + exp(x)))', 'x^2', 'x^3 - x', '2*x + 1', 'x', '1', '0', '1/(1+x^2)', 'abs(x)',
  'sin(x)', 'cos(x)', 'exp(-x^2)', 'tanh(x/10)', 'x * exp(x)', 'sqrt(x^2 + 1)', 'x^4 - 3*x^2 + 2', 'log(1 + x^2)',
  'x/2 * (1 + erf(x / sqrt(2)))', 'cbrt(x)', 'atan(x)', 'pi * x', 'e^(-abs(x))',
];

/** Formulas mathjs cannot differentiate symbolically (the derivative method needs another way). */
export const NON_DIFFERENTIABLE = ['max(x,0)', 'min(x,0)', 'erf(x)', 'x > 0 ? x : 0', 'floor(x)', 'mod(x, 3)', 'max(x, 0.1*x)', 'x * erf(x)', 'sign(x)', 'round(x/10)', 'ceil(x)', 'abs(x) + max(x, 1)', 'x >= 0 ? x : 0.01 * x'];

/** Formulas that are not deterministic functions of x. */
export const NON_DETERMINISTIC = ['random()', 'x + random()', 'pickRandom([1, 2, 3])', 'randomInt(1, 10)', 'random(x)', 'x * random(1, 2)'];

/** Formulas that must be refused with one clear line. */
export const INVALID_FORMULAS = [
  'x +', '(x', 'x * y', 'foo(x)', 'log(x)', '1/x', 'sqrt(x)', 'x = 2', 'f(x) = x', '"abc"', '[x, x]', 'x cm', '5 cm', 'x; x',
  'exp(x)^1000', 'x!', 'unit(x)', 'derivative("x^2", "x")', 'evaluate("x")', 'import({}, {})', 'x ? : 1', '{a: x}', 'x[1]',
  'createUnit("foo")', 'simplify("x")', 'parse("x")', 'ones(2)', 'i * x', 'sqrt(-1)', 'x:2', 'true', 'null', 'undefined',
];

/** 60-level power tower (#15: it used to hang while the formula was compiled), deep parentheses (call-stack overflow), and a long formula. */
export function pathologicalFormula(r: FuzzRng): string {
  const n = r.pick([10, 30, 60, 200]);
  switch (r.int(0, 3)) {
    case 0: return Array.from({ length: n }, () => 'x').join('^');
    case 1: return '('.repeat(n * 50) + 'x' + ')'.repeat(n * 50);
    case 2: return Array.from({ length: n * 10 }, (_, i) => `${i % 7}*x`).join(' + ');
    default: return 'sin('.repeat(n) + 'x' + ')'.repeat(n);
  }
}

/** An activation: mostly valid, often formulas, sometimes invalid, non-differentiable, random or pathological. */
export function fnValue(r: FuzzRng): string {
  return r.weighted<() => string>([
    [30, () => r.pick(BUILTINS)],
    [20, () => r.pick(FORMULAS)],
    [10, () => r.pick(NON_DIFFERENTIABLE)],
    [3, () => r.pick(NON_DETERMINISTIC)],
    [6, () => r.pick(INVALID_FORMULAS)],
    [2, () => pathologicalFormula(r)],
    [2, () => r.pick(WITH_NEWLINES)],
    [2, () => r.pick(['relux', 'Relu', 'RELU', 'x2', '', ' ', 'y', 'X'])],
  ])();
}

/** A finite number in a family: ordinary, tiny, huge, negative, exact boundaries. */
export function numberText(r: FuzzRng): string {
  return r.weighted<() => string>([
    [10, () => String(r.int(-300, 300))],
    [6, () => (r.next() * 400 - 200).toPrecision(r.int(1, 8))],
    [3, () => r.pick(['0', '-0', '1e-300', '-1e-300', '5e-324', '1e154', '-1e154', '1e308', '-1e308', '1.7976931348623157e308', '2.2e-308'])],
    [2, () => r.pick(['1e-15', '1e-12', '1e-8', '1e5', '1e6', '1e9', '100000', '100001'])],
    [2, () => r.pick(NON_NUMBERS)],
  ])();
}

/** An interval a,b: ordinary, narrow (relative 1e-300..1e-8), far off, huge, reversed or malformed. */
export function intervalText(r: FuzzRng): string {
  return r.weighted<() => string>([
    [30, () => r.pick(['-200,200', '-8,8', '-5,5', '-1,1', '0,1', '-20,20', '0,200', '-1000,1000', '-3,5', '-50,10'])],
    [8, () => r.pick(['1e-300,2e-300', '-1e-300,1e-300', '-1e-15,1e-15', '100000,100001', '1e10,1e10+1', '1,1.0000000000001', '-1e154,1e154', '1e154,2e154', '-1e308,1e308', '0,1e-320', '-5e-324,5e-324', '1e15,1e15+1'])],
    [6, () => {
      const a = r.next() * 2e3 - 1e3, w = 10 ** r.int(-16, 4) * Math.abs(a || 1);
      return `${a},${a + w}`;
    }],
    [4, () => `${numberText(r)},${numberText(r)}`],
    [4, () => r.pick(['200,-200', '1,1', '0', '1,2,3', ',', '-200,', 'a,b', 'inf,1', '-inf,inf', 'NaN,1', '1;2', '(-1,1)', '[-1,1]', '-1 , 1', '\n-1,1'])],
  ])();
}

/** A degree: mostly 0..8, the boundaries 0/1/64/65, and non-integers. */
export function degreeText(r: FuzzRng): string {
  return r.weighted<() => string>([
    [30, () => String(r.int(0, 8))],
    [8, () => String(r.int(9, 24))],
    [4, () => r.pick(['0', '1', '63', '64', '65', '-1', '100', '1000000'])],
    [3, () => r.pick(INTEGER_SPELLINGS)],
    [2, () => r.pick(NON_NUMBERS)],
    [1, () => r.pick(WITH_NEWLINES)],
  ])();
}

/** A seed: integers, their other spellings, strings. */
export function seedText(r: FuzzRng): string {
  return r.weighted<() => string>([
    [10, () => String(r.int(0, 100))],
    [4, () => r.pick(['07', '7', '+7', '-7', '7.0', '1e1', '0x7', 'abc', ' ', 'seed with spaces', '9007199254740993', '-0'])],
    [1, () => r.pick(['', '\n', 'a\nb'])],
  ])();
}

/** An integer option value: small valid values, boundaries and spellings. */
export function integerText(r: FuzzRng, typical: readonly number[], boundaries: readonly number[]): string {
  return r.weighted<() => string>([
    [10, () => String(r.pick(typical))],
    [4, () => String(r.pick(boundaries))],
    [2, () => r.pick(INTEGER_SPELLINGS)],
    [2, () => r.pick(NON_NUMBERS)],
  ])();
}

/** One option as argv: `--name value`, `--name=value`, or the flag alone. */
export function option(r: FuzzRng, name: string, value?: string): string[] {
  if (value === undefined) return [`--${name}`];
  // `--name value` cannot carry a value that starts with '-' through every parser; `=` always can.
  if (value.startsWith('-') || r.chance(0.3)) return [`--${name}=${value}`];
  return [`--${name}`, value];
}

/** Argv noise: an unknown option, a repeated one, a positional, a bare `--`, `-h`-like typos. */
export function noise(r: FuzzRng, argv: string[], known: readonly string[]): string[] {
  const out = argv.slice();
  const at = r.int(0, out.length);
  const what = r.int(0, 5);
  if (what === 0) out.splice(at, 0, `--${r.pick(['bogus', 'degre', 'fn2', 'x', 'Degree', 'interval-', 'json=1'])}`, r.pick(['1', 'x']));
  else if (what === 1 && argv.length > 0) {
    // Repeat an option already given (with another value when it takes one).
    const i = out.findIndex((a) => a.startsWith('--'));
    if (i >= 0) out.push(...out.slice(i, out[i].includes('=') || i + 1 >= out.length || out[i + 1].startsWith('--') ? i + 1 : i + 2));
  } else if (what === 2) out.splice(at, 0, r.pick(['extra', 'fit', '-1', '4', '-x']));
  else if (what === 3) out.splice(at, 0, '--');
  else if (what === 4) out.push(`--${r.pick(known)}`);
  else out.splice(at, 0, r.pick(['-fn', '---fn', '--=1', '--FN', '-', '--fn=']));
  return out;
}
