/**
 * The template notebook works for an activation it was not written for: instantiate it for GELU on
 * [-8, 8] (its one settings cell replaced programmatically), execute it through the headless runner
 * into a temporary folder (never into notebooks/), and check the numbers it shows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../lib/errors';
import { instantiateTemplate, templateSettingsSource } from '../lib/optimal/template';
import { ROOT, runRunner } from './workspace-support';

const TEMPLATE = join(ROOT, 'notebooks', 'template-new-activation.ipynb');

interface Cell { id?: string; cell_type: string; source: string | string[]; outputs?: { output_type: string; data?: Record<string, unknown> }[] }
const text = (v: unknown): string => (Array.isArray(v) ? v.join('') : String(v ?? ''));

test('the template has exactly one settings cell and is saved without outputs', () => {
  const nb = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as { cells: Cell[] };
  assert.equal(nb.cells.filter((c) => c.id === 'settings').length, 1);
  for (const c of nb.cells) if (c.cell_type === 'code') assert.deepEqual(c.outputs, []);
  assert.match(templateSettingsSource({ fn: 'x * tanh(log(1 + exp(x)))', interval: [-5, 5], degrees: [2, 4] }), /const fn = "x \* tanh\(log\(1 \+ exp\(x\)\)\)";\nconst interval: \[number, number\] = \[-5, 5\];\nconst degrees = \[2,4\];/);
  assert.throws(() => instantiateTemplate(nb, { fn: 'gelu', interval: [1, -1], degrees: [2] }), (e: unknown) => e instanceof InputError && e.argument === 'interval');
  assert.throws(() => instantiateTemplate(nb, { fn: 'gelu', interval: [-1, 1], degrees: [] }), (e: unknown) => e instanceof InputError && e.argument === 'degrees');
});

test('instantiated for GELU on [-8, 8], the template executes and reports the certified optimum', { timeout: 10 * 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'polyact-template-'));
  try {
    const nb = instantiateTemplate(JSON.parse(readFileSync(TEMPLATE, 'utf8')) as { cells: Cell[] }, { fn: 'gelu', interval: [-8, 8], degrees: [2, 3, 4, 6] });
    const file = join(dir, 'gelu.ipynb');
    writeFileSync(file, JSON.stringify(nb, null, 1));
    const run = await runRunner([file, '--out', join(dir, 'out'), '--quiet']);
    assert.equal(run.code, 0, `runner failed:\n${run.stdout}\n${run.stderr}`);
    const executed = JSON.parse(readFileSync(join(dir, 'out', 'notebooks', 'gelu.ipynb'), 'utf8')) as { cells: Cell[] };
    const out = (id: string): string => text(executed.cells.find((c) => c.id === id)?.outputs?.map((o) => text(o.data?.['text/markdown'] ?? o.data?.['text/plain'])).join('\n'));
    for (const c of executed.cells) if (c.cell_type === 'code') assert.ok(!(c.outputs ?? []).some((o) => o.output_type === 'error'), `cell ${c.id}`);
    // GELU(x) = x/2 + (x/2) erf(x / sqrt 2), an even function plus x/2: degrees 2 and 3 tie.
    const summary = out('optimum');
    assert.match(summary, /Certified optimum for gelu on \[-8, 8\]/);
    const row = (n: number): string[] => (summary.split('\n').find((l) => l.startsWith(`| ${n} |`)) ?? '').split('|').map((s) => s.trim());
    assert.equal(row(2)[3], row(3)[3], 'minimax max_loss of N = 2 and 3');
    const findings = out('findings');
    assert.match(findings, /^## Findings\n\n1\. /);
    assert.match(findings, /Degrees 2-3 have the same minimax max_loss/);
    assert.equal(text(executed.cells.find((c) => c.id === 'settings')?.source).includes('const fn = "gelu";'), true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
