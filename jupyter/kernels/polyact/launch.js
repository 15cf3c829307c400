#!/usr/bin/env node
/**
 * Kernel launcher of the polyact kernelspec (jupyter/kernels/polyact/kernel.json).
 *
 * tslab compiles every cell with rootDir = the kernel's working directory, so a kernel started in
 * notebooks/ rejects `import ... from '../lib/x'`. The kernel therefore runs in the project root
 * (three levels above this file) with the project's own, patched tslab (node_modules/tslab;
 * patches/), so notebooks import `./lib/index` with full types whatever folder Jupyter or VS Code
 * started the kernel in.
 *
 * Warm start: when POLYACT_SPARE_DIR names the folder of a spare kernel's socket (set by
 * `npm run jupyter`; see spare.js), the launcher hands its connection
 * file and environment to that spare, forwards SIGINT (interrupt) and SIGTERM to it, and exits
 * with it. Without a spare (VS Code, a plain `jupyter notebook`, or none warm yet) it starts the
 * kernel in this process (cold).
 *
 * Usage (filled in by jupyter_client): node launch.js <connection_file>
 */
'use strict';
const path = require('path');
const fs = require('fs');
const net = require('net');
const { tslabProblem, prepare, serve, dieWith } = require('./kernel');

const connectionFile = process.argv[2];
if (!connectionFile) {
  process.stderr.write('polyact kernel: usage: node launch.js <connection_file>\n');
  process.exit(2);
}
const problem = tslabProblem();
if (problem) {
  process.stderr.write(`polyact kernel: ${problem}\n`);
  process.exit(1);
}
// Resolve the connection file before the kernel leaves the caller's directory.
const configPath = path.resolve(connectionFile);
// Started by the headless runner: exit when it is gone, even if it was SIGKILLed and could not reap us.
const parent = Number(process.env.POLYACT_PARENT_PID);

function cold() {
  const executor = prepare();
  if (parent > 0) dieWith([parent]);
  serve(executor, configPath).catch((e) => {
    process.stderr.write(`polyact kernel: cannot serve ${configPath}: ${e.message}\n`);
    process.exit(1);
  });
}

/** Claim the spare listening in `dir`: resolves to { socket, pid }, or null (none, busy, or no answer in time). */
function claimSpare(dir, statusFile) {
  return new Promise((resolve) => {
    const socket = net.createConnection(path.join(dir, 'kernel.sock'));
    let buffer = '';
    const give = (value) => {
      clearTimeout(timer);
      socket.removeAllListeners('data');
      if (!value) socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => give(null), 10_000);
    socket.once('error', () => give(null));
    socket.once('close', () => give(null));
    socket.once('connect', () => {
      socket.write(JSON.stringify({ connectionFile: configPath, env: process.env, pid: process.pid, statusFile }) + '\n');
    });
    socket.on('data', (d) => {
      buffer += d.toString();
      const end = buffer.indexOf('\n');
      if (end < 0) return;
      let reply = {};
      try { reply = JSON.parse(buffer.slice(0, end)); } catch { /* treated as busy */ }
      give(typeof reply.pid === 'number' ? { socket, pid: reply.pid } : null);
    });
  });
}

/** Be the spare's stand-in for Jupyter: pass signals on, and exit with its status when it ends. */
function proxy({ socket, pid }, statusFile) {
  socket.removeAllListeners('close');
  socket.removeAllListeners('error');
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => { try { process.kill(pid, signal); } catch { /* already gone */ } });
  }
  if (parent > 0) {
    setInterval(() => { try { process.kill(parent, 0); } catch { process.exit(1); } }, 1000).unref();
  }
  socket.on('error', () => { /* 'close' follows */ });
  socket.on('close', () => {
    let code = 1;
    try {
      code = Number(fs.readFileSync(statusFile, 'utf8')) || 0;
      fs.rmSync(statusFile, { force: true });
    } catch {
      process.stderr.write(`polyact kernel: kernel process ${pid} ended without an exit status (killed?)\n`);
    }
    process.exit(code);
  });
}

const spareDir = process.env.POLYACT_SPARE_DIR;
if (spareDir && fs.existsSync(path.join(spareDir, 'kernel.sock'))) {
  const statusFile = path.join(spareDir, `exit-${process.pid}`);
  claimSpare(spareDir, statusFile).then((spare) => (spare ? proxy(spare, statusFile) : cold()));
} else {
  cold();
}
