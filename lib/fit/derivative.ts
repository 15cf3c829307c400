/**
 * The derivative approach (method 4 of the paper): fit f' by a polynomial p1 of degree N - 1 with
 * another method (the paper used the Chebyshev series), then p = integral of p1, with the constant
 * fixed by p(a) = f(a) (default; the paper's ReLU and sigmoid rows) or p(0) = 0 (the paper's tanh
 * rows). For ReLU f' is the Heaviside step (value 1 at 0); CryptoDL's variant fits the sigmoid in
 * its place (`prime: 'sigmoid'`).
 */
import type { Activation } from '../activations';
import { activation } from '../activations';
import { InputError } from '../errors';
import type { Interval } from '../polynomial';
import type { FitResult, MethodOption } from './types';
import { getMethod, methods, registerMethod } from './types';
import { checkFitArguments, optionsObject, rejectUnknownOptions } from './validate';

export interface DerivativeOptions {
  /** Method used for f' (default 'chebyshev', as the paper); any registered method except 'derivative'. */
  inner?: string;
  /** Integration constant: 'left' p(a) = f(a) (default), 'zero' p(0) = 0. */
  constant?: 'left' | 'zero';
  /** Fit this function instead of f' (name or formula), e.g. 'sigmoid' for ReLU as CryptoDL does. */
  prime?: string | Activation;
  /** Any further options go to the inner method (e.g. nodes, m, seed for 'numerical'). */
  [inner: string]: unknown;
}

export const DEFAULT_INNER = 'chebyshev';

/** f' as an Activation (its own derivative by central differences; only value-based methods need it). */
export function derivativeActivation(f: Activation): Activation {
  const h = (x: number): number => Math.cbrt(Number.EPSILON) * Math.max(1, Math.abs(x));
  return {
    name: `d/dx ${f.name}`,
    value: (x) => f.derivative(x),
    derivative: (x) => (f.derivative(x + h(x)) - f.derivative(x - h(x))) / (2 * h(x)),
    breakpoints: f.breakpoints,
    derivativeKind: 'numerical',
  };
}

/** The paper's derivative approach: integrate a degree N - 1 fit of f'. */
export function derivativeFit(f: Activation, degree: number, interval: Interval, options: DerivativeOptions = {}): FitResult {
  const [a, b] = checkFitArguments(f, degree, interval);
  if (degree < 1) throw new InputError('degree', `expected an integer >= 1 for the derivative approach (f' is fitted with degree N - 1), got ${degree}`);
  const opts = optionsObject(options);
  const innerName = (opts.inner as string | undefined) ?? DEFAULT_INNER;
  const inner = typeof innerName === 'string' ? getMethod(innerName) : undefined;
  if (!inner || inner.name === 'derivative') {
    const names = methods().map((m) => m.name).filter((n) => n !== 'derivative');
    throw new InputError('inner', `unknown inner method '${String(innerName)}'; expected one of ${names.join(', ')}`);
  }
  const constant = opts.constant ?? 'left';
  if (constant !== 'left' && constant !== 'zero') throw new InputError('constant', `expected 'left' (p(a) = f(a)) or 'zero' (p(0) = 0), got '${String(constant)}'`);
  const innerOptionNames = inner.options.map((o) => o.name);
  rejectUnknownOptions('derivative', opts, ['inner', 'constant', 'prime', ...innerOptionNames]);
  const innerOptions: Record<string, unknown> = {};
  for (const k of innerOptionNames) if (opts[k] !== undefined) innerOptions[k] = opts[k];
  let g: Activation;
  if (opts.prime === undefined) g = derivativeActivation(f);
  else if (typeof opts.prime === 'string') g = activation(opts.prime);
  else if (typeof (opts.prime as Activation).value === 'function') g = opts.prime as Activation;
  else throw new InputError('prime', 'expected an activation name, a formula in x, or an Activation');
  const p1 = inner.fit(g, degree - 1, [a, b], innerOptions);
  const p = constant === 'left' ? p1.polynomial.integral({ at: a, value: f.value(a) }) : p1.polynomial.integral({ at: 0, value: 0 });
  return {
    polynomial: p,
    method: 'derivative',
    params: {
      inner: inner.name,
      constant,
      ...(opts.prime !== undefined ? { prime: g.name } : {}),
      ...p1.params,
    },
  };
}

const OWN_OPTIONS: readonly MethodOption[] = [
  { name: 'inner', type: 'string', description: "method for f'", default: DEFAULT_INNER },
  { name: 'constant', type: 'string', description: 'integration constant: left p(a) = f(a), zero p(0) = 0', default: 'left', choices: ['left', 'zero'] },
  { name: 'prime', type: 'string', description: "fit this function instead of f' (e.g. sigmoid for relu, CryptoDL)" },
];

registerMethod({
  name: 'derivative',
  description: "Fit f' with degree N - 1 by another method, then integrate (the paper's derivative approach)",
  options: OWN_OPTIONS,
  // The inner method's options pass through to it: --nodes --m --seed with --inner numerical, --z --scale --order with --inner taylor, ...
  optionsFor: (given) => {
    const inner = typeof given.inner === 'string' ? getMethod(given.inner) : getMethod(DEFAULT_INNER);
    const extra = inner && inner.name !== 'derivative' ? inner.options.filter((o) => !OWN_OPTIONS.some((own) => own.name === o.name)) : [];
    return [...OWN_OPTIONS, ...extra];
  },
  optionsNote: "plus the options of the inner method (e.g. --nodes --m --seed with --inner numerical, --z --scale --order with --inner taylor)",
  fit: (f, degree, interval, options) => derivativeFit(f, degree, interval, options as DerivativeOptions),
});
