#!/usr/bin/env node
/**
 * A spare polyact kernel, kept warm by an owner process (`npm run jupyter`; scripts/runner/spare.ts;
 * the headless runner instead makes its kernels fresh between notebooks) so that opening or restarting a notebook does not wait for
 * TypeScript: it loads tslab, compiles and loads the notebooks' import cell
 * (`import * as pa from './lib/index'`), forgets that cell, then listens on a unix socket.
 *
 * The kernel launcher (launch.js) claims it by sending the connection file Jupyter gave it and its
 * environment; the spare then serves that kernel, and runs exactly as a cold one would (a lib/ file
 * edited since the warm-up is compiled again at the first cell). One claim per spare.
 *
 * Lifetime: an unclaimed spare exits with its owner (IPC channel closed); a claimed one exits with
 * its launcher (socket closed, or the launcher's pid gone: checked on a worker thread, so also while
 * a cell loops), on shutdown_request, and on SIGTERM.
 *
 * Usage (by the owner, with an IPC channel): node spare.js <socket path>
 * Messages to the owner: { ready: true } once listening, { claimed: true, launcher: pid } when claimed.
 */
'use strict';
const fs = require('fs');
const net = require('net');
const { tslabProblem, prepare, serve, dieWith } = require('./kernel');

const socketPath = process.argv[2];
if (!socketPath || !process.send) {
  process.stderr.write('polyact spare kernel: usage (from an owner with an IPC channel): node spare.js <socket path>\n');
  process.exit(2);
}
const problem = tslabProblem();
if (problem) {
  process.stderr.write(`polyact spare kernel: ${problem}\n`);
  process.exit(1);
}
const exitWithOwner = () => process.exit(0);
process.on('disconnect', exitWithOwner);

// The warm-up's own messages (e.g. a compile error in lib/) are for the user's first cell, not the owner's terminal.
let quiet = true;
const executor = prepare({
  log: (...a) => { if (!quiet) console.log(...a); },
  error: (...a) => { if (!quiet) console.error(...a); },
});

async function warm() {
  await executor.execute("import * as pa from './lib/index';");
  executor.reset();
  require('zeromq');
  quiet = false;
}

/** Read one newline-terminated JSON message from `socket`. */
function readMessage(socket) {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (d) => {
      buffer += d.toString();
      const end = buffer.indexOf('\n');
      if (end < 0) return;
      socket.off('data', onData);
      try { resolve(JSON.parse(buffer.slice(0, end))); } catch (e) { reject(e); }
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error('closed before the claim')));
  });
}

async function handOver(socket, server) {
  server.close();
  const claim = await readMessage(socket);
  if (typeof claim.connectionFile !== 'string' || typeof claim.pid !== 'number' || typeof claim.env !== 'object') throw new Error('malformed claim');
  // From here on this process is the launcher's kernel: its environment, its lifetime.
  for (const k of Object.keys(process.env)) delete process.env[k];
  Object.assign(process.env, claim.env);
  process.off('disconnect', exitWithOwner);
  process.send({ claimed: true, launcher: claim.pid }, () => process.disconnect());
  if (typeof claim.statusFile === 'string') {
    process.on('exit', (code) => { try { fs.writeFileSync(claim.statusFile, String(code)); } catch { /* launcher gone */ } });
  }
  dieWith([claim.pid]);
  socket.on('close', () => process.exit(0));
  const kernel = await serve(executor, claim.connectionFile);
  // shutdown_request: tslab closes its sockets; let the launcher go, then this process ends like a cold kernel.
  const close = kernel.close.bind(kernel);
  kernel.close = () => {
    close();
    socket.removeAllListeners('close');
    socket.end();
    socket.unref();
  };
  socket.write(JSON.stringify({ pid: process.pid }) + '\n');
}

warm().then(() => {
  try { fs.unlinkSync(socketPath); } catch { /* not there */ }
  let claimed = false;
  const server = net.createServer((socket) => {
    socket.on('error', () => { /* the launcher went away; 'close' follows */ });
    if (claimed) {
      socket.end(JSON.stringify({ busy: true }) + '\n');
      return;
    }
    claimed = true;
    handOver(socket, server).catch((e) => {
      process.stderr.write(`polyact spare kernel: hand-over failed: ${e.message}\n`);
      process.exit(1);
    });
  });
  server.listen(socketPath, () => process.send({ ready: true }));
}, (e) => {
  process.stderr.write(`polyact spare kernel: warm-up failed: ${e && e.stack || e}\n`);
  process.exit(1);
});
