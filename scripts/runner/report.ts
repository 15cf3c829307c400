/**
 * The static HTML report of executed notebooks: out/index.html, one page per notebook, one shared
 * copy of plotly.js in out/assets/, and the executed notebooks in out/notebooks/.
 *
 * Markdown is rendered with `marked`; code and outputs are shown as Jupyter shows them; plotly
 * outputs become interactive charts drawn from their `application/vnd.plotly.v1+json` part, and the
 * per-notebook plotly.js injection (see lib/display/plot.ts) is replaced by the shared asset.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { marked } from 'marked';
import { PLOTLY_INIT_METADATA, PLOTLY_MIME, plotlyBundlePath } from '../../lib/display/plot';
import { escapeHtml, scriptJson } from '../../lib/display/escape';
import type { CellFailure } from './execute';
import { copyFileAtomic, writeFileAtomic } from './files';
import { serialiseNotebook, sourceText, type Notebook, type Output } from './notebook';

export interface ReportEntry {
  /** Source path, as given (e.g. notebooks/01-activations.ipynb). */
  file: string;
  notebook: Notebook;
  failure?: CellFailure;
  /** Wall time of the notebook (kernel start included), seconds. */
  seconds: number;
  /** When its outputs were computed (ISO 8601). */
  executedAt?: string;
  /** Outputs of an earlier run whose inputs are unchanged (runner/cache.ts). */
  reused?: boolean;
}

/** "2026-12-01 23:40 UTC, 41.0 s" (+ "; inputs unchanged since: reused"), for the report. */
function runNote(e: ReportEntry): string {
  const when = e.executedAt ? `${e.executedAt.replace('T', ' ').slice(0, 16)} UTC, ` : '';
  return `${when}${e.seconds.toFixed(1)} s${e.reused ? '; inputs unchanged since: outputs reused' : ''}`;
}

export const PLOTLY_ASSET = 'assets/plotly.js';
const CSS_ASSET = 'assets/report.css';

const CSS = `body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1100px;margin:0 auto;padding:1em 2em;color:#222}
nav{font-size:13px;margin-bottom:1em}a{color:#0b62a4}
.cell{margin:0.6em 0}.prompt{color:#888;font:12px monospace;margin-bottom:2px}
pre{background:#f6f8fa;padding:0.6em 0.8em;border-radius:4px;overflow-x:auto;font-size:13px;margin:0.2em 0}
pre.code{border-left:3px solid #0b62a4}pre.stderr{background:#fff4f4}pre.error{background:#fde8e8;color:#a00;border-left:3px solid #a00}
.output{margin:0.3em 0 0.3em 0}.output-html{overflow-x:auto}
.markdown table,.polyact-table{border-collapse:collapse}.markdown th,.markdown td{padding:0.2em 0.6em;border-bottom:1px solid #ddd}
.polyact-table th,.polyact-table td{padding:0.25em 0.75em;border-bottom:1px solid #ddd}.polyact-table thead th{border-bottom:2px solid #444}
table.index td,table.index th{padding:0.3em 1em;border-bottom:1px solid #ddd;text-align:left}
.ok{color:#080}.fail{color:#a00;font-weight:600}.polyact-plot{width:100%;min-height:420px}
`;

/** Notebook name without folder and extension. */
export function notebookName(file: string): string {
  return basename(file).replace(/\.ipynb$/i, '');
}

/**
 * The first heading the page shows, else the notebook's name: headings of Markdown cells and of
 * the Markdown outputs of code cells, in order. So a notebook that generates its title from its
 * settings (the template and its forks: `pa.markdown('# ' + ...)`) is listed under that title.
 */
export function notebookTitle(nb: Notebook, fallback: string): string {
  for (const c of nb.cells) {
    const texts = c.cell_type === 'markdown' ? [sourceText(c)]
      : (c.outputs ?? []).flatMap((o) => ('data' in o && o.data['text/markdown'] !== undefined ? [text(o.data['text/markdown'])] : []));
    for (const t of texts) {
      const m = /^\s*#{1,6}\s+(.+)$/m.exec(t);
      if (m) return m[1].trim();
    }
  }
  return fallback;
}

function text(v: unknown): string {
  return Array.isArray(v) ? v.join('') : String(v ?? '');
}

/** The executed notebook as saved in out/notebooks/: the 11 MB plotly.js injection is elided. */
export function slimNotebook(nb: Notebook): Notebook {
  return {
    ...nb,
    cells: nb.cells.map((c) => (c.outputs ? {
      ...c,
      outputs: c.outputs.map((o) => (o.output_type === 'display_data' && o.metadata[PLOTLY_INIT_METADATA]
        ? { ...o, data: { 'text/plain': 'plotly.js (elided in this saved copy; re-run the notebook to draw the HTML charts)' } }
        : o)),
    } : c)),
  };
}

function renderOutput(o: Output, plotId: () => string): string {
  switch (o.output_type) {
    case 'stream':
      return `<pre class="stream ${o.name === 'stderr' ? 'stderr' : 'stdout'}">${escapeHtml(o.text)}</pre>`;
    case 'error':
      return `<pre class="error">${escapeHtml([`${o.ename}: ${o.evalue}`, ...o.traceback.filter((t) => t !== `${o.ename}: ${o.evalue}`)].join('\n'))}</pre>`;
    default: {
      if (o.metadata[PLOTLY_INIT_METADATA]) return '';
      const d = o.data;
      if (d[PLOTLY_MIME]) {
        const fig = d[PLOTLY_MIME] as { data?: unknown[]; layout?: Record<string, unknown>; config?: Record<string, unknown> };
        const id = plotId();
        // Traces hidden (visible: false or 'legendonly') draw nothing; the browser check counts the rest.
        const traces = Array.isArray(fig.data) ? fig.data.filter((t) => { const v = (t as { visible?: unknown })?.visible; return v !== false && v !== 'legendonly'; }).length : 0;
        return `<div id="${id}" class="polyact-plot" data-traces="${traces}"></div>`
          + `<script>(function(){var f=${scriptJson(fig)};Plotly.newPlot(${scriptJson(id)},f.data||[],f.layout||{},Object.assign({responsive:true},f.config||{}));})();</script>`;
      }
      if (d['text/html'] !== undefined) return `<div class="output-html">${text(d['text/html'])}</div>`;
      if (d['image/svg+xml'] !== undefined) return `<div class="output-html">${text(d['image/svg+xml'])}</div>`;
      for (const img of ['image/png', 'image/jpeg', 'image/gif']) {
        if (d[img] !== undefined) return `<img alt="output" src="data:${img};base64,${text(d[img]).replace(/\s/g, '')}">`;
      }
      if (d['text/markdown'] !== undefined) return `<div class="markdown">${marked.parse(text(d['text/markdown']), { async: false })}</div>`;
      if (d['text/latex'] !== undefined) return `<pre>${escapeHtml(text(d['text/latex']))}</pre>`;
      if (d['text/plain'] !== undefined) return `<pre>${escapeHtml(text(d['text/plain']))}</pre>`;
      return '';
    }
  }
}

/** One notebook as a standalone HTML page (plotly from ../assets relative to out/). */
export function notebookPage(entry: ReportEntry): string {
  const name = notebookName(entry.file);
  const title = notebookTitle(entry.notebook, name);
  let plots = 0;
  const plotId = (): string => `plot-${++plots}`;
  const cells = entry.notebook.cells.map((c, i) => {
    const src = sourceText(c);
    if (c.cell_type === 'markdown') return `<div class="cell markdown" id="cell-${i + 1}">${marked.parse(src, { async: false })}</div>`;
    if (c.cell_type === 'raw') return `<div class="cell raw" id="cell-${i + 1}"><pre>${escapeHtml(src)}</pre></div>`;
    const count = c.execution_count ?? ' ';
    const outs = (c.outputs ?? []).map((o) => renderOutput(o, plotId)).filter((s) => s !== '').map((s) => `<div class="output">${s}</div>`).join('\n');
    return `<div class="cell code" id="cell-${i + 1}"><div class="prompt">In [${count}]:</div><pre class="code"><code>${escapeHtml(src)}</code></pre>${outs}</div>`;
  }).join('\n');
  const status = entry.failure
    ? `<p class="fail">Failed at cell ${entry.failure.cell}: ${escapeHtml(entry.failure.message.split('\n')[0])}</p>` : '';
  // Plotly goes in <head>, so every chart script below finds window.Plotly.
  const plotly = plots > 0 ? `<script src="${PLOTLY_ASSET}"></script>` : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} - polyact</title>
<link rel="stylesheet" href="${CSS_ASSET}">${plotly}</head>
<body><nav><a href="index.html">polyact report</a> / ${escapeHtml(name)} · <a href="notebooks/${encodeURIComponent(name)}.ipynb">executed notebook</a> · run ${escapeHtml(runNote(entry))}</nav>
${status}
${cells}
</body></html>
`;
}

/** The index page: every notebook, its status and time. */
export function indexPage(entries: readonly ReportEntry[], generated: Date): string {
  const rows = entries.map((e) => {
    const name = notebookName(e.file);
    const st = e.failure ? `<span class="fail">failed at cell ${e.failure.cell}</span>` : '<span class="ok">ok</span>';
    return `<tr><td><a href="${encodeURIComponent(name)}.html">${escapeHtml(name)}</a></td><td>${escapeHtml(notebookTitle(e.notebook, name))}</td><td>${st}</td><td>${escapeHtml(runNote(e))}</td></tr>`;
  }).join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>polyact report</title><link rel="stylesheet" href="${CSS_ASSET}"></head>
<body><h1>polyact report</h1>
<p>Notebooks executed through the tslab kernel on ${escapeHtml(generated.toISOString())}.</p>
<table class="index"><thead><tr><th>Notebook</th><th>Title</th><th>Status</th><th>Run</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}

/** Write assets, executed notebooks, one page per notebook, then the index (each file atomically). */
export function writeReport(outDir: string, entries: readonly ReportEntry[], generated = new Date()): void {
  const plotlyTarget = join(outDir, PLOTLY_ASSET);
  const plotlySource = plotlyBundlePath();
  if (!existsSync(plotlyTarget) || statSync(plotlyTarget).size !== statSync(plotlySource).size) copyFileAtomic(plotlySource, plotlyTarget);
  writeFileAtomic(join(outDir, CSS_ASSET), CSS);
  for (const e of entries) {
    const name = notebookName(e.file);
    writeFileAtomic(join(outDir, 'notebooks', `${name}.ipynb`), serialiseNotebook(slimNotebook(e.notebook)));
    writeFileAtomic(join(outDir, `${name}.html`), notebookPage(e));
  }
  writeFileAtomic(join(outDir, 'index.html'), indexPage(entries, generated));
}
