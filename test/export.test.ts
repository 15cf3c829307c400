/**
 * `npm run export` (scripts/export.ts): tables as CSV and LaTeX, figures as SVG, deterministic;
 * without Chromium the tables are still written and the skipped SVGs named; bad arguments exit 2.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromiumAvailable } from '../scripts/browser';
import { exportResults, renderSvgs } from '../scripts/export';
import { sigmoidPeakFigure } from '../lib/paper/figures';
import { nodesFigure } from '../lib/figures/nodes';

const ROOT = resolve(__dirname, '..');
const TABLES = ['random-rows', 'status', 'table1', 'table2', 'table3', 'table4', 'table5', 'table6', 'table7', 'table8'];

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/export.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
}

test('tables: CSV and LaTeX for every table, byte-identical on a second run, stale files removed', async () => {
  const a = mkdtempSync(join(tmpdir(), 'polyact-export-a-'));
  const b = mkdtempSync(join(tmpdir(), 'polyact-export-b-'));
  try {
    writeFileSync(join(a, 'old-table.csv'), 'stale\n');
    await exportResults(a, { svg: false, seeds: 20 });
    await exportResults(b, { svg: false, seeds: 20 });
    const files = readdirSync(a).sort();
    assert.deepEqual(files, TABLES.flatMap((t) => [`${t}.csv`, `${t}.tex`]).sort());
    for (const f of files) assert.equal(readFileSync(join(a, f), 'utf8'), readFileSync(join(b, f), 'utf8'), f);
    const tex = readFileSync(join(a, 'table1.tex'), 'utf8');
    assert.match(tex, /\\toprule[\s\S]*\\midrule[\s\S]*\\bottomrule/);
    // The paper's formatting: four decimals, coefficients with \cdot 10^{e}.
    assert.match(tex, /Chebyshev & 2 & \$0\.002122x\^\{2\} \+ 0\.5x \+ 21\.22\$ & \$0\.002122x\^\{2\} \+ 0\.5x \+ 21\.22\$ & 0\.1061 & 0\.1061 & 0\.1061 & reproduced \\\\/);
    assert.match(tex, /-2\.834 \\cdot 10\^\{-7\}\\,x\^\{3\}/);
    const csv = readFileSync(join(a, 'table2.csv'), 'utf8').split('\n');
    assert.match(csv[0], /^method,N,published polynomial,our polynomial,MSE \(paper\)/);
    assert.equal(csv.length, 18 + 2);
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});

test('without Chromium: tables written, skipped SVGs named with the install command; under CI=true exit 1', () => {
  const out = mkdtempSync(join(tmpdir(), 'polyact-export-c-'));
  try {
    const r = run(['--out', out, '--seeds', '2'], { POLYACT_CHROMIUM: '/nonexistent/chromium', CI: 'false' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /skipped 12 SVG figures \(02-nodes-3\.svg, .*\)\. Install it with: apt-get install -y --no-install-recommends chromium/);
    assert.equal(readdirSync(out).filter((f) => f.endsWith('.csv')).length, 10);
    const ci = run(['--out', out, '--seeds', '2'], { POLYACT_CHROMIUM: '/nonexistent/chromium', CI: 'true' });
    assert.equal(ci.status, 1);
    assert.match(ci.stderr, /^export: CI=true requires the SVG export.*apt-get install/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('unchanged inputs: a second export writes nothing; --fresh or a missing file writes again', () => {
  const out = mkdtempSync(join(tmpdir(), 'polyact-export-s-'));
  try {
    const env = { POLYACT_CHROMIUM: '/nonexistent/chromium', CI: 'false' };
    assert.match(run(['--out', out, '--seeds', '2', '--no-svg'], env).stdout, /^export: wrote 20 files/m);
    const table = join(out, 'table1.csv');
    const before = statSync(table).mtimeMs;
    const again = run(['--out', out, '--seeds', '2', '--no-svg'], env);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /^export: .* is up to date \(inputs unchanged since \d{4}-\d\d-\d\d \d\d:\d\d UTC; --fresh writes it again\)$/m);
    assert.equal(statSync(table).mtimeMs, before, 'not rewritten');
    assert.match(run(['--out', out, '--seeds', '3', '--no-svg'], env).stdout, /^export: wrote 20 files/m, 'other options, other files');
    assert.match(run(['--out', out, '--seeds', '3', '--no-svg', '--fresh'], env).stdout, /^export: wrote 20 files/m);
    rmSync(table);
    assert.match(run(['--out', out, '--seeds', '3', '--no-svg'], env).stdout, /^export: wrote 20 files/m, 'a deleted file is written again');
    assert.ok(existsSync(table));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('bad arguments: one line on stderr, exit 2', () => {
  for (const args of [['--seeds', 'x'], ['--nope'], ['extra']]) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^export: /);
  }
});

test('SVG: standalone, deterministic across runs (plotly ids seeded)', { skip: !chromiumAvailable() && process.env.CI !== 'true' ? 'Chromium absent' : false }, async () => {
  const figures = [{ name: 'peak', figure: sigmoidPeakFigure() }, { name: 'nodes', figure: nodesFigure([-3, 3], { m: 200, seed: 1 }) }];
  const first = await renderSvgs(figures);
  const second = await renderSvgs([...figures].reverse());
  for (const { name } of figures) {
    const svg = first.get(name)!;
    assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    if (name === 'peak') assert.match(svg, /dense max 0\.4615/); // the dense-grid peak label of the sigmoid figure
    assert.equal(svg, second.get(name), `${name} differs between runs`);
  }
});
