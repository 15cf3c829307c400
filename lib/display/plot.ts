/**
 * Plotly figures in notebooks. `plot(figure)` sends one bundle:
 * - `application/vnd.plotly.v1+json`: rendered natively by JupyterLab (plotly extension) and VS Code;
 * - `text/html`: a <div> holding a one-line "not drawn" message, and a script that loads plotly.js
 *   by URL from the Jupyter server and draws (classic Notebook, JupyterLab without the extension;
 *   see plotly-loader.ts), so saved notebooks stay small and draw again when reopened;
 * - `text/plain`: a one-line summary.
 * Both drawable parts hold the figure with its line traces thinned to within 1e-4 of the axis span
 * (simplify.ts; `plot(figure, { simplify: false })` keeps every point; `plotlyJson` is the full data).
 * The HTML report draws from the plotly JSON with its own shared copy of plotly.js.
 * `initPlots()` instead embeds plotly.js itself (11 MB) in the notebook, for a copy that must draw
 * without any server. plotly.js is read as text and never `require`d in Node, where it throws
 * `self is not defined`.
 */
import { readFileSync } from 'node:fs';
import type { Config, Data, Layout } from 'plotly.js'; // types of plotly.js-dist (@types/plotly.js)
import { InputError } from '../errors';
import { displayBundle, type MimeBundle } from './bundle';
import { escapeHtml, scriptJson } from './escape';
import { DRAW_FUNCTION, NOT_DRAWN_MESSAGE } from './plotly-loader';
import { SIMPLIFY_TOLERANCE, simplifyFigure } from './simplify';

export type { Config, Data, Layout };

/** A plotly figure: traces, layout and config, as Plotly.newPlot takes them. */
export interface Figure {
  data: Data[];
  layout?: Partial<Layout>;
  config?: Partial<Config>;
}

export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';
/** Metadata key marking the plotly.js injection bundle (the report replaces it by one shared file). */
export const PLOTLY_INIT_METADATA = 'polyact/plotly-init';

let injected = false;
let counter = 0;
// Chart ids unique on a page that mixes outputs of several kernel sessions (a reopened notebook).
const session = `${process.pid.toString(36)}-${Date.now().toString(36)}`;

/** Path of plotly.js-dist's browser bundle. */
export function plotlyBundlePath(): string {
  return require.resolve('plotly.js-dist/plotly.js');
}

/**
 * Embed plotly.js itself (11 MB) in the notebook, for a copy that must draw without a Jupyter server
 * (e.g. `jupyter nbconvert --to html` sent by mail). Not needed otherwise: plots load plotly.js by
 * URL. Once per kernel unless `force`.
 */
export function initPlots(force = false): void {
  if (injected && !force) return;
  const source = readFileSync(plotlyBundlePath(), 'utf8').replace(/<\/script/gi, '<\\/script');
  displayBundle(
    { 'text/html': `<script>${source}\n</script>`, 'text/plain': 'plotly.js loaded' },
    { [PLOTLY_INIT_METADATA]: true },
  );
  injected = true;
}

function checkFigure(figure: Figure): void {
  if (typeof figure !== 'object' || figure === null || !Array.isArray(figure.data)) {
    throw new InputError('figure', 'expected { data: Data[], layout?: Partial<Layout> }');
  }
}

/** The figure as plotly JSON (what the plotly MIME renderer and the report read). */
export function plotlyJson(figure: Figure): { data: Data[]; layout: Partial<Layout>; config?: Partial<Config> } {
  checkFigure(figure);
  const json: { data: Data[]; layout: Partial<Layout>; config?: Partial<Config> } = { data: figure.data, layout: figure.layout ?? {} };
  if (figure.config) json.config = figure.config;
  // Round-trip through JSON: typed arrays become plain arrays, NaN becomes null (plotly's gap).
  return JSON.parse(JSON.stringify(json, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v)));
}

/**
 * A <div> showing a one-line "not drawn" message, plus a script that loads plotly.js from the Jupyter
 * server if the page has none (plotly-loader.ts) and draws `figure` in place of the message.
 */
export function plotHtml(figure: Figure, id = `polyact-plot-${session}-${++counter}`): string {
  const json = plotlyJson(figure);
  const height = typeof json.layout.height === 'number' ? json.layout.height : 420;
  const message = `<div class="polyact-plot-message" style="padding:0.6em 0.8em;color:#555;font:13px sans-serif;border:1px dashed #bbb">`
    + `${escapeHtml(plotText(figure))} ${escapeHtml(NOT_DRAWN_MESSAGE)}</div>`;
  return `<div id="${id}" class="polyact-plot" style="width:100%;height:${height}px">${message}</div>`
    + `<script>${DRAW_FUNCTION}window.__polyactDraw(${scriptJson(id)},${scriptJson(json)});</script>`;
}

/** A one-line text summary: title and trace names. */
export function plotText(figure: Figure): string {
  checkFigure(figure);
  const t = figure.layout?.title;
  const title = typeof t === 'string' ? t : (t && typeof t === 'object' && 'text' in t ? String(t.text) : '');
  const names = figure.data.map((d, i) => (d as { name?: string }).name ?? `trace ${i + 1}`);
  return `[plot${title ? ` "${title}"` : ''}: ${figure.data.length} trace${figure.data.length === 1 ? '' : 's'} (${names.join(', ')})]`;
}

export interface PlotOptions {
  /**
   * Thin line traces for display (simplify.ts): the tolerance as a fraction of the axis span
   * (default 1e-4, a tenth of a pixel on a 1000-pixel chart), or false to keep every point.
   */
  simplify?: number | false;
}

/** The display bundle of `figure` (no side effects): line traces thinned unless `simplify: false`. */
export function plotBundle(figure: Figure, options: PlotOptions = {}): MimeBundle {
  const tolerance = options.simplify ?? SIMPLIFY_TOLERANCE;
  if (tolerance !== false && !(tolerance >= 0)) throw new InputError('simplify', `expected a tolerance >= 0 or false, got ${tolerance}`);
  const json = tolerance === false ? plotlyJson(figure) : simplifyFigure(plotlyJson(figure), tolerance);
  return { [PLOTLY_MIME]: json, 'text/html': plotHtml(json), 'text/plain': plotText(figure) };
}

/** Show a plotly figure in the notebook. */
export function plot(figure: Figure, options: PlotOptions = {}): void {
  displayBundle(plotBundle(figure, options));
}
