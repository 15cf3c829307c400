#!/usr/bin/env node
/**
 * Kernel launcher of the polyact kernelspec (jupyter/kernels/polyact/kernel.json).
 *
 * tslab compiles every cell with rootDir = the kernel's working directory, so a kernel started in
 * notebooks/ rejects `import ... from '../lib/x'`. This launcher moves to the project root (three
 * levels above this file) and starts the project's own tslab (node_modules/tslab), so notebooks
 * import `./lib/index` with full types, whatever folder Jupyter or VS Code started the kernel in.
 *
 * Usage (filled in by jupyter_client): node launch.js <connection_file>
 */
'use strict';
const path = require('path');
const fs = require('fs');

const root = path.resolve(__dirname, '..', '..', '..');
const connectionFile = process.argv[2];
if (!connectionFile) {
  process.stderr.write('polyact kernel: usage: node launch.js <connection_file>\n');
  process.exit(2);
}
const main = path.join(root, 'node_modules', 'tslab', 'dist', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write(`polyact kernel: ${main} not found; run \`npm ci\` in ${root} first\n`);
  process.exit(1);
}
// Batch runs (the headless runner) set POLYACT_NO_WATCH=1: tslab then compiles against the files as
// they are when first read, without polling lib/ for changes. Its watch host has a race ("Unexpected
// pending rebuildTimer") when a watched file changes while a cell is running; a batch run wants a
// consistent snapshot anyway. Interactive kernels keep watching, so a lib/ edit is picked up.
if (process.env.POLYACT_NO_WATCH === '1') {
  const ts = require(require.resolve('@tslab/typescript-for-tslab', { paths: [path.join(root, 'node_modules', 'tslab', 'dist')] }));
  const none = () => ({ close() {} });
  ts.sys.watchFile = none;
  ts.sys.watchDirectory = none;
}
// Resolve the connection file before leaving the caller's directory.
const configPath = path.resolve(connectionFile);
process.chdir(root);
// Started by the headless runner: exit when it is gone, even if it was SIGKILLed and could not reap us.
const parent = Number(process.env.POLYACT_PARENT_PID);
if (parent > 0) {
  setInterval(() => {
    try { process.kill(parent, 0); } catch { process.exit(1); }
  }, 1000).unref();
}
process.argv = [process.argv[0], path.join(root, 'node_modules', 'tslab', 'bin', 'tslab'), 'kernel', '--config-path', configPath];
require(main).main();
