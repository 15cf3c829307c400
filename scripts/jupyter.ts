/**
 * `npm run jupyter [-- lab|notebook] [jupyter args...]`: open the project in Jupyter with the
 * project kernel. Sets JUPYTER_PATH=<root>/jupyter (the `polyact` kernelspec lives there, so no
 * `jupyter kernelspec install` and no global tslab are needed) and starts JupyterLab if installed,
 * else the classic Notebook, in the project root, e.g.
 * `npm run jupyter -- notebook --port 8899 --no-browser` (arguments after `--` go to jupyter;
 * `--allow-root` is added when running as root).
 *
 * It keeps one warm spare kernel (runner/spare.ts), so opening or restarting a notebook does not
 * wait for TypeScript. SIGINT / SIGTERM stop Jupyter (which shuts its kernels down), then the spares;
 * this process exits once all of them have.
 *
 * `npm run jupyter -- install-kernel` instead registers the kernel for the current user (for VS Code
 * or a Jupyter started elsewhere): a kernel.json in the user's Jupyter data folder whose argv holds
 * the absolute path of this checkout's launcher (re-run it if the checkout moves).
 */
import { spawn, spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from './runner/files';
import { SpareKernels } from './runner/spare';

const ROOT = resolve(__dirname, '..');

/** The environment with the project's kernelspec folder first on JUPYTER_PATH. */
export function jupyterEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const own = join(ROOT, 'jupyter');
  const rest = (env.JUPYTER_PATH ?? '').split(delimiter).filter((p) => p !== '' && p !== own);
  return { ...env, JUPYTER_PATH: [own, ...rest].join(delimiter) };
}

function has(sub: string): boolean {
  const r = spawnSync('jupyter', [sub, '--version'], { stdio: 'ignore', env: jupyterEnv() });
  return r.status === 0;
}

/** The per-user Jupyter data folder (JUPYTER_DATA_DIR, else the platform default jupyter_core uses). */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.JUPYTER_DATA_DIR) return env.JUPYTER_DATA_DIR;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Jupyter');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'jupyter');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'jupyter');
}

/** Write the user-level kernelspec pointing at this checkout; returns its folder. */
export function installKernel(env: NodeJS.ProcessEnv = process.env): string {
  const spec = JSON.parse(readFileSync(join(ROOT, 'jupyter', 'kernels', 'polyact', 'kernel.json'), 'utf8')) as { argv: string[] };
  spec.argv = spec.argv.map((a) => a.replace('{resource_dir}', join(ROOT, 'jupyter', 'kernels', 'polyact')));
  const dir = join(userDataDir(env), 'kernels', 'polyact');
  writeFileAtomic(join(dir, 'kernel.json'), JSON.stringify(spec, null, 2) + '\n');
  return dir;
}

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === 'install-kernel') {
    const dir = installKernel();
    process.stdout.write(`Installed kernelspec "polyact" (TypeScript (polyact)) in ${dir}, running ${ROOT}\n`);
    return;
  }
  const explicit = args[0] === 'lab' || args[0] === 'notebook' ? args.shift() : undefined;
  const app = explicit ?? (has('lab') ? 'lab' : has('notebook') ? 'notebook' : undefined);
  if (!app) {
    process.stderr.write('npm run jupyter: neither JupyterLab nor Jupyter Notebook is installed; '
      + 'install one (pip install jupyterlab, or apt-get install jupyter-notebook), or open notebooks/ in VS Code '
      + 'and pick the kernel "TypeScript (polyact)" (see environment.md)\n');
    process.exitCode = 2;
    return;
  }
  const spares = new SpareKernels({ root: ROOT, refill: true });
  spares.prepare();
  const child = spawn('jupyter', jupyterArgs(app, args), { cwd: ROOT, env: { ...jupyterEnv(), ...spares.env }, stdio: 'inherit' });
  // Stop Jupyter on SIGINT / SIGTERM / SIGHUP (a Ctrl-C in the terminal reaches Jupyter too; SIGTERM
  // makes it stop without asking), and wait for it: it shuts its kernels down before exiting.
  const stop = (): void => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM'); };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  // `npm run` starts this through `sh -c`, which dies of a SIGTERM sent to npm without passing it on:
  // being re-parented means whoever started us is gone, so stop as for a signal.
  const parent = process.ppid;
  setInterval(() => { if (process.ppid !== parent) stop(); }, 500).unref();
  const finish = (code: number): void => {
    process.exitCode = code;
    void spares.close().then(() => process.exit());
  };
  child.on('error', (e) => {
    process.stderr.write(`npm run jupyter: cannot start jupyter ${app}: ${e.message}\n`);
    finish(2);
  });
  child.on('exit', (code, signal) => finish(code ?? (signal ? 1 : 0)));
}

/** jupyter's arguments: the app, the user's arguments, and `--allow-root` when running as root (Notebook and Lab refuse root without it). */
export function jupyterArgs(app: string, args: readonly string[], uid = process.getuid?.()): string[] {
  const out = [app, ...args];
  if (uid === 0 && (app === 'notebook' || app === 'lab') && !args.includes('--allow-root')) out.push('--allow-root');
  return out;
}

if (require.main === module) main();
