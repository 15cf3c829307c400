/** `polyact fit`: every method with its own options, options of other methods, and the value families. */
import type { FuzzCommand } from '../command';
import { FuzzRng, degreeText, fnValue, intervalText, integerText, noise, numberText, option, seedText, WITH_NEWLINES } from '../values';
import { checkFitJson } from '../checks';

export const METHODS = ['numerical', 'chebyshev', 'taylor', 'derivative', 'minimax', 'rho-optimal', 'legendre', 'weighted'];

/** Each method's own options with a value generator. */
const METHOD_OPTIONS: Record<string, Record<string, (r: FuzzRng) => string>> = {
  numerical: {
    nodes: (r) => r.pick(['uniform', 'normal', 'chebyshev', 'gauss', '']),
    m: (r) => integerText(r, [10, 50, 201, 1000, 5000], [1, 2, 5, 65, 100000, 1000000, 10000000, 100000000]),
    seed: seedText,
  },
  chebyshev: {},
  taylor: { z: numberText, scale: numberText, order: (r) => integerText(r, [4, 6, 10, 20], [0, 64, 72, 73, 1000]) },
  derivative: {
    inner: (r) => r.pick(['chebyshev', 'numerical', 'taylor', 'legendre', 'minimax', 'weighted', 'rho-optimal', 'derivative', 'spline']),
    constant: (r) => r.pick(['left', 'zero', 'right']),
    prime: (r) => r.pick(['sigmoid', 'tanh', 'relu', 'x > 0 ? 1 : 0', 'nosuch', 'x +']),
    nodes: (r) => r.pick(['uniform', 'chebyshev']), m: (r) => integerText(r, [100, 1000], [1, 10000000]), seed: seedText,
  },
  minimax: {
    tolerance: (r) => r.pick(['1e-9', '1e-3', '1e-15', '0', '1', '0.5', 'abc', '1e-300']),
    maxIterations: (r) => integerText(r, [1, 5, 100], [0, 10000, 10001]),
    searchGrid: (r) => integerText(r, [1000, 16385], [2, 10, 100000000]),
  },
  'rho-optimal': {
    tolerance: (r) => r.pick(['1e-7', '1e-3', '1e-15', '0', '1', 'abc']),
    maxRounds: (r) => integerText(r, [1, 5, 60], [0, 10000, 10001]),
  },
  legendre: {},
  weighted: { density: (r) => r.pick(['normal', 'uniform', '']), mean: numberText, sd: numberText },
};

/** The option names any method declares (the union fit accepts). */
const ALL_OPTIONS = [...new Set(Object.values(METHOD_OPTIONS).flatMap((o) => Object.keys(o)))];

function generate(r: FuzzRng): string[] {
  const method = r.chance(0.95) ? r.pick(METHODS) : r.pick(['spline', 'Chebyshev', '', ...WITH_NEWLINES.slice(0, 2)]);
  const argv: string[] = [];
  if (r.chance(0.98)) argv.push(...option(r, 'fn', fnValue(r)));
  if (r.chance(0.98)) argv.push(...option(r, 'method', method));
  // The derivative of degree 0 and taylor beyond 16 are boundary cases, not the common ones.
  if (r.chance(0.97)) argv.push(...option(r, 'degree', degreeText(r)));
  if (r.chance(0.7)) argv.push(...option(r, 'interval', intervalText(r)));
  if (r.chance(0.5)) argv.push(...option(r, 'grid', integerText(r, [201, 1001, 2694, 100001], [0, 1, 2, 3, 10000000, 100000001])));
  if (r.chance(0.15)) argv.push(...option(r, 'digits', integerText(r, [1, 4, 6, 17], [0, 18, 100])));
  const own = METHOD_OPTIONS[method] ?? {};
  for (const [name, gen] of Object.entries(own)) if (r.chance(0.35)) argv.push(...option(r, name, gen(r)));
  // Options of another method (must be refused, naming the option, with the same list --help shows).
  if (r.chance(0.08)) {
    const other = r.pick(ALL_OPTIONS);
    const gen = Object.values(METHOD_OPTIONS).find((o) => o[other])![other];
    argv.push(...option(r, other, gen(r)));
  }
  if (r.chance(0.6)) argv.push('--json');
  return r.chance(0.08) ? noise(r, argv, ['fn', 'method', 'degree', 'interval', 'grid', 'json', ...ALL_OPTIONS]) : argv;
}

export const fit: FuzzCommand = {
  name: 'fit',
  weight: 50,
  generate,
  check: (argv, json) => (json ? checkFitJson(argv, json) : undefined),
};
