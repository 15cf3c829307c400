/**
 * Key sizes. A SEAL key-switching key (a Galois key or the relinearisation key) holds, for each
 * of the L data primes, one 2-polynomial ciphertext over the L data primes and the special prime:
 * 2 L (L + 1) N words of 8 bytes (the tests compare with SEAL's serialised key).
 */
import { requireInteger } from '../../errors';
import type { CkksParameters } from '../parameters';

/** Bytes of one key-switching key for ring dimension N and L data primes. */
export function keySwitchingKeyBytes(polyModulusDegree: number, dataPrimes: number): number {
  requireInteger('polyModulusDegree', polyModulusDegree, 1);
  requireInteger('dataPrimes', dataPrimes, 1);
  return 2 * dataPrimes * (dataPrimes + 1) * polyModulusDegree * 8;
}

/** Bytes of the evaluation keys: the relinearisation key and `galoisKeys` Galois keys. */
export function evaluationKeyBytes(parameters: Pick<CkksParameters, 'polyModulusDegree' | 'coeffModulusBits'>, galoisKeys: number): number {
  const L = parameters.coeffModulusBits.length - 1;
  return (1 + galoisKeys) * keySwitchingKeyBytes(parameters.polyModulusDegree, L);
}
