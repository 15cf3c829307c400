/**
 * Microsoft SEAL (CKKS) through node-seal 6.0.3, the WebAssembly build: a session holds the
 * context and keys for one parameter set; `SealBackend` implements the scheme arithmetic on
 * ciphertexts with SEAL's level and scale rules. node-seal is pinned at 6.0.3 because 7.x needs
 * WebAssembly GC, which Node 20 lacks ("invalid value type 'noexternref'" at load).
 */
import type { SEALLibrary } from 'node-seal/implementation/seal';
import type { CipherText } from 'node-seal/implementation/cipher-text';
import type { PlainText } from 'node-seal/implementation/plain-text';
import type { Context } from 'node-seal/implementation/context';
import type { Evaluator } from 'node-seal/implementation/evaluator';
import type { CKKSEncoder } from 'node-seal/implementation/ckks-encoder';
import type { Encryptor } from 'node-seal/implementation/encryptor';
import type { Decryptor } from 'node-seal/implementation/decryptor';
import type { RelinKeys } from 'node-seal/implementation/relin-keys';
import type { GaloisKeys } from 'node-seal/implementation/galois-keys';
import type { SecretKey } from 'node-seal/implementation/secret-key';
import type { KeyGenerator } from 'node-seal/implementation/key-generator';
import { InputError } from '../errors';
import type { Backend } from './backend';
import { assertDeeper, assertSameScale } from './backend';
import type { CkksParameters } from './parameters';

let library: Promise<SEALLibrary> | undefined;

/** The SEAL WebAssembly module (loaded once per process). */
export function loadSeal(): Promise<SEALLibrary> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  if (!library) library = (require('node-seal') as () => Promise<SEALLibrary>)();
  return library;
}

/** Wall-clock milliseconds of f (performance.now). */
export function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

export interface SessionOptions {
  /** Rotation steps to create Galois keys for (one key each; default none). */
  readonly galoisSteps?: readonly number[];
  /** Keys of another session with the same parameters (`exportKeys`), e.g. in a worker thread, instead of new ones. */
  readonly keys?: SessionKeys;
}

/** A session's secret and relinearisation keys, serialised (SEAL's format, no compression). */
export interface SessionKeys {
  readonly secretKey: Uint8Array;
  readonly relinKeys: Uint8Array;
}

/** Context and keys for one CKKS parameter set. Call `delete()` when done (WASM memory is not garbage collected). */
/** Primes of exactly `bits` bits that are 1 mod 2N, counted up to `enough` (SEAL's candidates for one chain size). */
export function chainPrimes(bits: number, N: number, enough: number): number {
  let found = 0;
  for (let p = 2 ** bits - 2 * N + 1; p > 2 ** (bits - 1) && found < enough; p -= 2 * N) {
    let prime = p > 1;
    for (let d = 3; prime && d * d <= p; d += 2) if (p % d === 0) prime = false;
    if (prime) found++;
  }
  return found;
}

/**
 * SEAL's primes of the given sizes, each 1 mod 2N. Small sizes have few such primes (20 bits at
 * N = 16384: 3), so a chain of many small primes cannot exist: bad input naming the scale.
 */
function primeChain(seal: SEALLibrary, N: number, bits: readonly number[]): ReturnType<SEALLibrary['CoeffModulus']['Create']> {
  try {
    return seal.CoeffModulus.Create(N, Int32Array.from(bits));
  } catch (e) {
    if (!/qualifying primes/.test(e instanceof Error ? e.message : String(e))) throw e;
    const smallest = Math.min(...bits), needed = bits.filter((b) => b === smallest).length;
    const found = smallest <= 31 ? chainPrimes(smallest, N, needed) : needed;
    if (found >= needed) throw new InputError('scaleBits', `SEAL finds no primes 1 mod 2N = ${2 * N} for the chain [${bits.join(', ')}] bits; use a larger scale`);
    throw new InputError('scaleBits', `only ${found} primes of ${smallest} bits are 1 mod 2N = ${2 * N}, the chain [${bits.join(', ')}] needs ${needed}; use a larger scale`);
  }
}

export class CkksSession {
  readonly context: Context;
  readonly encoder: CKKSEncoder;
  readonly encryptor: Encryptor;
  readonly decryptor: Decryptor;
  readonly evaluator: Evaluator;
  readonly relinKeys: RelinKeys;
  /** Galois keys for `galoisSteps` (undefined when none were asked for). */
  readonly galoisKeys: GaloisKeys | undefined;
  readonly galoisSteps: readonly number[];
  /** Primes of the data chain, q0 first (the special prime excluded), as doubles (SEAL's scale arithmetic; a prime above 2^53 is rounded). */
  readonly primes: readonly number[];
  /** The same primes exactly (residues need them: q0 has up to 60 bits). */
  readonly exactPrimes: readonly bigint[];
  /** Key generation time (ms), and of the Galois keys alone. */
  readonly keygenMs: number;
  readonly galoisKeygenMs: number;
  private readonly owned: { delete(): void }[] = [];
  private readonly secretKey: SecretKey;
  /** The zero plaintext encryptZeroSymmetric encrypts (made once). */
  private zeroPlain: PlainText | undefined;

  constructor(readonly seal: SEALLibrary, readonly parameters: CkksParameters, options: SessionOptions = {}) {
    const t0 = performance.now();
    const N = parameters.polyModulusDegree;
    const parms = seal.EncryptionParameters(seal.SchemeType.ckks);
    parms.setPolyModulusDegree(N);
    const chain = primeChain(seal, N, parameters.coeffModulusBits);
    parms.setCoeffModulus(chain);
    this.context = seal.Context(parms, true, seal.SecurityLevel.tc128);
    if (!this.context.parametersSet()) throw new Error(`SEAL rejected the parameters N = ${N}, bits [${parameters.coeffModulusBits}]`);
    const first = this.context.firstContextData;
    this.exactPrimes = Array.from(first.parms.coeffModulus);
    this.primes = this.exactPrimes.map(Number);
    let keygen: KeyGenerator, secretKey: SecretKey;
    if (options.keys) {
      secretKey = seal.SecretKey();
      secretKey.loadArray(this.context, options.keys.secretKey);
      keygen = seal.KeyGenerator(this.context, secretKey);
      this.relinKeys = seal.RelinKeys();
      this.relinKeys.loadArray(this.context, options.keys.relinKeys);
    } else {
      keygen = seal.KeyGenerator(this.context);
      secretKey = keygen.secretKey();
      this.relinKeys = keygen.createRelinKeys();
    }
    const publicKey = keygen.createPublicKey();
    this.secretKey = secretKey;
    this.encoder = seal.CKKSEncoder(this.context);
    this.galoisSteps = [...new Set(options.galoisSteps ?? [])].sort((a, b) => a - b);
    const tg = performance.now();
    this.galoisKeys = this.galoisSteps.length > 0 ? keygen.createGaloisKeys(Int32Array.from(this.galoisSteps)) : undefined;
    this.galoisKeygenMs = performance.now() - tg;
    // With the secret key too: the client, who holds it, may encrypt symmetrically (half the work of public-key encryption).
    this.encryptor = seal.Encryptor(this.context, publicKey, secretKey);
    this.decryptor = seal.Decryptor(this.context, secretKey);
    this.evaluator = seal.Evaluator(this.context);
    this.keygenMs = performance.now() - t0;
    this.owned.push(parms, chain, keygen, publicKey, secretKey, this.relinKeys, this.encoder, this.encryptor, this.decryptor, this.evaluator, this.context);
    if (this.galoisKeys) this.owned.push(this.galoisKeys);
  }

  /** `keys`: reuse another session's keys (see exportKeys). */
  static async create(parameters: CkksParameters, options: SessionOptions = {}): Promise<CkksSession> {
    return new CkksSession(await loadSeal(), parameters, options);
  }

  get slots(): number {
    return this.encoder.slotCount;
  }

  /** The secret and relinearisation keys, serialised for another session (`SessionOptions.keys`). */
  exportKeys(): SessionKeys {
    const none = this.seal.ComprModeType.none;
    return { secretKey: this.secretKey.saveArray(none), relinKeys: this.relinKeys.saveArray(none) };
  }

  /** Serialise a ciphertext (no compression), e.g. to post it to a worker. */
  saveCiphertext(ct: CipherText): Uint8Array {
    return ct.saveArray(this.seal.ComprModeType.none);
  }

  /** A ciphertext from `saveCiphertext` bytes. */
  loadCiphertext(bytes: Uint8Array): CipherText {
    const ct = this.seal.CipherText();
    ct.loadArray(this.context, bytes);
    return ct;
  }

  /** Encode (at `scale`) and encrypt one vector of at most `slots` values (the rest of the slots are 0). */
  encrypt(values: ArrayLike<number>, scale: number): { ciphertext: CipherText; encodeMs: number; encryptMs: number } {
    const v = new Float64Array(this.slots);
    v.set(Array.from(values));
    const pt = timed(() => this.encoder.encode(v, scale) as PlainText);
    const ct = timed(() => this.encryptor.encrypt(pt.value) as CipherText);
    pt.value.delete();
    return { ciphertext: ct.value, encodeMs: pt.ms, encryptMs: ct.ms };
  }

  /** Encode (at `scale`) and encrypt with the secret key (the client's side); otherwise as `encrypt`. */
  encryptSymmetric(values: ArrayLike<number>, scale: number): { ciphertext: CipherText; encodeMs: number; encryptMs: number } {
    const v = new Float64Array(this.slots);
    v.set(values);
    const pt = timed(() => this.encoder.encode(v, scale) as PlainText);
    const ct = timed(() => this.encryptor.encryptSymmetric(pt.value) as CipherText);
    pt.value.delete();
    return { ciphertext: ct.value, encodeMs: pt.ms, encryptMs: ct.ms };
  }

  /**
   * A symmetric encryption of zero at the top level: -(a s + e) with a fresh uniform a and error
   * e, the part of `encryptSymmetric` that does not depend on the message (SEAL encrypts a
   * plaintext as an encryption of zero plus the plaintext). A client can make these ahead of its
   * messages; `encryptOnto` then adds one message to one of them, once.
   */
  encryptZeroSymmetric(): CipherText {
    if (!this.zeroPlain) {
      this.zeroPlain = this.encoder.encode(new Float64Array(this.slots), 1) as PlainText;
      this.owned.push(this.zeroPlain);
    }
    return this.encryptor.encryptSymmetric(this.zeroPlain) as CipherText;
  }

  /** Encode `values` at `scale` onto `zero` (an unused `encryptZeroSymmetric` ciphertext, consumed and returned): the ciphertext encryptSymmetric would make. */
  encryptOnto(values: ArrayLike<number>, scale: number, zero: CipherText): CipherText {
    const v = new Float64Array(this.slots);
    v.set(values);
    const pt = this.encoder.encode(v, scale) as PlainText;
    zero.setScale(scale);
    this.evaluator.addPlain(zero, pt, zero);
    pt.delete();
    return zero;
  }

  /** Decrypt and decode. */
  decrypt(ct: CipherText): { values: Float64Array; decryptMs: number; decodeMs: number } {
    const pt = timed(() => this.decryptor.decrypt(ct) as PlainText);
    const dec = timed(() => this.encoder.decode(pt.value));
    pt.value.delete();
    return { values: Float64Array.from(dec.value), decryptMs: pt.ms, decodeMs: dec.ms };
  }

  /** Free the WASM objects of the session. */
  delete(): void {
    for (const o of this.owned.splice(0)) o.delete();
  }
}

/**
 * Scheme arithmetic on SEAL ciphertexts. Level = number of primes dropped, read from the
 * ciphertext itself (coeffModulusSize), so a reported depth is what SEAL actually consumed.
 * Every ciphertext it creates is tracked and freed by `release`.
 */
export class SealBackend implements Backend<CipherText> {
  private readonly created: CipherText[] = [];
  constructor(protected readonly session: CkksSession) {}

  level(v: CipherText): number {
    return this.session.primes.length - v.coeffModulusSize;
  }
  scale(v: CipherText): number {
    return v.scale;
  }
  rescaleFactor(level: number): number {
    // At `level` the ciphertext has primes q0..q_{top - level}; a rescale drops the last one.
    return this.session.primes[this.session.primes.length - 1 - level];
  }

  multiply(a: CipherText, b: CipherText): CipherText {
    const ev = this.session.evaluator;
    const L = Math.max(this.level(a), this.level(b));
    const x = this.at(a, L), y = a === b ? x : this.at(b, L);
    const out = this.track(x === y ? (ev.square(x) as CipherText) : (ev.multiply(x, y) as CipherText));
    ev.relinearize(out, this.session.relinKeys, out);
    ev.rescaleToNext(out, out);
    return out;
  }

  add(a: CipherText, b: CipherText): CipherText {
    return this.combine(a, b, false);
  }
  sub(a: CipherText, b: CipherText): CipherText {
    return this.combine(a, b, true);
  }
  negate(a: CipherText): CipherText {
    return this.track(this.session.evaluator.negate(a) as CipherText);
  }

  addConstant(a: CipherText, c: number): CipherText {
    const pt = this.constant(c, a.scale, a);
    const out = this.track(this.session.evaluator.addPlain(a, pt) as CipherText);
    pt.delete();
    return out;
  }

  multiplyConstant(a: CipherText, c: number, level: number, scale: number): CipherText {
    assertDeeper(this.level(a), level);
    const x = this.at(a, level - 1);
    // Encode c at the scale that makes (scale(x) * ptScale) / q exactly the target after the rescale.
    const ptScale = (scale * this.rescaleFactor(level - 1)) / x.scale;
    const pt = this.constant(c, ptScale, x);
    const ev = this.session.evaluator;
    const out = this.track(ev.multiplyPlain(x, pt) as CipherText);
    pt.delete();
    ev.rescaleToNext(out, out);
    // SEAL computes the new scale in floating point; it agrees with the target to a few ulps. Pin it.
    assertSameScale(out.scale, scale);
    out.setScale(scale);
    return out;
  }

  /** Free every ciphertext this backend created except `keep`. */
  release(keep: readonly CipherText[] = []): void {
    for (const ct of this.created.splice(0)) if (!keep.includes(ct)) ct.delete();
  }

  private combine(a: CipherText, b: CipherText, subtract: boolean): CipherText {
    assertSameScale(a.scale, b.scale);
    const L = Math.max(this.level(a), this.level(b));
    const x = this.at(a, L), y = this.at(b, L);
    // Equal to a few ulps (asserted above); SEAL wants them bit-equal.
    if (y.scale !== x.scale) {
      const z = this.track(y.clone());
      z.setScale(x.scale);
      return this.track((subtract ? this.session.evaluator.sub(x, z) : this.session.evaluator.add(x, z)) as CipherText);
    }
    return this.track((subtract ? this.session.evaluator.sub(x, y) : this.session.evaluator.add(x, y)) as CipherText);
  }

  /** v modulus-switched down to `level` (v itself when already there). */
  protected at(v: CipherText, level: number): CipherText {
    let x = v;
    while (this.level(x) < level) x = this.track(this.session.evaluator.cipherModSwitchToNext(x) as CipherText);
    if (this.level(x) > level) throw new Error(`internal: ciphertext at level ${this.level(x)} is deeper than ${level}`);
    return x;
  }

  /** A plaintext holding c in every slot at `scale`, at the level of `like` (the caller deletes it). */
  protected constant(c: number, scale: number, like: CipherText): PlainText {
    const pt = this.session.encoder.encode(new Float64Array(this.session.slots).fill(c), scale) as PlainText;
    const id = like.parmsId;
    this.session.evaluator.plainModSwitchTo(pt, id, pt);
    id.delete();
    return pt;
  }

  protected track(ct: CipherText): CipherText {
    this.created.push(ct);
    return ct;
  }
}
