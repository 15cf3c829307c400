/**
 * The HE table: each candidate polynomial evaluated under CKKS over every slot of one
 * ciphertext spanning its interval - depth, multiplications, HE error, error versus the true
 * activation, and times. Key sets are shared between candidates of the same depth.
 */
import { activation } from '../activations';
import { heCost } from './cost';
import type { HeCandidate } from './catalogue';
import { encryptedEvaluate, type EncryptedEvaluation } from './encrypted';
import { chooseParameters } from './parameters';
import { planScheme } from './schemes';
import { CkksSession } from './seal';
import { quantile } from '../statistics';

export interface HeTableRow {
  readonly label: string;
  readonly source: string;
  readonly fn: string;
  readonly degree: number;
  /** Levels SEAL consumed. */
  readonly depth: number;
  /** Levels the scheme planned (equal to depth in every correct run). */
  readonly plannedDepth: number;
  /** Levels the paper's monomial form would need with Horner. */
  readonly hornerDepth: number;
  readonly nonscalar: number;
  readonly scalar: number;
  readonly N: number;
  readonly logQ: number;
  /** max |decrypted - plaintext| and its a priori bound. */
  readonly heMax: number;
  readonly heMean: number;
  readonly tolerance: number;
  /** max |decrypted - f| / (max f - min f) over the slots (the paper's normalised max_loss), encrypted and plaintext. */
  readonly maxLossEncrypted: number;
  readonly maxLossPlaintext: number;
  /** Evaluation time of one ciphertext (ms) and per activation (microseconds). */
  readonly msPerCiphertext: number;
  readonly usPerActivation: number;
}

export interface HeTableOptions {
  scaleBits?: number;
  scheme?: 'tree' | 'bsgs';
}

/** Evaluate every candidate encrypted; returns the rows and the full results (for plots). */
export async function heTable(candidates: readonly HeCandidate[], options: HeTableOptions = {}): Promise<{ rows: HeTableRow[]; results: EncryptedEvaluation[] }> {
  const scheme = options.scheme ?? 'tree';
  const sum = (c: HeCandidate): number => c.polynomial.coefficients.reduce((s, v) => s + Math.abs(v), 0);
  const magnitude = Math.max(1, 2 * Math.max(...candidates.map(sum)));
  const sessions = new Map<number, CkksSession>();
  const rows: HeTableRow[] = [], results: EncryptedEvaluation[] = [];
  try {
    for (const c of candidates) {
      const negligible = 2 ** -(options.scaleBits ?? 40);
      const depth = planScheme(c.polynomial, scheme, { negligible }).depth;
      let session = sessions.get(depth);
      if (!session) {
        session = await CkksSession.create(chooseParameters(depth, { scaleBits: options.scaleBits, magnitude }));
        sessions.set(depth, session);
      }
      const f = activation(c.fn);
      const r = await encryptedEvaluate(c.polynomial, { session, scheme, activation: f });
      let lo = Infinity, hi = -Infinity;
      for (const x of r.inputs) { const v = f.value(x); if (v < lo) lo = v; if (v > hi) hi = v; }
      const width = hi - lo;
      rows.push({
        label: c.label, source: c.source, fn: c.fn, degree: c.degree, depth: r.levelsConsumed, plannedDepth: r.depth,
        hornerDepth: heCost(c.polynomial, 'horner').depth,
        nonscalar: r.counts.nonscalar, scalar: r.counts.scalar,
        N: r.parameters.polyModulusDegree, logQ: r.parameters.totalBits,
        heMax: r.heError.max, heMean: r.heError.mean, tolerance: r.tolerance,
        maxLossEncrypted: r.trueError!.encrypted.max / width, maxLossPlaintext: r.trueError!.plaintext.max / width,
        msPerCiphertext: r.evaluateMsPerCiphertext, usPerActivation: r.evaluateUsPerActivation,
      });
      results.push(r);
    }
  } finally {
    for (const s of sessions.values()) s.delete();
  }
  return { rows, results };
}

/** What the HE table says in one line: the worst HE error against its a priori bound, and the largest change of max_loss by encryption. */
export function heTableSummary(rows: readonly HeTableRow[]): { worstErrorToBound: number; largestMaxLossShift: number } {
  return {
    worstErrorToBound: Math.max(0, ...rows.map((r) => r.heMax / r.tolerance)),
    largestMaxLossShift: Math.max(0, ...rows.map((r) => Math.abs(r.maxLossEncrypted - r.maxLossPlaintext))),
  };
}

/** Median evaluation times per depth (the ring dimension grows with the depth). */
export function heTimesByDepth(rows: readonly HeTableRow[], depths: readonly number[] = [2, 3, 4]): Record<string, string | number>[] {
  const median = (v: number[]): number => (v.length ? quantile(Float64Array.from(v).sort(), 0.5) : NaN);
  return depths.map((d) => {
    const rs = rows.filter((r) => r.depth === d);
    return {
      depth: d, polynomials: rs.length, 'ring N': String(rs[0]?.N),
      'median ms / ciphertext': median(rs.map((r) => r.msPerCiphertext)),
      'median us / activation': median(rs.map((r) => r.usPerActivation)),
    };
  });
}
