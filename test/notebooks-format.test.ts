/**
 * Every notebook in notebooks/ is a valid nbformat 4.5 document as committed: unique cell ids of
 * nbformat's pattern, the polyact kernelspec, no outputs. A pure-TypeScript check that always runs,
 * and the reference validator (python3's nbformat, Debian python3-nbformat) with its warnings as
 * errors (a missing id is only a warning there) when it is installed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, skipUnless } from './workspace-support';

const DIR = join(ROOT, 'notebooks');
const files = readdirSync(DIR).filter((f) => f.endsWith('.ipynb')).sort();
/** nbformat 4.5's cell id schema. */
const ID = /^[a-zA-Z0-9-_]+$/;

interface Cell { id?: unknown; cell_type: string; outputs?: unknown[]; execution_count?: unknown }
interface Notebook { nbformat: number; nbformat_minor: number; metadata: { kernelspec?: { name?: string } }; cells: Cell[] }

describe('notebooks are valid nbformat 4.5', () => {
  it('finds the notebooks', () => assert.ok(files.length >= 9, files.join(', ')));

  for (const f of files) {
    it(`${f}: nbformat >= 4.5, unique cell ids, kernelspec polyact, no outputs`, () => {
      const nb = JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Notebook;
      assert.equal(nb.nbformat, 4);
      assert.ok(nb.nbformat_minor >= 5, `nbformat_minor ${nb.nbformat_minor}: cell ids need 4.5`);
      assert.equal(nb.metadata.kernelspec?.name, 'polyact');
      const seen = new Set<string>();
      nb.cells.forEach((c, i) => {
        assert.ok(typeof c.id === 'string' && c.id.length >= 1 && c.id.length <= 64 && ID.test(c.id), `cell ${i + 1}: id ${JSON.stringify(c.id)} (1-64 characters of [a-zA-Z0-9-_])`);
        assert.ok(!seen.has(c.id), `cell ${i + 1}: duplicate id ${c.id}`);
        seen.add(c.id);
        if (c.cell_type === 'code') {
          assert.deepEqual(c.outputs, [], `cell ${i + 1} (${c.id}): saved with outputs; clear them before committing`);
          assert.equal(c.execution_count, null, `cell ${i + 1} (${c.id}): execution_count`);
        }
      });
    });
  }

  // python3 on the PATH may be another installation (pyenv) without nbformat; Debian's is /usr/bin/python3.
  const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import nbformat'], { stdio: 'ignore' }).status === 0);
  const skip = skipUnless({ name: "python3's nbformat", available: python !== undefined, install: 'apt-get install -y --no-install-recommends python3-nbformat' });
  it("nbformat's own validator accepts every notebook, warnings as errors", { skip }, () => {
    const script = [
      'import json, sys, warnings, nbformat',
      'out = {}',
      'for f in sys.argv[1:]:',
      '    with warnings.catch_warnings(record=True) as w:',
      "        warnings.simplefilter('always')",
      '        try:',
      '            nbformat.validate(nbformat.read(f, as_version=nbformat.NO_CONVERT))',
      '            out[f] = [str(x.message) for x in w]',
      '        except Exception as e:',
      "            out[f] = [type(e).__name__ + ': ' + str(e)]",
      'print(json.dumps(out))',
    ].join('\n');
    const run = spawnSync(python!, ['-c', script, ...files.map((f) => join(DIR, f))], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const problems = Object.entries(JSON.parse(run.stdout) as Record<string, string[]>).filter(([, msgs]) => msgs.length > 0);
    assert.deepEqual(problems, []);
  });
});
