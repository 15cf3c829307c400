/**
 * Real CKKS evaluation with SEAL (node-seal 6.0.3). Kept to a few seconds for the default suite:
 * two key sets (N = 8192 for depth 2, N = 16384 for depth 4) shared by the tests.
 * POLYACT_HE_FULL=1 adds a degree-40, depth-6 run at N = 32768 (tree and bsgs; ~30 s more).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Polynomial } from '../lib/polynomial';
import { InputError } from '../lib/errors';
import { activation } from '../lib/activations';
import { chebyshevSeries } from '../lib/fit/index';
import { chooseParameters, maxCoeffModulusBits128 } from '../lib/he/parameters';
import { CkksSession, loadSeal } from '../lib/he/seal';
import { encryptedEvaluate, heTolerance } from '../lib/he/encrypted';

const relu = activation('relu');
// Table 1 (paper): Chebyshev N = 2 (closed form 800/(3 pi) / 200^2 x^2 + x/2 + 200/(3 pi)), numerical N = 3 and N = 4.
const relu2 = Polynomial.fromMonomial([200 / (3 * Math.PI), 0.5, 800 / (3 * Math.PI) / 200 ** 2], [-200, 200]);
const relu3 = Polynomial.fromMonomial([11.49, 0.5021, 0.004124, -2.154e-8], [-200, 200]);
const relu4 = Polynomial.fromMonomial([11.49, 0.5021, 0.004124, -2.154e-8, -5.178e-8], [-200, 200]);
// ReLU's Chebyshev series of degree 8: c8 != 0 (|x| is even), c3 = c5 = c7 = 0 up to rounding (~1e-15, dropped as below 1/scale).
const relu8 = chebyshevSeries(relu, 8, [-200, 200]).polynomial;

const magnitude = 2 * Math.max(...[relu2, relu3, relu4, relu8].map((p) => p.coefficients.reduce((s, c) => s + Math.abs(c), 0)));
let deep: CkksSession | undefined;
async function deepSession(): Promise<CkksSession> {
  deep ??= await CkksSession.create(chooseParameters(4, { magnitude }));
  return deep;
}
after(() => deep?.delete());

test('SEAL 128-bit budgets equal our table', async () => {
  const seal = await loadSeal();
  for (const [n, bits] of Object.entries(maxCoeffModulusBits128)) assert.equal(seal.CoeffModulus.MaxBitCount(Number(n), seal.SecurityLevel.tc128), bits, `N=${n}`);
});

test('degree 2 with its own parameters: agrees with plaintext within the scale tolerance, uses the whole chain', async () => {
  const r = await encryptedEvaluate(relu2, { activation: relu });
  assert.equal(r.parameters.polyModulusDegree, 8192);
  assert.equal(r.depth, 2);
  assert.equal(r.levelsConsumed, 2);
  assert.equal(r.levelsConsumed, r.parameters.depth); // the last ciphertext sits on q0 alone
  assert.equal(r.inputs.length, 4096); // every slot used
  assert.ok(r.heError.max <= r.tolerance, `${r.heError.max} > ${r.tolerance}`);
  assert.ok(r.heError.max > 0); // it really went through CKKS
  assert.ok(r.tolerance < 1e-4, 'the tolerance must be meaningful: ~1e-6 of the output range [0, 200]');
  // Error versus ReLU: the Chebyshev N = 2 row's max_loss 0.1061 * 200 = 200/(3 pi) = 21.22 at x = 0; the 4096 even
  // slots miss 0 by 200/4095, where the error is 21.22 - 100/4095; encryption changes it by at most the tolerance.
  const atNearest = 200 / (3 * Math.PI) + (800 / (3 * Math.PI)) * (1 / 4095) ** 2 - 100 / 4095;
  assert.ok(Math.abs(r.trueError!.plaintext.max - atNearest) < 1e-9, `${r.trueError!.plaintext.max} vs ${atNearest}`);
  assert.ok(Math.abs(r.trueError!.encrypted.max - r.trueError!.plaintext.max) <= r.tolerance);
});

for (const [name, p, degree, depth] of [['ReLU numerical N = 3', relu3, 3, 2], ['ReLU numerical N = 4', relu4, 4, 3], ['ReLU Chebyshev N = 8', relu8, 8, 4]] as const) {
  test(`${name}: depth ${depth}, encrypted = plaintext within the scale tolerance (tree and bsgs)`, async () => {
    const session = await deepSession();
    for (const scheme of ['tree', 'bsgs'] as const) {
      const r = await encryptedEvaluate(p, { session, scheme });
      assert.equal(r.degree, degree);
      assert.equal(r.depth, depth, scheme);
      assert.equal(r.levelsConsumed, depth, `${scheme}: levels consumed`);
      assert.ok(r.heError.max <= heTolerance(p, depth, session.parameters), `${scheme}: ${r.heError.max} > ${r.tolerance}`);
      assert.ok(r.heError.max > 0);
    }
  });
}

test('inputs beyond one ciphertext are split; the results are per input', async () => {
  const session = await deepSession();
  const xs = Float64Array.from({ length: session.slots + 5 }, (_, i) => -200 + (400 * i) / (session.slots + 4));
  const r = await encryptedEvaluate(relu4, { session, inputs: xs });
  assert.equal(r.ciphertexts, 2);
  assert.equal(r.decrypted.length, xs.length);
  assert.ok(r.heError.max <= r.tolerance);
});

test('parameters that cannot fit the depth give a clear error', async () => {
  await assert.rejects(encryptedEvaluate(relu8, { polyModulusDegree: 8192 }), (e: unknown) => e instanceof InputError && e.argument === 'polyModulusDegree' && /at most 218/.test(e.message));
  const shallow = { parameters: chooseParameters(2) } as unknown as CkksSession;
  await assert.rejects(encryptedEvaluate(relu4, { session: shallow }), (e: unknown) => e instanceof InputError && e.argument === 'session');
  await assert.rejects(encryptedEvaluate(relu4, { inputs: [1, NaN] }), (e: unknown) => e instanceof InputError && e.argument === 'inputs[1]');
});

test('degree 40, depth 6, forced to N = 32768 (POLYACT_HE_FULL=1)', { skip: process.env.POLYACT_HE_FULL !== '1' }, async () => {
  const p = new Polynomial(Array.from({ length: 41 }, (_, k) => (k % 2 ? -1 : 1) / (k + 1) ** 2), [-8, 8]);
  for (const scheme of ['tree', 'bsgs'] as const) {
    const r = await encryptedEvaluate(p, { scheme, polyModulusDegree: 32768 });
    assert.equal(r.inputs.length, 16384);
    assert.equal(r.depth, scheme === 'tree' ? 6 : r.depth);
    assert.equal(r.levelsConsumed, r.depth);
    assert.ok(r.heError.max <= r.tolerance, `${scheme}: ${r.heError.max} > ${r.tolerance}`);
  }
});
