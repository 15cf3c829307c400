/**
 * The common result of every fitting method, and the method registry the CLI and notebooks use.
 * Adding a method = one `registerMethod` call in its own module (imported by lib/fit/index.ts).
 */
import type { Activation } from '../activations';
import type { Interval, Polynomial } from '../polynomial';

/** What every fit returns: the polynomial (which knows its interval), the method and the parameters actually used. */
export interface FitResult {
  readonly polynomial: Polynomial;
  readonly method: string;
  /** Every parameter that determined the result, defaults included (seed, nodes, m, z, scale, ...). */
  readonly params: Readonly<Record<string, unknown>>;
  /** Optional optimality certificate (minimax, rho-optimal). */
  readonly certificate?: Readonly<Record<string, unknown>>;
}

/** One CLI/notebook-visible option of a method. */
export interface MethodOption {
  readonly name: string;
  readonly type: 'number' | 'integer' | 'string';
  readonly description: string;
  readonly default?: string | number;
  readonly choices?: readonly string[];
}

export interface FitMethod {
  /** CLI name, e.g. `numerical`, `chebyshev`, `taylor`, `derivative`, `minimax`. */
  readonly name: string;
  readonly description: string;
  readonly options: readonly MethodOption[];
  /**
   * The options the method accepts given the options passed so far, when that depends on them
   * (the derivative method also takes its inner method's options); default: `options`.
   */
  optionsFor?(given: Readonly<Record<string, unknown>>): readonly MethodOption[];
  /** One line for help texts about options beyond `options` (e.g. the inner method's). */
  readonly optionsNote?: string;
  fit(f: Activation, degree: number, interval: Interval, options: Readonly<Record<string, unknown>>): FitResult;
}

const registry = new Map<string, FitMethod>();

export function registerMethod(method: FitMethod): void {
  registry.set(method.name, method);
}

export function methods(): FitMethod[] {
  return [...registry.values()];
}

export function getMethod(name: string): FitMethod | undefined {
  return registry.get(name);
}

/** The options `method` accepts given the options passed so far (see FitMethod.optionsFor). */
export function methodOptions(method: FitMethod, given: Readonly<Record<string, unknown>> = {}): readonly MethodOption[] {
  return method.optionsFor ? method.optionsFor(given) : method.options;
}
