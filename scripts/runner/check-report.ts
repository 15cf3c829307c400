/**
 * Open every page of the HTML report in headless Chromium and check that it really draws: each
 * plot container holds a plotly SVG with the expected number of traces (data-traces, written by
 * the report from the figure JSON), and the console logged no errors. Saves a screenshot of the
 * first chart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withBrowser } from '../browser';

/** SVG groups plotly draws, one per trace, by trace family. */
export const TRACE_GROUPS = ['trace', 'hm', 'contour', 'table'].map((c) => `svg.main-svg g.${c}`).join(', ');

export interface PageCheck {
  page: string;
  plots: number;
  /** Problems found on this page (empty: fine). */
  problems: string[];
}

/** The notebook pages the index links to. */
export function reportPages(outDir: string): string[] {
  const index = readFileSync(join(outDir, 'index.html'), 'utf8');
  return ["index.html", ...[...index.matchAll(/<a href="([^"/]+\.html)">/g)].map((m) => decodeURIComponent(m[1]))];
}

export interface CheckOptions {
  /** Where to save a PNG of the first chart. */
  screenshot?: string;
  /** How long a chart may take to draw (default 15 s). */
  plotTimeoutMs?: number;
}

/** Check the index and every notebook page of the report in `outDir`. */
export async function checkReport(outDir: string, options: CheckOptions = {}): Promise<PageCheck[]> {
  const { screenshot, plotTimeoutMs = 15_000 } = options;
  const pages = reportPages(outDir);
  return withBrowser(async (session) => {
    const results: PageCheck[] = [];
    let shot = false;
    for (const name of pages) {
      const page = await session.newPage();
      const problems: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`failed to load ${r.url()}: ${r.failure()?.errorText ?? ''}`));
      await page.goto(pathToFileURL(join(outDir, name)).href, { waitUntil: 'load' });
      const plots = await page.locator('.polyact-plot').count();
      for (let i = 0; i < plots; i++) {
        const plot = page.locator('.polyact-plot').nth(i);
        const id = await plot.getAttribute('id');
        const expected = Number(await plot.getAttribute('data-traces'));
        try {
          await plot.locator('svg.main-svg').first().waitFor({ state: 'attached', timeout: plotTimeoutMs });
        } catch {
          problems.push(`plot ${id}: no SVG drawn`);
          continue;
        }
        // Plotly draws one group per trace in its SVG: <g class="trace"> (scatter, bar, pie, ...),
        // <g class="hm"> (heatmap), <g class="contour">, <g class="table">.
        const drawn = await plot.locator(TRACE_GROUPS).count();
        if (drawn !== expected) problems.push(`plot ${id}: ${drawn} traces drawn, expected ${expected}`);
        if (screenshot && !shot) {
          await plot.scrollIntoViewIfNeeded();
          await plot.screenshot({ path: screenshot });
          shot = true;
        }
      }
      results.push({ page: name, plots, problems });
      await page.close();
    }
    return results;
  });
}
