/**
 * `npm run export [-- --out <dir>] [--no-svg] [--seeds <n>]`: the paper's recomputed tables and the
 * notebooks' figures as files for papers, in data/results/ by default:
 * - every table as CSV (full precision) and LaTeX (booktabs, the paper's number formatting);
 * - every figure as a standalone SVG, rendered by plotly.js in headless Chromium (scripts/browser.ts).
 *
 * Deterministic: a second run writes byte-identical files (seeded computations; plotly's random
 * ids come from seedrandom, installed as the page's global generator; no timestamps; the SVG
 * serialisation normalised: attributes in name order). Chromium is optional: without it
 * the CSV and LaTeX files are still written and the skipped SVGs are listed with the install
 * command, except under CI=true, where the SVG export is required (exit 1).
 * Bad arguments: one line on stderr, exit 2.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { InputError } from '../lib/errors';
import { integerOption, parseArgs, type OptionSpec } from '../lib/cli/args';
import type { Figure } from '../lib/display/plot';
import { paperFigures, type NamedFigure } from '../lib/paper/figures';
import { stored } from '../lib/store/store';
import { chromiumAvailable, withBrowser } from './browser';
import { writeFileAtomic } from './runner/files';
import { INPUT_PATHS, projectFingerprint } from './runner/inputs';

const ROOT = resolve(__dirname, '..');
export const INSTALL_COMMAND = 'apt-get install -y --no-install-recommends chromium';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'out', type: 'string', description: 'output folder', default: 'data/results' },
  { name: 'seeds', type: 'integer', description: 'seeds per random-node row', default: 200 },
  { name: 'no-svg', type: 'flag', description: 'write only the CSV and LaTeX tables' },
  { name: 'fresh', type: 'flag', description: 'write the files even when their inputs are unchanged since the last export' },
  { name: 'help', type: 'flag', description: 'show this help' },
];

const HELP = `Usage: npm run export [-- [--out <dir>] [--seeds <n>] [--no-svg] [--fresh]]

Writes every recomputed table of the paper as CSV and LaTeX, and every figure of notebooks 02-05
as SVG (headless Chromium; skipped with a notice when Chromium is absent, required under CI=true).

${OPTIONS.map((o) => `  --${o.name.padEnd(8)} ${o.description}${o.default !== undefined ? ` (default ${o.default})` : ''}`).join('\n')}`;

/** A start tag whose attributes are all double-quoted (plotly writes no other kind). */
const START_TAG = /<([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>/g;
const ATTRIBUTE = /([\w:.-]+)="([^"]*)"/g;

/**
 * The SVG with every start tag's attributes in name order. Attribute order means nothing in XML,
 * but the browser serialises it in the order the attributes were set, which for plotly's root
 * <svg> depends on timing (1 run in 5 differed): sorted, the bytes are the same on every run.
 */
export function normaliseSvg(svg: string): string {
  return svg.replace(START_TAG, (_tag, name: string, attributes: string, selfClosing: string) => {
    const attrs = [...attributes.matchAll(ATTRIBUTE)].map((m) => [m[1], m[2]] as const);
    attrs.sort((u, v) => (u[0] < v[0] ? -1 : u[0] > v[0] ? 1 : 0));
    return `<${name}${attrs.map(([k, v]) => ` ${k}="${v}"`).join('')}${selfClosing ? '/' : ''}>`;
  });
}

/** Standalone SVGs of the figures, rendered by plotly.js in one Chromium page. */
export async function renderSvgs(figures: readonly { name: string; figure: Figure }[]): Promise<Map<string, string>> {
  const plotly = readFileSync(require.resolve('plotly.js-dist/plotly.js'), 'utf8');
  const out = new Map<string, string>();
  await withBrowser(async (session) => {
    const page = await session.newPage();
    await page.setContent('<!doctype html><html><body><div id="plot"></div></body></html>');
    await page.addScriptTag({ content: plotly });
    // seedrandom's browser build adds Math.seedrandom, which replaces the page's generator.
    await page.addScriptTag({ content: readFileSync(require.resolve('seedrandom/seedrandom.js'), 'utf8') });
    for (const { name, figure } of figures) {
      const layout = figure.layout ?? {};
      const width = (layout.width as number | undefined) ?? 900, height = (layout.height as number | undefined) ?? 450;
      const url = await page.evaluate(async ({ data, layout: l, width: w, height: h }) => {
        // plotly draws random ids (clip paths, uids): reseeding the page's generator for every
        // figure makes the SVG bytes the same on every run and independent of figure order.
        (Math as unknown as { seedrandom: (seed: string) => void }).seedrandom('polyact-export');
        const P = (window as unknown as { Plotly: { newPlot: Function; toImage: Function; purge: Function } }).Plotly;
        const el = document.getElementById('plot');
        await P.newPlot(el, data, { ...l, width: w, height: h }, { staticPlot: true });
        const img = await P.toImage(el, { format: 'svg', width: w, height: h });
        P.purge(el);
        return img as string;
      }, { data: figure.data, layout, width, height });
      const comma = url.indexOf(',');
      const svg = normaliseSvg(decodeURIComponent(url.slice(comma + 1)));
      out.set(name, svg.endsWith('\n') ? svg : svg + '\n');
    }
  });
  return out;
}

/** What the last export wrote, and from which inputs (in the output folder; git ignores it). */
const STAMP = '.inputs.json';

function readStamp(file: string): { fingerprint: string; date: string; written: string[] } | null {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8'));
    return typeof s.fingerprint === 'string' && typeof s.date === 'string' && Array.isArray(s.written) ? s : null;
  } catch {
    return null;
  }
}

export interface ExportResult {
  readonly written: string[];
  readonly skippedSvgs: string[];
}

/** Write the tables and (when Chromium is there and `svg`) the figures into `outDir`. */
export async function exportResults(outDir: string, options: { svg: boolean; seeds: number }): Promise<ExportResult> {
  // The notebooks' stored reproduction (lib/store), computed here only when there is none for the
  // code at hand; never stored from here (other seeds are a test's, and the notebooks store theirs).
  const repro = await stored('reproducePaper', { seeds: options.seeds }, { write: false });
  const written: string[] = [];
  for (const t of repro.reports) {
    writeFileAtomic(join(outDir, `${t.name}.csv`), t.csv());
    writeFileAtomic(join(outDir, `${t.name}.tex`), t.latex());
    written.push(`${t.name}.csv`, `${t.name}.tex`);
  }
  const named: NamedFigure[] = paperFigures(() => repro);
  let skippedSvgs: string[] = [];
  if (options.svg && chromiumAvailable()) {
    const svgs = await renderSvgs(named.map((f) => ({ name: f.name, figure: f.build() })));
    for (const [name, svg] of svgs) {
      writeFileAtomic(join(outDir, `${name}.svg`), svg);
      written.push(`${name}.svg`);
    }
  } else if (options.svg) {
    skippedSvgs = named.map((f) => `${f.name}.svg`);
  }
  // Remove results of figures or tables that no longer exist (stale files would look current).
  const keep = new Set([...written, 'README.md']);
  const rendered = written.some((f) => f.endsWith('.svg'));
  for (const f of readdirSync(outDir)) {
    if ((/\.(csv|tex)$/.test(f) || (rendered && f.endsWith('.svg'))) && !keep.has(f)) rmSync(join(outDir, f));
  }
  return { written, skippedSvgs };
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, OPTIONS);
  if (args.options.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  if (args.positionals.length > 0) throw new InputError('arguments', `unexpected '${args.positionals[0]}'; see npm run export -- --help`);
  const outDir = resolve(ROOT, String(args.options.out ?? 'data/results'));
  const seeds = integerOption(args, 'seeds', 200) as number;
  if (seeds < 2) throw new InputError('--seeds', `expected an integer >= 2, got ${seeds}`);
  const svg = !args.options['no-svg'];
  const ci = process.env.CI === 'true';
  if (svg && ci && !chromiumAvailable()) {
    process.stderr.write(`export: CI=true requires the SVG export, but Chromium is absent; install it with: ${INSTALL_COMMAND}\n`);
    return 1;
  }
  // The files depend on lib/, data/ and this script only: unchanged inputs, unchanged files (runner/inputs.ts).
  const withSvg = svg && chromiumAvailable();
  const fingerprint = createHash('sha256').update(projectFingerprint(ROOT, [...INPUT_PATHS, 'scripts/export.ts', 'scripts/browser.ts']))
    .update(JSON.stringify({ seeds, withSvg })).digest('hex');
  const stampFile = join(outDir, STAMP);
  if (!args.options.fresh) {
    const stamp = readStamp(stampFile);
    if (stamp?.fingerprint === fingerprint && stamp.written.every((f) => existsSync(join(outDir, f)))) {
      process.stdout.write(`export: ${relative(ROOT, outDir) || '.'} is up to date (inputs unchanged since ${stamp.date.replace('T', ' ').slice(0, 16)} UTC; --fresh writes it again)\n`);
      return 0;
    }
  }
  const t0 = Date.now();
  const { written, skippedSvgs } = await exportResults(outDir, { svg, seeds });
  writeFileAtomic(stampFile, JSON.stringify({ fingerprint, date: new Date().toISOString(), written }) + '\n');
  process.stdout.write(`export: wrote ${written.length} files to ${relative(ROOT, outDir) || '.'} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  if (skippedSvgs.length > 0) {
    process.stdout.write(`export: Chromium not found; skipped ${skippedSvgs.length} SVG figures (${skippedSvgs.join(', ')}). Install it with: ${INSTALL_COMMAND}\n`);
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
    if (e instanceof InputError) {
      process.stderr.write(`export: ${e.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`export: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    }
  });
}
