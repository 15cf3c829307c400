/**
 * HE benchmarks (#7): SEAL CKKS times per ring dimension and depth - key generation, encode,
 * encrypt, evaluate (depth-optimal tree), decrypt - for a ReLU Chebyshev series of degree 2, 4, 8
 * and 16 on [-200, 200] at the smallest N that fits, and degree 8 forced to N = 32768; every slot
 * used. Median of 3 evaluations on one key set.
 */
import { activation } from '../../lib/activations';
import { chebyshevSeries } from '../../lib/fit/index';
import { encryptedEvaluate, type EncryptedEvaluation } from '../../lib/he/encrypted';
import { chooseParameters } from '../../lib/he/parameters';
import { planScheme } from '../../lib/he/schemes';
import { CkksSession } from '../../lib/he/seal';

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(): Promise<void> {
  const relu = activation('relu');
  console.log('degree scheme depth      N  slots  keygen_ms  encode_ms  encrypt_ms  evaluate_ms  us/activation  decrypt_ms  products  heMax');
  const cases: [number, 'tree' | 'bsgs', number | undefined][] = [[2, 'tree', undefined], [4, 'tree', undefined], [8, 'tree', undefined], [8, 'bsgs', undefined], [16, 'tree', undefined], [16, 'bsgs', undefined], [8, 'tree', 32768]];
  for (const [degree, scheme, polyModulusDegree] of cases) {
    {
      const p = chebyshevSeries(relu, degree, [-200, 200]).polynomial;
      const depth = planScheme(p, scheme, { negligible: 2 ** -40 }).depth;
      const magnitude = 2 * p.coefficients.reduce((s, c) => s + Math.abs(c), 0);
      const session = await CkksSession.create(chooseParameters(depth, { magnitude, polyModulusDegree }));
      const runs: EncryptedEvaluation[] = [];
      for (let i = 0; i < 3; i++) runs.push(await encryptedEvaluate(p, { session, scheme }));
      const r = runs[runs.length - 1];
      const m = (k: 'encode' | 'encrypt' | 'evaluate' | 'decrypt'): number => median(runs.map((x) => x.timings[k]));
      console.log([
        String(degree).padStart(6), scheme.padStart(6), String(r.levelsConsumed).padStart(5), String(session.parameters.polyModulusDegree).padStart(6),
        String(session.slots).padStart(6), session.keygenMs.toFixed(0).padStart(10), m('encode').toFixed(1).padStart(10), m('encrypt').toFixed(1).padStart(11),
        m('evaluate').toFixed(1).padStart(12), ((1000 * m('evaluate')) / session.slots).toFixed(2).padStart(14), m('decrypt').toFixed(1).padStart(11),
        String(r.counts.nonscalar).padStart(9), r.heError.max.toExponential(2).padStart(10),
      ].join(' '));
      session.delete();
    }
  }
}
