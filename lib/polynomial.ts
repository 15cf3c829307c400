/**
 * A polynomial that knows its interval, stored in the Chebyshev basis.
 *
 * Like numpy.polynomial.Chebyshev: `domain` = [a, b] is where the polynomial lives in x, the
 * window is always [-1, 1], and t = (2x - (a + b)) / (b - a) maps one to the other. The stored
 * coefficients c_k multiply T_k(t). Fitting and evaluation happen in this basis, which is well
 * conditioned on any interval; monomial coefficients in x are produced only for display.
 */
import { InputError, requireFinite, requireInterval } from './errors';

export type Interval = readonly [number, number];

export interface FormatOptions {
  /** Significant digits of each coefficient (default 4, as the paper prints). */
  digits?: number;
  /** Terms whose |coefficient * scale^k| is below this fraction of the largest term are omitted (default 0: print every non-zero term, as the paper does). */
  dropBelow?: number;
  /** Variable name (default `x`). */
  variable?: string;
}

export class Polynomial {
  /** Chebyshev coefficients c_0..c_N of T_k(t), t in the window [-1, 1]. */
  readonly coefficients: readonly number[];
  /** The interval [a, b] in x. */
  readonly domain: Interval;

  constructor(chebyshevCoefficients: ArrayLike<number>, domain: Interval) {
    const d = requireInterval('domain', Array.isArray(domain) ? domain : Array.from(domain as ArrayLike<number>));
    if (chebyshevCoefficients.length === 0) throw new InputError('coefficients', 'expected at least one coefficient');
    const c = Array.from(chebyshevCoefficients, (v, i) => requireFinite(`coefficients[${i}]`, v));
    this.coefficients = Object.freeze(c);
    this.domain = Object.freeze([d[0], d[1]]) as Interval;
  }

  /**
   * From monomial coefficients in x, ascending (c0 + c1 x + ...). Coefficients whose Chebyshev
   * form on the domain overflows are an InputError naming `options.argument` (default `monomial`).
   */
  static fromMonomial(monomial: ArrayLike<number>, domain: Interval, options: { argument?: string } = {}): Polynomial {
    const argument = options.argument ?? 'monomial';
    try {
      return Polynomial.fromPowerSeries(monomial, domain, 0, 1);
    } catch (e) {
      if (e instanceof InputError && e.argument.startsWith('coefficients[')) {
        throw new InputError(argument, `the polynomial overflows double precision on [${domain[0]}, ${domain[1]}] (its Chebyshev coefficients are not finite)`);
      }
      throw e;
    }
  }

  /**
   * From coefficients of a power series in w = (x - center) / scale, ascending:
   * p(x) = sum d_k ((x - center)/scale)^k. A Taylor polynomial around z in a scaled variable
   * stays well conditioned this way (no powers 200^k in the arithmetic).
   */
  static fromPowerSeries(coefficients: ArrayLike<number>, domain: Interval, center = 0, scale = 1): Polynomial {
    const [a, b] = requireInterval('domain', Array.from(domain));
    if (coefficients.length === 0) throw new InputError('monomial', 'expected at least one coefficient');
    requireFinite('center', center);
    if (!(Number.isFinite(scale) && scale !== 0)) throw new InputError('scale', `expected a finite non-zero number, got ${scale}`);
    // x = h t + m, so w = (h/scale) t + (m - center)/scale; Horner with Chebyshev-series arithmetic in t.
    const h = (b - a) / 2 / scale, m = ((a + b) / 2 - center) / scale;
    const n = coefficients.length;
    let acc = [requireFinite(`monomial[${n - 1}]`, coefficients[n - 1])];
    for (let k = n - 2; k >= 0; k--) {
      acc = chebMulLinear(acc, h, m);
      acc[0] += requireFinite(`monomial[${k}]`, coefficients[k]);
    }
    return new Polynomial(acc, [a, b]);
  }

  /** Degree N = number of coefficients - 1 (trailing zeros included, as numpy). */
  get degree(): number {
    return this.coefficients.length - 1;
  }

  /** Map x in the domain to t in the window [-1, 1]. */
  toWindow(x: number): number {
    const [a, b] = this.domain;
    return (2 * x - (a + b)) / (b - a);
  }

  /** p(x) by Clenshaw's recurrence. */
  evaluate(x: number): number {
    return clenshaw(this.coefficients, this.toWindow(x));
  }

  /** p at every point of xs. */
  evaluateMany(xs: ArrayLike<number>): Float64Array {
    const out = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = this.evaluate(xs[i]);
    return out;
  }

  /** Monomial coefficients in x, ascending: [c0, c1, ..., cN] with p(x) = sum c_k x^k. */
  monomial(): number[] {
    const [a, b] = this.domain;
    // p = sum q_j t^j with t = alpha x + beta; Horner in polynomial arithmetic.
    return powerSeriesIn(this.coefficients, 2 / (b - a), -(a + b) / (b - a));
  }

  /**
   * The monomial form if it means something in double precision, else null with the reason:
   * its coefficients must be normal doubles (on a tiny interval c_k ~ 1/h^k overflows; far from 0
   * or on a huge one they underflow), and evaluating it must not cancel away the digits that
   * matter: its non-constant terms |c_k| R^k (R = max |x| on the interval) may sum to at most
   * MONOMIAL_CANCELLATION times the variation max p - min p (beyond, evaluating the form in double
   * precision errs by more than 2e-7 of the range the metrics normalise by). The Chebyshev form,
   * which the numerics use, is fine either way.
   */
  monomialForm(): { coefficients: number[]; note?: undefined } | { coefficients: null; note: string } {
    const [a, b] = this.domain;
    const n = this.coefficients.length;
    const R = Math.max(Math.abs(a), Math.abs(b));
    // Coefficients in u = x / R (well scaled: every term is its size on the interval).
    const scaled = powerSeriesIn(this.coefficients, (2 * R) / (b - a), -(a + b) / (b - a));
    const mono = this.monomial();
    const where = `degree ${n - 1} on [${a}, ${b}]`;
    if (!scaled.every(Number.isFinite) || !mono.every(Number.isFinite)) {
      return { coefficients: null, note: `monomial form not shown: its coefficients overflow double precision (${where}); the Chebyshev form is exact` };
    }
    const total = scaled.reduce((acc, v) => acc + Math.abs(v), 0);
    // The non-constant terms against the variation of p: what evaluating the form loses relative to the range metrics use.
    const varying = total - Math.abs(scaled[0]);
    for (let k = 1; k < n; k++) {
      // A term that matters (above rounding of the sum) must have a normal coefficient c_k = d_k / R^k.
      if (Math.abs(scaled[k]) <= Number.EPSILON * total) continue;
      const log10 = Math.log10(Math.abs(scaled[k])) - k * Math.log10(R);
      if (log10 < -307 || log10 > 308) {
        return { coefficients: null, note: `monomial form not shown: the coefficient of x^${k} (about 1e${Math.round(log10)}) is outside double precision (${where}); the Chebyshev form is exact` };
      }
    }
    let lo = Infinity, hi = -Infinity;
    for (const t of chebyshevExtremePointsUnit(2 * n + 1)) {
      const v = clenshaw(this.coefficients, t);
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (varying > MONOMIAL_CANCELLATION * (hi - lo)) {
      const ratio = hi > lo ? `${(varying / (hi - lo)).toExponential(0)} times` : 'infinitely';
      return { coefficients: null, note: `monomial form not shown: its terms are ${ratio} larger than the variation of p on the interval, so evaluating it in double precision cancels the digits that matter (${where}); the Chebyshev form is exact` };
    }
    return { coefficients: mono };
  }

  /** The derivative dp/dx, of degree N - 1 (a constant 0 for N = 0), on the same domain. */
  derivative(): Polynomial {
    const c = this.coefficients, n = c.length;
    if (n === 1) return new Polynomial([0], this.domain);
    const d = new Array<number>(n - 1).fill(0);
    for (let k = n - 1; k >= 1; k--) d[k - 1] = 2 * k * c[k] + (k + 1 <= n - 2 ? d[k + 1] : 0);
    d[0] /= 2;
    const [a, b] = this.domain, s = 2 / (b - a);
    return new Polynomial(d.map((v) => v * s), this.domain);
  }

  /**
   * The antiderivative P with P' = p and P(at) = value (default P(a) = 0 at the left end).
   * Degree N + 1, same domain.
   */
  integral(condition: { at?: number; value?: number } = {}): Polynomial {
    const c = this.coefficients, n = c.length;
    const [a, b] = this.domain;
    const at = requireFinite('condition.at', condition.at ?? a);
    const value = requireFinite('condition.value', condition.value ?? 0);
    const I = new Array<number>(n + 1).fill(0);
    // Term by term: ∫T0 = T1, ∫T1 = T2/4, ∫Tk = T(k+1)/(2(k+1)) - T(k-1)/(2(k-1)).
    for (let k = 0; k < n; k++) {
      if (k === 0) I[1] += c[0];
      else if (k === 1) I[2] += c[1] / 4;
      else {
        I[k + 1] += c[k] / (2 * (k + 1));
        I[k - 1] -= c[k] / (2 * (k - 1));
      }
    }
    const h = (b - a) / 2;
    for (let k = 0; k <= n; k++) I[k] *= h;
    const shifted = new Polynomial(I, this.domain);
    I[0] += value - shifted.evaluate(at);
    return new Polynomial(I, this.domain);
  }

  /** The same polynomial with a new stored degree (pads with zeros or drops top coefficients). */
  truncate(degree: number): Polynomial {
    const c = this.coefficients.slice(0, degree + 1);
    while (c.length < degree + 1) c.push(0);
    return new Polynomial(c, this.domain);
  }

  /** p + q (same domain). */
  add(other: Polynomial): Polynomial {
    this.assertSameDomain(other);
    const n = Math.max(this.coefficients.length, other.coefficients.length);
    const c = Array.from({ length: n }, (_, i) => (this.coefficients[i] ?? 0) + (other.coefficients[i] ?? 0));
    return new Polynomial(c, this.domain);
  }

  /** s * p. */
  scale(s: number): Polynomial {
    requireFinite('s', s);
    return new Polynomial(this.coefficients.map((v) => v * s), this.domain);
  }

  /**
   * Paper style: `-5.178·10^-8 x^4 + ... + 11.49`, highest power first. When the monomial form
   * means nothing in double precision (see monomialForm), the Chebyshev form instead:
   * `0.5 T_1(t) + 0.3183, t = (x - 1.5e-300)/5e-301`.
   */
  toString(options: FormatOptions = {}): string {
    const digits = options.digits ?? 4;
    const mono = this.monomialForm().coefficients;
    if (!mono) return `${formatTerms([...this.coefficients], options, (v, k) => (k === 0 ? paperNumber(v, digits) : `${paperNumber(v, digits)} T_${k}(t)`))}, ${this.windowVariable(digits)}`;
    return formatTerms(mono, options, (v, k, x) => {
      const num = paperNumber(v, digits);
      return k === 0 ? num : `${num}${num.includes('·') ? ' ' : ''}${x}${k > 1 ? `^${k}` : ''}`;
    });
  }

  /** LaTeX: `-5.178 \cdot 10^{-8} x^{4} + \dots + 11.49` (the Chebyshev form when the monomial one means nothing, as toString). */
  toLatex(options: FormatOptions = {}): string {
    const digits = options.digits ?? 4;
    const mono = this.monomialForm().coefficients;
    if (!mono) return `${formatTerms([...this.coefficients], options, (v, k) => (k === 0 ? latexNumber(v, digits) : `${latexNumber(v, digits)}\\,T_{${k}}(t)`))}, ${this.windowVariable(digits, true)}`;
    return formatTerms(mono, options, (v, k, x) => {
      const num = latexNumber(v, digits);
      return k === 0 ? num : `${num}${num.includes('\\cdot') ? '\\,' : ''}${x}${k > 1 ? `^{${k}}` : ''}`;
    });
  }

  /** `t = (x - m)/h`, the window variable of the Chebyshev form. */
  private windowVariable(digits: number, latex = false): string {
    const [a, b] = this.domain;
    const m = (a + b) / 2, h = (b - a) / 2;
    const num = (v: number): string => (latex ? latexNumber(v, Math.max(digits, 6)) : paperNumber(v, Math.max(digits, 6)));
    const shifted = m === 0 ? 'x' : `(x ${m < 0 ? '+' : '-'} ${num(Math.abs(m))})`;
    return latex ? `t = ${shifted}/${num(h)}` : `t = ${shifted}/${num(h)}`;
  }

  private assertSameDomain(other: Polynomial): void {
    if (other.domain[0] !== this.domain[0] || other.domain[1] !== this.domain[1]) {
      throw new InputError('other', `expected the same domain [${this.domain}], got [${other.domain}]`);
    }
  }
}

/** Beyond this ratio of its terms to its size, a monomial form cancels every digit worth showing (see monomialForm). */
export const MONOMIAL_CANCELLATION = 1e9;

/** Coefficients (ascending) in y of sum c_k T_k(t) with t = alpha y + beta. */
function powerSeriesIn(c: ArrayLike<number>, alpha: number, beta: number): number[] {
  const q = chebyshevToPowerBasis(c);
  let r = [q[q.length - 1]];
  for (let j = q.length - 2; j >= 0; j--) {
    const next = new Array(r.length + 1).fill(0);
    for (let i = 0; i < r.length; i++) {
      next[i] += beta * r[i];
      next[i + 1] += alpha * r[i];
    }
    next[0] += q[j];
    r = next;
  }
  return r;
}

/** n points cos(pi i/(n - 1)) in [-1, 1]. */
function chebyshevExtremePointsUnit(n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.cos((Math.PI * i) / (n - 1)));
}

/** Clenshaw's recurrence for sum c_k T_k(t). */
export function clenshaw(c: ArrayLike<number>, t: number): number {
  let b1 = 0, b2 = 0;
  for (let k = c.length - 1; k >= 1; k--) {
    const b0 = 2 * t * b1 - b2 + c[k];
    b2 = b1;
    b1 = b0;
  }
  return t * b1 - b2 + c[0];
}

/** Power-basis coefficients (ascending in t) of sum c_k T_k(t), via T_{k+1} = 2t T_k - T_{k-1} (integer arithmetic, exact for k <= 50). */
export function chebyshevToPowerBasis(c: ArrayLike<number>): number[] {
  const n = c.length;
  const out = new Array<number>(n).fill(0);
  let prev = [1], cur = [0, 1];
  for (let k = 0; k < n; k++) {
    const T = k === 0 ? prev : cur;
    for (let j = 0; j < T.length; j++) out[j] += c[k] * T[j];
    if (k >= 1) {
      const next = new Array<number>(cur.length + 1).fill(0);
      for (let j = 0; j < cur.length; j++) next[j + 1] += 2 * cur[j];
      for (let j = 0; j < prev.length; j++) next[j] -= prev[j];
      prev = cur;
      cur = next;
    }
  }
  return out;
}

/** Chebyshev coefficients of (h t + m) * sum c_k T_k(t), using t T_k = (T_{k+1} + T_{k-1}) / 2 and t T_0 = T_1. */
function chebMulLinear(c: number[], h: number, m: number): number[] {
  const out = new Array<number>(c.length + 1).fill(0);
  for (let k = 0; k < c.length; k++) {
    out[k] += m * c[k];
    if (k === 0) out[1] += h * c[0];
    else {
      out[k + 1] += (h * c[k]) / 2;
      out[k - 1] += (h * c[k]) / 2;
    }
  }
  return out;
}

function formatTerms(
  mono: number[],
  options: FormatOptions,
  term: (v: number, k: number, x: string) => string,
): string {
  const x = options.variable ?? 'x';
  const drop = options.dropBelow ?? 0;
  const largest = Math.max(...mono.map(Math.abs));
  const parts: string[] = [];
  for (let k = mono.length - 1; k >= 0; k--) {
    const v = mono[k];
    if (v === 0 || Math.abs(v) < drop * largest) continue;
    const s = term(Math.abs(v), k, x);
    parts.push(parts.length === 0 ? (v < 0 ? `-${s}` : s) : `${v < 0 ? '-' : '+'} ${s}`);
  }
  return parts.length === 0 ? '0' : parts.join(' ');
}

function splitNumber(v: number, digits: number): { mantissa: string; exponent: number } {
  if (v === 0) return { mantissa: '0', exponent: 0 };
  const [m, e] = v.toExponential(digits - 1).split('e');
  const exponent = Number(e);
  // Plain notation between 1e-3 and 1e5, as the paper prints 0.002122 and 21.22.
  if (exponent >= -3 && exponent < 5) return { mantissa: trimZeros(Number(v.toPrecision(digits)).toString()), exponent: 0 };
  return { mantissa: trimZeros(m), exponent };
}

function trimZeros(s: string): string {
  return s.includes('.') && !s.includes('e') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** A number as the paper prints it: 0.002122, 11.49, 5.178·10^-8. */
export function paperNumber(v: number, digits = 4): string {
  const sign = v < 0 ? '-' : '';
  const { mantissa, exponent } = splitNumber(Math.abs(v), digits);
  return sign + (exponent === 0 ? mantissa : `${mantissa}·10^${exponent}`);
}

/** A number in LaTeX: 5.178 \cdot 10^{-8}. */
export function latexNumber(v: number, digits = 4): string {
  const sign = v < 0 ? '-' : '';
  const { mantissa, exponent } = splitNumber(Math.abs(v), digits);
  return sign + (exponent === 0 ? mantissa : `${mantissa} \\cdot 10^{${exponent}}`);
}
