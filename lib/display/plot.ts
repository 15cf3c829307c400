/**
 * Plotly figures in notebooks. `plot(figure)` sends one bundle:
 * - `application/vnd.plotly.v1+json`: rendered natively by JupyterLab (plotly extension) and VS Code;
 * - `text/html`: a <div> and a script calling Plotly.newPlot, for classic Jupyter and the report;
 * - `text/plain`: a one-line summary.
 * The HTML needs plotly.js in the page: `initPlots()` injects the bundle from
 * node_modules/plotly.js-dist once per kernel (the first `plot` calls it). plotly.js is read as
 * text and never `require`d in Node, where it throws `self is not defined`.
 */
import { readFileSync } from 'node:fs';
import type { Config, Data, Layout } from 'plotly.js'; // types of plotly.js-dist (@types/plotly.js)
import { InputError } from '../errors';
import { displayBundle, type MimeBundle } from './bundle';
import { scriptJson } from './escape';

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

/** Path of plotly.js-dist's browser bundle. */
export function plotlyBundlePath(): string {
  return require.resolve('plotly.js-dist/plotly.js');
}

/**
 * Inject plotly.js into the notebook page (text/html), so the HTML part of every later plot can
 * draw. Runs once per kernel unless `force` (e.g. after reloading the page).
 */
export function initPlots(force = false): void {
  if (injected && !force) return;
  const source = readFileSync(plotlyBundlePath(), 'utf8').replace(/<\/script/gi, '<\\/script');
  const flush = 'window.__polyactPlots=(window.__polyactPlots||[]);while(window.__polyactPlots.length)window.__polyactPlots.shift()();';
  displayBundle(
    { 'text/html': `<script>${source}\n;${flush}</script>`, 'text/plain': 'plotly.js loaded' },
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

/** A <div> plus a script that draws `figure` as soon as window.Plotly exists. */
export function plotHtml(figure: Figure, id = `polyact-plot-${process.pid}-${++counter}`): string {
  const json = plotlyJson(figure);
  const height = typeof json.layout.height === 'number' ? json.layout.height : 420;
  const draw = `function(){window.Plotly.newPlot(${scriptJson(id)},f.data,f.layout,Object.assign({responsive:true},f.config||{}))}`;
  return `<div id="${id}" class="polyact-plot" style="width:100%;height:${height}px"></div>`
    + `<script>(function(){var f=${scriptJson(json)};var d=${draw};`
    + 'if(window.Plotly)d();else(window.__polyactPlots=window.__polyactPlots||[]).push(d);})();</script>';
}

/** A one-line text summary: title and trace names. */
export function plotText(figure: Figure): string {
  checkFigure(figure);
  const t = figure.layout?.title;
  const title = typeof t === 'string' ? t : (t && typeof t === 'object' && 'text' in t ? String(t.text) : '');
  const names = figure.data.map((d, i) => (d as { name?: string }).name ?? `trace ${i + 1}`);
  return `[plot${title ? ` "${title}"` : ''}: ${figure.data.length} trace${figure.data.length === 1 ? '' : 's'} (${names.join(', ')})]`;
}

/** The display bundle of `figure` (no side effects). */
export function plotBundle(figure: Figure): MimeBundle {
  return { [PLOTLY_MIME]: plotlyJson(figure), 'text/html': plotHtml(figure), 'text/plain': plotText(figure) };
}

/** Show a plotly figure in the notebook. */
export function plot(figure: Figure): void {
  const bundle = plotBundle(figure);
  initPlots();
  displayBundle(bundle);
}
