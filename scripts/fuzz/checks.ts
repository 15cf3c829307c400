/**
 * Consistency checks of successful outputs. Each returns a one-line defect description or
 * undefined. JSON cannot hold NaN or Infinity (JSON.stringify writes null), so a null is a
 * defect unless its object says why: a string `note`, `skipped` or `...Note` beside it.
 */

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first null (or non-finite number) without a note, as a path; undefined when there is none. */
export function checkFinite(v: unknown, path = '$', holder?: Obj, key?: string): string | undefined {
  if (v === null) {
    const explained = holder && Object.keys(holder).some((k) => (k === 'note' || k === 'skipped' || k.endsWith('Note')) && typeof holder[k] === 'string' && (holder[k] as string).length > 0);
    return explained ? undefined : `null without a note at ${path}`;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : `non-finite ${v} at ${path}`;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      // An array element inherits the note of the object holding the array.
      const bad = checkFinite(v[i], `${path}[${i}]`, holder, key);
      if (bad) return bad;
    }
    return undefined;
  }
  if (isObj(v)) {
    for (const [k, x] of Object.entries(v)) {
      const bad = checkFinite(x, `${path}.${k}`, v, k);
      if (bad) return bad;
    }
  }
  return undefined;
}

/** Relative slack for comparisons that hold exactly in real arithmetic. */
const SLACK = 1e-9;
const le = (a: number, b: number): boolean => a <= b + SLACK * Math.abs(b) + 1e-300;

/** 0 <= mae <= max_loss, mse <= max_loss^2, mae^2 <= mse, max_loss <= rho, mse <= rho. */
export function checkMetrics(m: Obj, where: string): string | undefined {
  const { mse, mae, maxLoss, rho } = m as { mse: number; mae: number; maxLoss: number; rho: number };
  if ([mse, mae, maxLoss, rho].some((v) => typeof v !== 'number')) return undefined; // skipped rows are checked by checkFinite
  if (!(mae >= 0)) return `${where}: mae ${mae} < 0`;
  if (!le(mae, maxLoss)) return `${where}: mae ${mae} > maxLoss ${maxLoss}`;
  if (!le(mse, maxLoss * maxLoss)) return `${where}: mse ${mse} > maxLoss^2 ${maxLoss * maxLoss}`;
  if (!le(mae * mae, mse)) return `${where}: mae^2 ${mae * mae} > mse ${mse}`;
  if (!le(maxLoss, rho)) return `${where}: rho ${rho} < maxLoss ${maxLoss}`;
  if (!le(mse, rho)) return `${where}: rho ${rho} < mse ${mse}`;
  return undefined;
}

/** `fit --json`: finite, the agreed fields, consistent metrics, certificates that agree with the metrics. */
export function checkFitJson(argv: readonly string[], json: unknown): string | undefined {
  const bad = checkFinite(json);
  if (bad) return bad;
  if (!isObj(json)) return 'not a JSON object';
  const j = json as Obj & { degree: number; coefficients: unknown; chebyshev: unknown; metrics: Obj; certificate?: Obj; range: number[] };
  for (const k of ['function', 'method', 'degree', 'interval', 'coefficients', 'chebyshev', 'range', 'metrics', 'params']) {
    if (!(k in j)) return `missing field ${k}`;
  }
  if (!Array.isArray(j.chebyshev) || j.chebyshev.length !== j.degree + 1) return `chebyshev has ${Array.isArray(j.chebyshev) ? j.chebyshev.length : 'no'} coefficients for degree ${j.degree}`;
  if (j.coefficients !== null && (!Array.isArray(j.coefficients) || j.coefficients.length !== j.degree + 1)) return 'coefficients: expected degree + 1 numbers or null with a monomialNote';
  if (!(j.range[0] <= j.range[1])) return `range [${j.range}] not ordered`;
  const m = checkMetrics(j.metrics, 'metrics');
  if (m) return m;
  const c = j.certificate;
  if (c && j.method === 'rho-optimal') {
    if (c.rho !== j.metrics.rho && Number(c.grid) === Number(j.metrics.grid)) return `rho-optimal: certificate rho ${c.rho} != metrics.rho ${j.metrics.rho} on the same grid`;
    if (!le(Number(c.lowerBound), Number(c.rho))) return `rho-optimal: lower bound ${c.lowerBound} > rho ${c.rho}`;
  }
  if (c && j.method === 'minimax') {
    if (!le(Number(c.lowerBound), Number(c.upperBound))) return `minimax: lower bound ${c.lowerBound} > upper bound ${c.upperBound}`;
    if (Number(c.grid) === Number(j.metrics.grid) && !le(Number(j.metrics.maxLoss), Number(c.maxLossUpper))) return `minimax: metrics.maxLoss ${j.metrics.maxLoss} above the certified upper bound ${c.maxLossUpper}`;
  }
  void argv;
  return undefined;
}

/** Below this a normalised optimum is rounding noise: an excess percentage against it means nothing. */
const ROUNDING = 1e-13;

/** `compare --json`: finite, metrics consistent, no row below a certified lower bound, no excess against rounding noise. */
export function checkCompareJson(_argv: readonly string[], json: unknown): string | undefined {
  const bad = checkFinite(json);
  if (bad) return bad;
  const j = json as { optimum: Obj[]; rows: Obj[] };
  if (!Array.isArray(j.optimum) || !Array.isArray(j.rows)) return 'missing optimum or rows';
  for (const o of j.optimum) {
    if (typeof o.rho === 'number' && typeof o.rhoLower === 'number' && !le(o.rhoLower, o.rho)) return `degree ${o.degree}: rho lower bound ${o.rhoLower} > rho ${o.rho}`;
    if (typeof o.maxLoss === 'number' && typeof o.maxLossLower === 'number' && !le(o.maxLossLower, o.maxLoss)) return `degree ${o.degree}: max_loss lower bound ${o.maxLossLower} > max_loss ${o.maxLoss}`;
  }
  for (const r of j.rows) {
    const where = `${r.label} degree ${r.degree}`;
    const m = checkMetrics(r, where);
    if (m) return m;
    const o = j.optimum.find((x) => x.degree === r.degree);
    if (!o || typeof r.rho !== 'number') continue;
    if (typeof o.rhoLower === 'number' && !le(o.rhoLower, r.rho)) return `${where}: rho ${r.rho} below the certified lower bound ${o.rhoLower}`;
    if (typeof o.maxLossLower === 'number' && !le(o.maxLossLower, r.maxLoss as number)) return `${where}: max_loss ${r.maxLoss} below the certified lower bound ${o.maxLossLower}`;
    if (typeof o.rho === 'number' && o.rho <= ROUNDING && typeof r.rhoExcessPercent === 'number') return `${where}: rho excess ${r.rhoExcessPercent}% against an optimum at rounding level (${o.rho})`;
    if (typeof o.maxLoss === 'number' && o.maxLoss <= ROUNDING && typeof r.maxLossExcessPercent === 'number') return `${where}: max_loss excess ${r.maxLossExcessPercent}% against an optimum at rounding level (${o.maxLoss})`;
  }
  return undefined;
}

/** `compare` text: a displayed lower bound never above the displayed value. */
export function checkCompareText(text: string): string | undefined {
  for (const line of text.split('\n')) {
    for (const m of line.matchAll(/(rho|max_loss) ([0-9.e+-]+) \(certified >= ([0-9.e+-]+)\)/g)) {
      if (Number(m[3]) > Number(m[2])) return `displayed lower bound above the value: ${m[0]}`;
    }
  }
  return undefined;
}

const inUnit = (v: unknown): boolean => typeof v === 'number' && v >= 0 && v <= 1;

/** `accuracy --json`: finite; accuracy, deviations (of a softmax output) and out-of-range fractions in [0, 1]; counts that agree. */
export function checkAccuracyJson(_argv: readonly string[], json: unknown): string | undefined {
  const bad = checkFinite(json);
  if (bad) return bad;
  const j = json as { poly: string; accuracy: number; correct: number; testImages: number; reluAccuracy: number; maxDeviation: number; meanDeviation: number; outOfRange: number; outOfRangeByLayer: Obj; interval: { conv: number[]; dense: number[] } };
  for (const k of ['accuracy', 'reluAccuracy', 'maxDeviation', 'meanDeviation', 'outOfRange'] as const) if (!inUnit(j[k])) return `${k} ${j[k]} outside [0, 1]`;
  for (const [k, v] of Object.entries(j.outOfRangeByLayer ?? {})) if (!inUnit(v)) return `outOfRangeByLayer.${k} ${v} outside [0, 1]`;
  if (!Number.isInteger(j.correct) || j.correct < 0 || j.correct > j.testImages) return `correct ${j.correct} not in 0..${j.testImages}`;
  if (Math.abs(j.correct / j.testImages - j.accuracy) > 1e-12) return `accuracy ${j.accuracy} != correct / testImages = ${j.correct}/${j.testImages}`;
  if (!le(j.meanDeviation, j.maxDeviation)) return `meanDeviation ${j.meanDeviation} > maxDeviation ${j.maxDeviation}`;
  for (const k of ['conv', 'dense'] as const) {
    const b = j.interval?.[k];
    if (!Array.isArray(b) || !(b[0] < b[1])) return `interval.${k} [${b}] is not an interval a < b`;
  }
  if (j.poly === 'relu' && (j.accuracy !== j.reluAccuracy || j.maxDeviation > 1e-12)) return `relu: accuracy ${j.accuracy} vs exact ${j.reluAccuracy}, deviation ${j.maxDeviation}`;
  return undefined;
}

/** `accuracy` text: the percentage agrees with the count it prints. */
export function checkAccuracyText(text: string): string | undefined {
  const m = /accuracy:\s+([0-9.]+)% \((\d+)\/(\d+) /.exec(text);
  if (!m) return /--help|Usage/.test(text) ? undefined : 'no accuracy line';
  if (Math.abs(Number(m[1]) - (100 * Number(m[2])) / Number(m[3])) > 0.006) return `accuracy ${m[1]}% != ${m[2]}/${m[3]}`;
  return undefined;
}

/** `infer --json`: finite; errors >= 0 and within the stated bound, argmax agreement a count of the images, levels within the depth. */
export function checkInferJson(_argv: readonly string[], json: unknown): string | undefined {
  const bad = checkFinite(json);
  if (bad) return bad;
  const j = json as { images: number; maxLogitError: number; maxF1Error: number; argmaxAgreement: number; logitRange: number; depth: number; levelsConsumed: number; bound: { logits: number } };
  if (!(j.maxLogitError >= 0)) return `maxLogitError ${j.maxLogitError} < 0`;
  if (!inUnit(j.maxF1Error)) return `maxF1Error ${j.maxF1Error} outside [0, 1]`;
  if (!(j.logitRange >= 0)) return `logitRange ${j.logitRange} < 0`;
  // A count of images (report.ts: "argmax agrees on k/images").
  if (!(Number.isInteger(j.argmaxAgreement) && j.argmaxAgreement >= 0 && j.argmaxAgreement <= j.images)) return `argmaxAgreement ${j.argmaxAgreement} not in 0..${j.images}`;
  if (!(j.levelsConsumed <= j.depth)) return `levelsConsumed ${j.levelsConsumed} > depth ${j.depth}`;
  if (j.bound && !le(j.maxLogitError, j.bound.logits)) return `maxLogitError ${j.maxLogitError} above its bound ${j.bound.logits}`;
  return undefined;
}
