/**
 * Why the whole Section 5 network is not run encrypted here: its budget under CKKS with SEAL.
 *
 * With plaintext weights, a dense layer W (m x n) on a packed ciphertext is the diagonal method
 * with baby-step giant-step: n1 + n2 rotations (n1 n2 >= n, n1 ~ sqrt n), each a key switch
 * with its own Galois key. A SEAL key-switching key (Galois or relinearisation) holds, for each
 * of the L data primes, one 2-polynomial ciphertext over all L + 1 primes: 2 L (L + 1) N words of
 * 8 bytes. The depth: conv (1 constant product) + activation + dense1 (1) + activation + dense2
 * (1); the conv scaling and the pooling's 1/4 fold into the next weights, the softmax runs on the
 * client after decryption.
 */
import { requireInteger } from '../errors';
import { CONV_SIZE, INPUT_SIZE, KEPT, HIDDEN, OUTPUTS } from '../network/architecture';
import { chooseParameters, type CkksParameters } from './parameters';

export interface WholeNetworkBudget {
  readonly depth: number;
  readonly parameters: CkksParameters;
  /** Bytes of one key-switching key (Galois or relinearisation) for these parameters. */
  readonly keyBytes: number;
  /** Distinct rotation steps (= Galois keys) per linear layer with BSGS diagonals. */
  readonly rotationKeys: { readonly conv: number; readonly dense1: number; readonly dense2: number; readonly pooling: number };
  readonly totalKeys: number;
  readonly totalKeyBytes: number;
  /** Power-of-two rotation keys only (log2(slots) of them, each rotation then costs up to that many key switches). */
  readonly powerOfTwoKeys: number;
  readonly powerOfTwoKeyBytes: number;
  /** WebAssembly (32-bit) memory limit: 4 GiB. */
  readonly wasmLimitBytes: number;
}

/** BSGS rotations for an n-column matrix: n1 + n2 with n1 = ceil(sqrt n), n2 = ceil(n / n1) (minus the zero step of each). */
export function bsgsRotations(n: number): number {
  requireInteger('n', n, 1);
  const n1 = Math.ceil(Math.sqrt(n)), n2 = Math.ceil(n / n1);
  return n1 - 1 + n2 - 1;
}

/** The key-switching key size in bytes for N and L data primes: 2 L (L + 1) N * 8. */
export function keySwitchingKeyBytes(polyModulusDegree: number, dataPrimes: number): number {
  return 2 * dataPrimes * (dataPrimes + 1) * polyModulusDegree * 8;
}

/** The budget of the whole network under CKKS with an activation polynomial of depth `activationDepth`. */
export function wholeNetworkBudget(activationDepth: number, options: { scaleBits?: number; magnitude?: number } = {}): WholeNetworkBudget {
  requireInteger('activationDepth', activationDepth, 1, 20);
  const depth = 1 + activationDepth + 1 + activationDepth + 1;
  const parameters = chooseParameters(depth, { scaleBits: options.scaleBits, magnitude: options.magnitude ?? 400 });
  const L = parameters.coeffModulusBits.length - 1;
  const keyBytes = keySwitchingKeyBytes(parameters.polyModulusDegree, L);
  // conv as a CONV_SIZE x INPUT_SIZE matrix; the kept pooled cells are strided in the conv layout,
  // so dense1 acts on the whole conv vector (HIDDEN x CONV_SIZE with zero columns); dense2 is OUTPUTS x HIDDEN.
  void KEPT; void OUTPUTS;
  const rotationKeys = { conv: bsgsRotations(INPUT_SIZE), dense1: bsgsRotations(CONV_SIZE), dense2: bsgsRotations(HIDDEN), pooling: 2 };
  const totalKeys = rotationKeys.conv + rotationKeys.dense1 + rotationKeys.dense2 + rotationKeys.pooling + 1; // + relinearisation
  const powerOfTwoKeys = Math.log2(parameters.slots) + 1;
  return {
    depth, parameters, keyBytes, rotationKeys, totalKeys, totalKeyBytes: totalKeys * keyBytes,
    powerOfTwoKeys, powerOfTwoKeyBytes: powerOfTwoKeys * keyBytes, wasmLimitBytes: 4 * 2 ** 30,
  };
}
