/**
 * Activation functions: value, derivative and a name. (Skeleton: the numerics issue #3 completes
 * the registry - gelu, silu, softplus, elu, leaky_relu - and formulas via mathjs.)
 */
import { InputError } from './errors';

export interface Activation {
  /** Registry name (`relu`) or the formula text for formula activations. */
  readonly name: string;
  /** The formula in x when the activation came from one (mathjs syntax). */
  readonly formula?: string;
  /** f(x). */
  value(x: number): number;
  /** f'(x). ReLU's is the Heaviside step with value 1 at 0, as the paper. */
  derivative(x: number): number;
}

const sigmoidValue = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

export const relu: Activation = { name: 'relu', value: (x) => (x > 0 ? x : 0), derivative: (x) => (x >= 0 ? 1 : 0) };
export const sigmoid: Activation = {
  name: 'sigmoid',
  value: sigmoidValue,
  derivative: (x) => { const s = sigmoidValue(x); return s * (1 - s); },
};
export const tanh: Activation = { name: 'tanh', value: Math.tanh, derivative: (x) => 1 - Math.tanh(x) ** 2 };

export const builtinActivations: Record<string, Activation> = { relu, sigmoid, tanh };

/** A built-in activation by name. */
export function activation(name: string): Activation {
  const a = builtinActivations[name];
  if (!a) throw new InputError('fn', `unknown activation '${name}'; expected one of ${Object.keys(builtinActivations).join(', ')}`);
  return a;
}
