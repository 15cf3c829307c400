/**
 * Comparing a recomputed polynomial and its metrics with a printed row, to the printed digits.
 */
import type { Metrics } from '../metrics';
import { formatNumber } from '../display/format';
import { correctedText, matchesPrinted, parsePrintedTerms, roundTo, truncateTo, type PrintedNumber } from './printed';
import type { PaperRow } from './data';

/** Terms below this fraction of the largest term (both evaluated at the interval's end) are rounding noise, like the paper's 10^-21 x^3. */
export const NOISE = 1e-9;

export interface CoefficientCheck {
  readonly power: number;
  /** Printed coefficient (0 where the term is not printed). */
  readonly printed: number;
  /** Printed significant digits (0 where not printed). */
  readonly digits: number;
  readonly ours: number;
  /** Both are noise, or ours rounded to the printed digits is the printed value. */
  readonly agrees: boolean;
  /** Both negligible (|c_k| R^k below NOISE of the largest term). */
  readonly noise: boolean;
}

/** x rounded to `digits` significant digits. */
function roundSignificant(x: number, digits: number): number {
  return Number(x.toPrecision(digits));
}

/** Compare our monomial coefficients with the row's printed polynomial (slips corrected), term by term. */
export function compareCoefficients(row: PaperRow, ours: readonly number[], radius = 200): CoefficientCheck[] {
  const terms = parsePrintedTerms(correctedText(row));
  const n = Math.max(ours.length, row.coefficients.length);
  const size = (c: number, k: number): number => Math.abs(c) * radius ** k;
  let largest = 0;
  for (let k = 0; k < ours.length; k++) largest = Math.max(largest, size(ours[k], k));
  const out: CoefficientCheck[] = [];
  for (let k = 0; k < n; k++) {
    const t = terms.find((x) => x.power === k);
    const printed = t ? t.value : 0, digits = t ? t.digits : 0, mine = ours[k] ?? 0;
    const noise = size(mine, k) <= NOISE * largest && size(printed, k) <= NOISE * largest;
    const agrees = noise || (t !== undefined && roundSignificant(mine, digits) === roundSignificant(printed, digits));
    out.push({ power: k, printed, digits, ours: mine, agrees, noise });
  }
  return out;
}

export type MetricAgreement = 'match' | 'truncated' | 'one unit' | 'differs';

export interface MetricCheck {
  readonly name: 'mse' | 'maxLoss' | 'rho';
  readonly printed: PrintedNumber;
  readonly ours: number;
  /** match: rounds to the printed digits; truncated: the printed value is ours truncated; one unit: within one unit of the last printed digit; differs. */
  readonly agreement: MetricAgreement;
}

export function checkMetric(name: MetricCheck['name'], ours: number, printed: PrintedNumber): MetricCheck {
  let agreement: MetricAgreement;
  if (matchesPrinted(ours, printed)) agreement = 'match';
  else if (Number(truncateTo(ours, printed.decimals)) === printed.value) agreement = 'truncated';
  else if (Math.abs(ours - printed.value) <= 10 ** -printed.decimals * (1 + 1e-9)) agreement = 'one unit';
  else agreement = 'differs';
  return { name, printed, ours, agreement };
}

/** MSE, max_loss and rho of `m` against the row's printed values. */
export function checkMetrics(row: PaperRow, m: Metrics): MetricCheck[] {
  return [checkMetric('mse', m.mse, row.mse), checkMetric('maxLoss', m.maxLoss, row.maxLoss), checkMetric('rho', m.rho, row.rho)];
}

const METRIC_LABEL: Record<MetricCheck['name'], string> = { mse: 'MSE', maxLoss: 'max_loss', rho: 'rho' };

/** One clause per metric that does not match, e.g. "printed rho 0.1504, ours 0.150452 (rounds to 0.1505; the printed value is ours truncated)". */
export function describeMetricMismatches(checks: readonly MetricCheck[]): string[] {
  return checks.filter((c) => c.agreement !== 'match').map((c) => {
    const ours = formatNumber(c.ours, 6);
    const rounded = roundTo(c.ours, c.printed.decimals);
    const why = c.agreement === 'truncated' ? 'the printed value is ours truncated, not rounded'
      : c.agreement === 'one unit' ? 'one unit in the last printed digit' : 'beyond rounding';
    return `printed ${METRIC_LABEL[c.name]} ${c.printed.text}, ours ${ours} (rounds to ${rounded}; ${why})`;
  });
}

/** One clause per coefficient that does not agree. */
export function describeCoefficientMismatches(checks: readonly CoefficientCheck[]): string[] {
  return checks.filter((c) => !c.agrees).map((c) => {
    const x = c.power === 0 ? 'constant' : c.power === 1 ? 'x' : `x^${c.power}`;
    return `${x}: printed ${c.digits ? formatNumber(c.printed, c.digits) : 'nothing'}, ours ${formatNumber(c.ours, 5)}`;
  });
}
