/**
 * A Jupyter kernel client over zeromq (the package tslab itself depends on): starts the project's
 * tslab kernel through the kernelspec launcher, writes its connection file, signs and routes
 * messages on the shell/control (DEALER) and iopub (SUB) channels, and executes code cell by cell.
 *
 * The kernel process is reaped on shutdown, on timeout, on Ctrl-C and on process exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as zmq from 'zeromq';
import { decode, encode, header, type Message } from './protocol';
import type { Output } from './notebook';

/** /proc/<pid>/stat counts CPU time in USER_HZ ticks, 100 per second on every Linux architecture. */
const CLOCK_TICKS = 100;

/** Launcher of the project kernelspec; runs node_modules/tslab from the project root. */
export function launcherPath(root: string): string {
  return join(root, 'jupyter', 'kernels', 'polyact', 'launch.js');
}

export interface ExecuteResult {
  status: 'ok' | 'error' | 'abort';
  executionCount: number | null;
  outputs: Output[];
  /** All stderr text of the cell: tslab reports compile and runtime errors there. */
  stderr: string;
}

/** A cell ran past its time limit; the kernel has been killed. */
export class CellTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs / 1000} s`);
    this.name = 'CellTimeoutError';
  }
}

/** The kernel process ended while we were waiting for it. */
export class KernelDiedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KernelDiedError';
  }
}

interface Pending {
  onShell(msg: Message): void;
  onIopub(msg: Message): void;
  fail(error: Error): void;
}

const live = new Set<Kernel>();
// Reap every kernel we started, whatever way this process ends (a kill() is synchronous).
process.on('exit', () => { for (const k of live) k.kill(); });

/** `n` TCP ports free on 127.0.0.1 right now. */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: n }, () => new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => resolve(s));
  })));
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

export interface StartOptions {
  /** Project root (the kernel's working directory, hence tslab's rootDir). */
  root: string;
  /** Time allowed for the kernel to answer kernel_info (default 60 s). */
  startupTimeoutMs?: number;
  /** Extra environment of the kernel, e.g. a warm spare's `SpareKernels.env` (runner/spare.ts). */
  env?: Record<string, string>;
}

export class Kernel {
  private readonly pending = new Map<string, Pending>();
  private readonly session = randomUUID();
  private readonly stderrTail: string[] = [];
  private exited = false;
  private killed = false;
  private exitInfo = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly key: string,
    private readonly shell: zmq.Dealer,
    private readonly control: zmq.Dealer,
    private readonly iopub: zmq.Subscriber,
    private readonly dir: string,
  ) {
    live.add(this);
    child.stderr?.on('data', (d: Buffer) => {
      this.stderrTail.push(d.toString());
      while (this.stderrTail.length > 50) this.stderrTail.shift();
    });
    child.stdout?.on('data', () => { /* the kernel's own log; cell output arrives on iopub */ });
    child.on('exit', (code, signal) => {
      this.exited = true;
      this.exitInfo = signal ? `signal ${signal}` : `exit code ${code}`;
      const tail = this.stderrTail.join('').trim().split('\n').slice(-5).join('\n');
      const err = new KernelDiedError(`kernel died (${this.exitInfo})${tail ? `: ${tail}` : ''}`);
      for (const p of this.pending.values()) p.fail(err);
      this.pending.clear();
      this.closeSockets();
    });
    void this.pump(shell, 'shell');
    void this.pump(control, 'shell');
    void this.pump(iopub, 'iopub');
  }

  /** Start a kernel and complete the kernel_info handshake on shell and iopub. */
  static async start(options: StartOptions): Promise<Kernel> {
    const dir = mkdtempSync(join(tmpdir(), 'polyact-kernel-'));
    const [shellPort, iopubPort, stdinPort, controlPort, hbPort] = await freePorts(5);
    const key = randomBytes(32).toString('hex');
    const connection = {
      transport: 'tcp', ip: '127.0.0.1', signature_scheme: 'hmac-sha256', key, kernel_name: 'polyact',
      shell_port: shellPort, iopub_port: iopubPort, stdin_port: stdinPort, control_port: controlPort, hb_port: hbPort,
    };
    const connectionFile = join(dir, 'connection.json');
    writeFileSync(connectionFile, JSON.stringify(connection), { mode: 0o600 });
    const child = spawn(process.execPath, [launcherPath(options.root), connectionFile], {
      cwd: options.root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env, POLYACT_PARENT_PID: String(process.pid) },
    });
    const shell = new zmq.Dealer({ linger: 0 });
    const control = new zmq.Dealer({ linger: 0 });
    const iopub = new zmq.Subscriber({ linger: 0 });
    shell.connect(`tcp://127.0.0.1:${shellPort}`);
    control.connect(`tcp://127.0.0.1:${controlPort}`);
    iopub.connect(`tcp://127.0.0.1:${iopubPort}`);
    iopub.subscribe();
    const kernel = new Kernel(child, key, shell, control, iopub, dir);
    try {
      await kernel.handshake(options.startupTimeoutMs ?? 60_000);
    } catch (e) {
      kernel.kill();
      throw e;
    }
    return kernel;
  }

  /** Process id of the kernel. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * CPU seconds the kernel process has used so far, its threads and waited-for children included
   * (Linux /proc; undefined elsewhere or once it is gone).
   */
  get cpuSeconds(): number | undefined {
    try {
      // Fields after the command's closing parenthesis: utime, stime, cutime, cstime are 14-17 of stat(5).
      const f = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / CLOCK_TICKS;
    } catch {
      return undefined;
    }
  }

  /** Whether the kernel process is still running (and not being killed). */
  get alive(): boolean {
    return !this.exited && !this.killed;
  }

  /** Execute one cell; resolves when the reply and the final `idle` status have both arrived. */
  execute(code: string, timeoutMs: number): Promise<ExecuteResult> {
    const outputs: Output[] = [];
    const displays = new Map<string, number>(); // display_id -> index in outputs
    let stderr = '';
    let reply: Record<string, unknown> | null = null;
    let idle = false;
    return this.request(this.shell, 'execute_request', {
      code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true,
    }, timeoutMs, (msg, done) => {
      const c = msg.content as Record<string, any>;
      switch (msg.header.msg_type) {
        case 'stream': {
          if (c.name === 'stderr') stderr += c.text;
          const last = outputs[outputs.length - 1];
          if (last && last.output_type === 'stream' && last.name === c.name) last.text += c.text;
          else outputs.push({ output_type: 'stream', name: c.name, text: String(c.text) });
          break;
        }
        case 'display_data':
        case 'execute_result': {
          const out: Output = msg.header.msg_type === 'display_data'
            ? { output_type: 'display_data', data: c.data, metadata: c.metadata ?? {} }
            : { output_type: 'execute_result', data: c.data, metadata: c.metadata ?? {}, execution_count: c.execution_count ?? null };
          outputs.push(out);
          const id = c.transient?.display_id;
          if (id) displays.set(id, outputs.length - 1);
          break;
        }
        case 'update_display_data': {
          const i = displays.get(c.transient?.display_id);
          if (i !== undefined) outputs[i] = { ...outputs[i], data: c.data, metadata: c.metadata ?? {} } as Output;
          break;
        }
        case 'clear_output':
          outputs.length = 0;
          displays.clear();
          break;
        case 'error':
          outputs.push({ output_type: 'error', ename: c.ename, evalue: c.evalue, traceback: c.traceback ?? [] });
          break;
        case 'status':
          if (c.execution_state === 'idle') idle = true;
          break;
        case 'execute_reply':
          reply = c;
          break;
      }
      if (reply && idle) {
        const status = reply.status === 'ok' || reply.status === 'abort' ? reply.status : 'error';
        const count = typeof reply.execution_count === 'number' ? reply.execution_count : null;
        done({ status, executionCount: count, outputs, stderr });
      }
    });
  }

  /** Completions at `cursorPos` in `code` (complete_request: what Tab shows in Jupyter). */
  complete(code: string, cursorPos: number, timeoutMs = 60_000): Promise<string[]> {
    return this.request(this.shell, 'complete_request', { code, cursor_pos: cursorPos }, timeoutMs, (msg, done) => {
      if (msg.header.msg_type === 'complete_reply') done((msg.content as { matches?: string[] }).matches ?? []);
    });
  }

  /** Ask the kernel to shut down (control channel), and SIGKILL it if it has not exited in time. */
  async shutdown(timeoutMs = 5000): Promise<void> {
    if (this.exited) return this.cleanup();
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await this.request(this.control, 'shutdown_request', { restart: false }, timeoutMs, (msg, done) => {
        if (msg.header.msg_type === 'shutdown_reply') done(undefined);
      });
    } catch {
      this.kill(); // no reply: busy or broken
    }
    const timer = setTimeout(() => this.kill(), timeoutMs);
    await exited;
    clearTimeout(timer);
    this.cleanup();
  }

  /** SIGKILL the kernel (synchronous; safe to call twice). */
  kill(): void {
    if (!this.exited && !this.killed) {
      this.killed = true;
      try { this.child.kill('SIGKILL'); } catch { /* already gone */ }
    }
    this.cleanup();
  }

  private cleanup(): void {
    live.delete(this);
    this.closeSockets();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private closeSockets(): void {
    for (const s of [this.shell, this.control, this.iopub]) if (!s.closed) s.close();
  }

  private async handshake(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    // The shell reply proves the kernel is up; the iopub `idle` for the same request proves our
    // subscription is live (PUB/SUB drops messages published before the subscriber joined).
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) throw new KernelDiedError(`kernel did not answer kernel_info within ${timeoutMs / 1000} s`);
      let replied = false;
      let sawIopub = false;
      try {
        await this.request(this.shell, 'kernel_info_request', {}, Math.min(left, replied ? 500 : left), (msg, done) => {
          if (msg.header.msg_type === 'kernel_info_reply') replied = true;
          if (msg.header.msg_type === 'status' && (msg.content as { execution_state?: string }).execution_state === 'idle') sawIopub = true;
          if (replied && sawIopub) done(undefined);
          else if (replied) setTimeout(() => done(undefined), 300);
        });
      } catch (e) {
        if (e instanceof KernelDiedError) throw e;
        if (e instanceof CellTimeoutError) throw new KernelDiedError(`kernel did not answer kernel_info within ${timeoutMs / 1000} s`);
        throw e;
      }
      if (replied && sawIopub) return;
    }
  }

  private request<T>(
    socket: zmq.Dealer,
    msgType: string,
    content: Record<string, unknown>,
    timeoutMs: number,
    handle: (msg: Message, done: (value: T) => void) => void,
  ): Promise<T> {
    if (this.exited || this.killed) return Promise.reject(new KernelDiedError(`kernel is not running (${this.exitInfo || 'killed'})`));
    const h = header(msgType, this.session);
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const finish = (f: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.pending.delete(h.msg_id);
        f();
      };
      const timer = setTimeout(() => finish(() => reject(new CellTimeoutError(timeoutMs))), timeoutMs);
      const done = (v: T): void => finish(() => resolve(v));
      this.pending.set(h.msg_id, {
        onShell: (m) => handle(m, done),
        onIopub: (m) => handle(m, done),
        fail: (e) => finish(() => reject(e)),
      });
      socket.send(encode(this.key, { header: h, parent_header: {}, metadata: {}, content }))
        .catch((e: unknown) => finish(() => reject(e instanceof Error ? e : new Error(String(e)))));
    });
  }

  private async pump(socket: zmq.Dealer | zmq.Subscriber, channel: 'shell' | 'iopub'): Promise<void> {
    try {
      for await (const frames of socket) {
        let msg: Message;
        try { msg = decode(this.key, frames); } catch { continue; }
        const p = this.pending.get(String(msg.parent_header.msg_id ?? ''));
        if (!p) continue;
        if (channel === 'shell') p.onShell(msg); else p.onIopub(msg);
      }
    } catch { /* socket closed */ }
  }
}
