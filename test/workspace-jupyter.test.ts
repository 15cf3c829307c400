import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { installKernel, jupyterArgs, jupyterEnv, userDataDir } from '../scripts/jupyter';
import { ROOT } from './workspace-support';

test('jupyterEnv: the project kernelspec folder first on JUPYTER_PATH, once', () => {
  const own = join(ROOT, 'jupyter');
  assert.equal(jupyterEnv({}).JUPYTER_PATH, own);
  assert.equal(jupyterEnv({ JUPYTER_PATH: ['/a', own, '/b'].join(delimiter) }).JUPYTER_PATH, [own, '/a', '/b'].join(delimiter));
  assert.equal(jupyterEnv({ HOME: '/h' }).HOME, '/h');
});

test('userDataDir: JUPYTER_DATA_DIR, else the jupyter_core default per platform', () => {
  assert.equal(userDataDir({ JUPYTER_DATA_DIR: '/d' }, 'linux'), '/d');
  assert.equal(userDataDir({}, 'linux'), join(homedir(), '.local', 'share', 'jupyter'));
  assert.equal(userDataDir({ XDG_DATA_HOME: '/x' }, 'linux'), join('/x', 'jupyter'));
  assert.equal(userDataDir({}, 'darwin'), join(homedir(), 'Library', 'Jupyter'));
  assert.equal(userDataDir({ APPDATA: 'C:/Users/u/AppData/Roaming' }, 'win32'), join('C:/Users/u/AppData/Roaming', 'jupyter'));
});

test('installKernel: a per-user kernelspec with the absolute launcher path of this checkout', () => {
  const dir = mkdtempSync(join(tmpdir(), 'polyact-jdata-'));
  try {
    const where = installKernel({ JUPYTER_DATA_DIR: dir });
    assert.equal(where, join(dir, 'kernels', 'polyact'));
    const spec = JSON.parse(readFileSync(join(where, 'kernel.json'), 'utf8'));
    assert.deepEqual(spec.argv, ['node', join(ROOT, 'jupyter', 'kernels', 'polyact') + '/launch.js', '{connection_file}']);
    assert.equal(spec.display_name, 'TypeScript (polyact)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('jupyterArgs: the user\'s arguments after the app, --allow-root added for root (Notebook and Lab refuse root without it)', () => {
  assert.deepEqual(jupyterArgs('notebook', ['--port', '8899', '--no-browser'], 0), ['notebook', '--port', '8899', '--no-browser', '--allow-root']);
  assert.deepEqual(jupyterArgs('lab', [], 0), ['lab', '--allow-root']);
  assert.deepEqual(jupyterArgs('lab', ['--allow-root'], 0), ['lab', '--allow-root']);
  assert.deepEqual(jupyterArgs('notebook', ['--no-browser'], 1000), ['notebook', '--no-browser']);
});
