/**
 * Stock Jupyter: `jupyter nbconvert --to notebook --execute` runs a notebook with the project
 * kernelspec found through JUPYTER_PATH=<repo>/jupyter (nothing installed globally).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLOTLY_MIME } from '../lib/display/plot';
import { jupyterEnv } from '../scripts/jupyter';
import { ROOT, skipUnless } from './workspace-support';

const env = { ...jupyterEnv(), PYDEVD_DISABLE_FILE_VALIDATION: '1' };
const nbconvert = spawnSync('jupyter', ['nbconvert', '--version'], { env, encoding: 'utf8' });
const kernelspecs = spawnSync('jupyter', ['kernelspec', 'list', '--json'], { env, encoding: 'utf8' });
const available = nbconvert.status === 0 && kernelspecs.status === 0;
const install = 'apt-get install -y --no-install-recommends jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel';

test('jupyter finds the project kernelspec through JUPYTER_PATH', { skip: skipUnless({ name: 'Jupyter (nbconvert, jupyter-client)', available, install }) }, () => {
  const specs = JSON.parse(kernelspecs.stdout).kernelspecs;
  assert.equal(specs.polyact?.resource_dir, join(ROOT, 'jupyter', 'kernels', 'polyact'));
  assert.equal(specs.polyact.spec.display_name, 'TypeScript (polyact)');
});

test('nbconvert --execute runs 01-activations with the polyact kernel', { skip: skipUnless({ name: 'Jupyter (nbconvert, jupyter-client)', available, install }), timeout: 5 * 60_000 }, () => {
  const out = mkdtempSync(join(tmpdir(), 'polyact-nbconvert-'));
  try {
    // Run from another folder: the launcher must find the project root by itself.
    const r = spawnSync('jupyter', ['nbconvert', '--to', 'notebook', '--execute', join(ROOT, 'notebooks', '01-activations.ipynb'),
      '--output-dir', out, '--ExecutePreprocessor.kernel_name=polyact', '--ExecutePreprocessor.timeout=300'], { cwd: out, env, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const nb = JSON.parse(readFileSync(join(out, '01-activations.ipynb'), 'utf8'));
    assert.equal(nb.metadata.kernelspec.name, 'polyact');
    const code = nb.cells.filter((c: { cell_type: string }) => c.cell_type === 'code');
    // (execution_count stays null here: nbclient takes it from iopub execute_input, which tslab never sends.)
    assert.equal(code.length, 6);
    const outputs = code.flatMap((c: { outputs: Array<{ output_type: string; data?: Record<string, unknown> }> }) => c.outputs);
    assert.ok(!outputs.some((o: { output_type: string }) => o.output_type === 'error'));
    const plots = outputs.filter((o: { data?: Record<string, unknown> }) => o.data?.[PLOTLY_MIME]);
    assert.equal(plots.length, 2);
    for (const p of plots) assert.deepEqual(Object.keys(p.data ?? {}).sort(), [PLOTLY_MIME, 'text/html', 'text/plain'].sort());
    assert.ok(outputs.some((o: { data?: Record<string, unknown> }) => String(o.data?.['text/html'] ?? '').includes('<table class="polyact-table">')));
    // the findings, generated from the table's numbers
    assert.ok(outputs.some((o: { data?: Record<string, unknown> }) => /^1\. f\(0\) is 0 for ReLU and tanh/.test(String(o.data?.['text/markdown'] ?? ''))));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
