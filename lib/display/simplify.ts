/**
 * Display thinning of line traces, the job matplotlib's path simplification does at draw time: a
 * point is dropped when the polyline through the points kept stays within `tolerance` of it, the
 * distance measured in units of the axis span (the trace's extent, or the axis range when one is set
 * and smaller), on log axes in log10 units. With the default 1e-4 that is a tenth of a pixel on a
 * 1000-pixel chart (one pixel after a 10x zoom), and it turns a smooth 2001-point curve into a few
 * dozen points: ten charts fit in a saved notebook of well under 1 MB.
 *
 * Ramer-Douglas-Peucker on each run of non-null points (gaps stay). Only traces drawn as plain lines
 * are touched: scatter / scattergl in mode `lines`, straight segments (line.shape linear), numeric x
 * and y, no per-point text, hover text, custom data or error bars; markers, bars, histograms and
 * everything else keep every point.
 */

/** Default tolerance, as a fraction of the axis span. */
export const SIMPLIFY_TOLERANCE = 1e-4;

/** Traces with fewer points are left alone (nothing worth saving). */
const MIN_POINTS = 64;

type Json = Record<string, unknown>;

/** Per-point arrays whose entries would no longer match the kept points. */
const PER_POINT = ['text', 'hovertext', 'customdata', 'ids', 'selectedpoints'];

function axis(layout: Json, ref: unknown, letter: 'x' | 'y'): Json {
  const suffix = typeof ref === 'string' && ref.length > 1 ? ref.slice(1) : '';
  const a = layout[`${letter}axis${suffix}`];
  return a !== null && typeof a === 'object' ? (a as Json) : {};
}

/** The drawn coordinate of a value on an axis (log10 on log axes), or null if the axis type is not numeric. */
function transform(a: Json): ((v: number) => number) | null {
  if (a.type === 'log') return Math.log10;
  if (a.type === undefined || a.type === '-' || a.type === 'linear') return (v) => v;
  return null;
}

function eligible(t: Json): t is Json & { x: Array<number | null>; y: Array<number | null> } {
  const type = t.type ?? 'scatter';
  if (type !== 'scatter' && type !== 'scattergl') return false;
  const { x, y } = t;
  if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length || x.length < MIN_POINTS) return false;
  const mode = t.mode ?? 'lines'; // plotly's default for 20 points or more
  if (mode !== 'lines') return false;
  const line = t.line as Json | undefined;
  if (line && line.shape !== undefined && line.shape !== 'linear') return false;
  if (PER_POINT.some((k) => Array.isArray(t[k]))) return false;
  for (const e of ['error_x', 'error_y']) if (t[e] && (t[e] as Json).visible !== false) return false;
  return x.every((v) => v === null || typeof v === 'number') && y.every((v) => v === null || typeof v === 'number');
}

/** Span of the drawn coordinates: the smaller of the values' extent and the axis range, when set. */
function span(values: number[], a: Json): number {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) { if (v < lo) lo = v; if (v > hi) hi = v; }
  let s = hi - lo;
  const r = a.range;
  if (a.autorange !== true && Array.isArray(r) && typeof r[0] === 'number' && typeof r[1] === 'number') {
    const rs = Math.abs(r[1] - r[0]);
    if (rs > 0 && (!(s > 0) || rs < s)) s = rs;
  }
  return s > 0 && Number.isFinite(s) ? s : 1;
}

/** Distance from p to the segment a-b (all in normalised coordinates). */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * Indices kept by Ramer-Douglas-Peucker: every dropped point lies within `tolerance` of the segment
 * joining the kept points around it.
 */
export function simplifyIndices(x: ArrayLike<number>, y: ArrayLike<number>, tolerance: number): number[] {
  const n = x.length;
  if (n <= 2) return Array.from({ length: n }, (_, i) => i);
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  const stack: Array<[number, number]> = [[0, n - 1]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    let worst = -1, at = -1;
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance(x[i], y[i], x[a], y[a], x[b], y[b]);
      if (d > worst) { worst = d; at = i; }
    }
    if (worst > tolerance) {
      keep[at] = 1;
      stack.push([a, at], [at, b]);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(i);
  return out;
}

/** One trace, thinned if it is a plain line (else returned as is). */
export function simplifyTrace(trace: Json, layout: Json, tolerance = SIMPLIFY_TOLERANCE): Json {
  if (!eligible(trace)) return trace;
  const ax = axis(layout, trace.xaxis, 'x'), ay = axis(layout, trace.yaxis, 'y');
  const tx = transform(ax), ty = transform(ay);
  if (!tx || !ty) return trace;
  const { x, y } = trace;
  const n = x.length;
  const X = new Float64Array(n), Y = new Float64Array(n);
  const present: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const xi = x[i], yi = y[i];
    present.push(xi !== null && yi !== null);
    if (xi === null || yi === null) continue;
    X[i] = tx(xi);
    Y[i] = ty(yi);
    if (!Number.isFinite(X[i]) || !Number.isFinite(Y[i])) return trace; // e.g. a value <= 0 on a log axis
  }
  const idx = [...Array(n).keys()].filter((i) => present[i]);
  const sx = span(idx.map((i) => X[i]), ax), sy = span(idx.map((i) => Y[i]), ay);
  const keptX: Array<number | null> = [], keptY: Array<number | null> = [];
  // Each run of present points separately; one null marks each gap.
  for (let start = 0; start < n;) {
    if (!present[start]) {
      if (keptX.length > 0 && keptX[keptX.length - 1] !== null) { keptX.push(null); keptY.push(null); }
      start++;
      continue;
    }
    let end = start;
    while (end < n && present[end]) end++;
    const rx = Array.from(X.subarray(start, end), (v) => v / sx), ry = Array.from(Y.subarray(start, end), (v) => v / sy);
    for (const k of simplifyIndices(rx, ry, tolerance)) { keptX.push(x[start + k]); keptY.push(y[start + k]); }
    start = end;
  }
  return keptX.length < n ? { ...trace, x: keptX, y: keptY } : trace;
}

/** A plotly figure (as JSON) with its line traces thinned for display. */
export function simplifyFigure<T extends { data: unknown[]; layout: unknown }>(figure: T, tolerance = SIMPLIFY_TOLERANCE): T {
  const layout = (figure.layout ?? {}) as Json;
  return { ...figure, data: figure.data.map((t) => (t !== null && typeof t === 'object' ? simplifyTrace(t as Json, layout, tolerance) : t)) };
}
