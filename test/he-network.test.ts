/**
 * Encrypted activation layers of the Section 5 network: the staged forward pass reproduces the
 * fused one of lib/network bit for bit, and with both activation layers under CKKS the output
 * moves by no more than the HE error allows. One N = 16384 key set (~3 s in all).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Polynomial } from '../lib/polynomial';
import { networkModel } from '../lib/network/model';
import { forwardBatch, Workspace } from '../lib/network/forward';
import { experimentInput } from '../lib/network/inputs';
import { INPUT_SIZE } from '../lib/network/architecture';
import { encryptedNetwork, stagedForward } from '../lib/he/network';
import { keySwitchingKeyBytes } from '../lib/he/inference/keys';
import { CkksSession } from '../lib/he/seal';
import { chooseParameters } from '../lib/he/parameters';

const best4 = Polynomial.fromMonomial([11.49, 0.5021, 0.004124, -2.154e-8, -5.178e-8], [-200, 200]);
const model = networkModel({ poly: best4 });
const inputs = Array.from({ length: 6 }, (_, i) => experimentInput(1, i));

test('staged forward = fused forwardBatch (exact ReLU and plaintext polynomial), bit for bit', async () => {
  const flat = new Float64Array(inputs.length * INPUT_SIZE);
  inputs.forEach((x, i) => flat.set(x, i * INPUT_SIZE));
  const ref = forwardBatch(model, flat, inputs.length, new Workspace(inputs.length));
  const exact = await stagedForward(model, inputs, (pre) => pre.map((x) => (x > 0 ? x : 0)));
  const poly = await stagedForward(model, inputs, (pre) => best4.evaluateMany(pre));
  assert.deepEqual(Array.from(exact.f1), Array.from(ref.f1));
  assert.deepEqual(Array.from(poly.f1), Array.from(ref.f1Star));
  assert.equal(exact.pre1.length, inputs.length * 4 * 116);
  assert.equal(exact.pre2.length, inputs.length * 116);
});

test('both activation layers encrypted: f1 within 1e-8 of the plaintext polynomial network', async () => {
  // One key set for both layers (keygen dominates the time).
  const session = await CkksSession.create(chooseParameters(3, { magnitude: 2 * best4.coefficients.reduce((s, c) => s + Math.abs(c), 0) }));
  let r;
  try {
    r = await encryptedNetwork(model, best4, inputs, { session });
  } finally {
    session.delete();
  }
  assert.equal(r.layers.length, 2);
  for (const layer of r.layers) {
    assert.equal(layer.levelsConsumed, 3);
    assert.ok(layer.heError.max <= layer.tolerance);
  }
  // Activations move by <= ~1e-5 (tolerance); through averaging, weights ~1 and the scalings the logits move ~1e-9.
  assert.ok(r.maxEncryptionDeviation > 0 && r.maxEncryptionDeviation < 1e-8, String(r.maxEncryptionDeviation));
  assert.ok(Math.abs(r.maxDeviationEncrypted - r.maxDeviationPlaintext) <= r.maxEncryptionDeviation);
});

test('key size formula 2 L (L + 1) N x 8 equals SEAL\'s serialised relinearisation key', async () => {
  const s = await CkksSession.create(chooseParameters(2)); // N = 8192, 3 data primes
  try {
    const bytes = s.relinKeys.saveArray(s.seal.ComprModeType.none).length;
    const formula = keySwitchingKeyBytes(8192, 3);
    assert.equal(formula, 2 * 3 * 4 * 8192 * 8);
    assert.ok(bytes >= formula && bytes < formula + 4096, `${bytes} vs ${formula}`); // + a header
  } finally {
    s.delete();
  }
});
