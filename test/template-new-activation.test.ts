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
  assert.match(templateSettingsSource({ fn: 'x * tanh(log(1 + exp(x)))', name: 'Mish', interval: [-5, 5], degrees: [2, 4] }), /const fn = "x \* tanh\(log\(1 \+ exp\(x\)\)\)";\nconst name = "Mish";\nconst interval: \[number, number\] = \[-5, 5\];\nconst degrees = \[2,4\];/);
  assert.match(templateSettingsSource({ fn: 'gelu', interval: [-5, 5], degrees: [2] }), /const name = "gelu";/);
  // the settings come first, so the generated title is the first heading of the page (and of the report's index)
  assert.equal(nb.cells[0].id, 'settings');
  assert.ok(!nb.cells.some((c) => c.cell_type === 'markdown' && /^\s*#\s/m.test(text(c.source))), 'no static level-1 heading: the title is generated');
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
    assert.match(out('title'), /^# gelu on \[-8, 8\]: polynomial approximations against the certified optimum\n\nf\(x\) = x \/ 2 \* \(1 \+ erf\(x \/ sqrt\(2\)\)\); degrees N = 2, 3, 4, 6\./);
    // GELU(x) = x/2 + (x/2) erf(x / sqrt 2), an even function plus x/2: degrees 2 and 3 tie.
    const summary = out('optimum');
    assert.match(summary, /Certified optimum for gelu on \[-8, 8\]/);
    const row = (n: number): string[] => (summary.split('\n').find((l) => l.startsWith(`| ${n} |`)) ?? '').split('|').map((s) => s.trim());
    assert.equal(row(2)[4], row(3)[4], 'minimax max_loss of N = 2 and 3');
    assert.equal(row(2)[5], 'equal', 'the certified lower bound agrees to the digits shown');
    const pairs = out('pairs');
    assert.match(pairs, /^\| 6 \| 0\.0\d+ \| \d+ \| 0\.0\d+ \| yes \|$/m, 'N + 1 = 7 is computed for the pairs table');
    const findings = out('findings');
    assert.match(findings, /^## Findings\n\n1\. /);
    assert.match(findings, /The degree pairs \(2, 3\), \(4, 5\) and \(6, 7\) have the same minimax polynomial/);
    assert.match(findings, /f is even \+ linear on this interval/);
    assert.equal(text(executed.cells.find((c) => c.id === 'settings')?.source).includes('const fn = "gelu";'), true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
