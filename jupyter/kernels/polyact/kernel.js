/**
 * The tslab kernel of the polyact kernelspec, in two steps so that a spare kernel can be made ready
 * before Jupyter gives it a connection file: `prepare()` loads tslab (patched, see patches/) and
 * creates its compiler and executor; `serve()` answers Jupyter on the ports of a connection file.
 * Together they are what tslab's own `startKernel` (tslab/dist/main.js) does.
 *
 * Used by launch.js (a cold kernel: prepare, then serve) and spare.js (prepare, warm, wait, serve).
 */
'use strict';
const path = require('path');
const fs = require('fs');
const { Worker } = require('worker_threads');

/** The project root: three levels above this file (jupyter/kernels/polyact/). */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const TSLAB = path.join(ROOT, 'node_modules', 'tslab');

/**
 * Why the project's tslab cannot run this kernel (not installed, or installed without the patch
 * that `npm ci` applies), or null when it can.
 */
function tslabProblem() {
  const converter = path.join(TSLAB, 'dist', 'converter.js');
  if (!fs.existsSync(converter)) return `${converter} not found; run \`npm ci\` in ${ROOT} first`;
  if (!/\bexports\.polyactPatch = 1;/.test(fs.readFileSync(converter, 'utf8'))) {
    return `node_modules/tslab is installed without the project's patch (patches/tslab+1.0.22.patch: fast first import, `
      + `lib edits never stale); run \`npm ci\` (or \`npx patch-package\`) in ${ROOT}`;
  }
  return null;
}

/**
 * Load tslab and create its TypeScript converter and executor in the project root (tslab's rootDir
 * is the working directory, so notebooks import `./lib/index` whatever folder Jupyter started in).
 * `out` receives the executor's own messages (the compile errors of cells).
 */
function prepare(out = { log: (...a) => console.log(...a), error: (...a) => console.error(...a) }) {
  process.chdir(ROOT);
  // lib/ is transpiled with inline source maps: stack traces point at lines of lib/*.ts.
  process.setSourceMapsEnabled(true);
  const { createConverter } = require(path.join(TSLAB, 'dist', 'converter.js'));
  const { createExecutor } = require(path.join(TSLAB, 'dist', 'executor.js'));
  const node = createConverter({ isJS: false, isBrowser: false });
  let browser = null;
  const convs = {
    node,
    get browser() {
      if (!browser) browser = createConverter({ isJS: false, isBrowser: true });
      return browser;
    },
    close() {
      node.close();
      if (browser) browser.close();
    },
  };
  return createExecutor(process.cwd(), convs, out);
}

/**
 * The cell source that turns a used kernel into a fresh one (used by the headless runner between
 * notebooks): every variable of earlier cells forgotten, every project module evaluated again at
 * the next import (no state of a lib/ module survives), execution counts from 1. What stays is
 * what makes a start slow: tslab, the TypeScript program with lib/'s types, the compiled lib/ and
 * the packages in node_modules. Not TypeScript (a `%` line), so no real cell can be taken for it.
 */
const FRESH = '%polyact fresh';

/** Answer Jupyter on the ports of `connectionFile` with a prepared executor; resolves to the server once bound. */
function serve(executor, connectionFile) {
  const { ZmqServer, JupyterHandlerImpl } = require(path.join(TSLAB, 'dist', 'jupyter.js'));
  const handler = new JupyterHandlerImpl(executor, false);
  const execute = executor.execute;
  executor.execute = (src) => {
    if (src.trim() !== FRESH) return execute(src);
    executor.reset();
    executor.forgetModules();
    handler.execCount = 0;
    return Promise.resolve(true);
  };
  const server = new ZmqServer(handler, connectionFile);
  process.on('SIGINT', () => executor.interrupt());
  process.on('uncaughtException', (err) => console.error('UncaughtException:', err));
  process.on('unhandledRejection', (reason) => console.error('UnhandledPromiseRejection:', reason));
  return server.init().then(() => server);
}

/**
 * SIGKILL this process as soon as one of `pids` is gone. The check runs on a worker thread, so it
 * works even while a cell keeps the main thread busy (`while (true) {}`).
 */
function dieWith(pids) {
  const worker = new Worker(`
const { workerData } = require('worker_threads');
const { readFileSync } = require('fs');
const gone = (pid) => {
  try { process.kill(pid, 0); } catch { return true; }
  try { return readFileSync('/proc/' + pid + '/stat', 'utf8').split(') ')[1][0] === 'Z'; } catch { return false; }
};
setInterval(() => { if (workerData.pids.some(gone)) process.kill(process.pid, 'SIGKILL'); }, 250);
`, { eval: true, workerData: { pids } });
  worker.unref();
}

module.exports = { ROOT, FRESH, tslabProblem, prepare, serve, dieWith };
