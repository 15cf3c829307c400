/**
 * Private inference in a child process (`polyact infer --json`): the report's peak RSS is then
 * that run's alone (a process's peak only grows, and a SEAL heap never shrinks), and the calling
 * process - a notebook kernel, the bench - keeps none of the run's memory.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../../errors';
import type { LayoutName } from './layout';
import type { InferenceReport } from './report';

export interface InferenceProcessOptions {
  layout: LayoutName;
  images: number;
  /** random (default) or trained (MNIST test digits; then no weightSeed / inputSeed). */
  weights?: 'random' | 'trained';
  /** Trained only: auto | fixed | 'C,D' (polyact accuracy's --interval). */
  interval?: string;
  weightSeed?: string | number;
  inputSeed?: string | number;
  poly?: string;
  cells?: number;
  hidden?: number;
  workers?: number;
  blocks?: number;
  scaleBits?: number;
  trace?: boolean;
}

function binary(): string {
  for (const dir of [resolve(__dirname, '..', '..', '..'), process.cwd()]) {
    const f = join(dir, 'bin', 'polyact.js');
    if (existsSync(f)) return f;
  }
  throw new Error('internal: bin/polyact.js not found');
}

/** The `polyact infer` arguments for these options. */
export function inferArguments(o: InferenceProcessOptions): string[] {
  const args = ['infer', '--layout', o.layout, '--images', String(o.images), '--json'];
  const add = (name: string, v: string | number | undefined): void => { if (v !== undefined) args.push(`--${name}`, String(v)); };
  add('weights', o.weights);
  add('interval', o.interval);
  add('weight-seed', o.weightSeed);
  add('seed', o.inputSeed);
  add('poly', o.poly);
  add('cells', o.cells);
  add('hidden', o.hidden);
  add('workers', o.workers);
  add('blocks', o.blocks);
  add('scale-bits', o.scaleBits);
  if (o.trace) args.push('--trace');
  return args;
}

/** Run `polyact infer` with these options in a child process and return its report (bad input: the child's one-line message as an InputError). */
export function privateInferenceProcess(o: InferenceProcessOptions): Promise<InferenceReport> {
  const args = inferArguments(o);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [binary(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) {
        resolvePromise(JSON.parse(out) as InferenceReport);
        return;
      }
      const line = err.trim().split('\n').pop() ?? '';
      const m = /^polyact infer: (--[\w-]+): (.*)$/.exec(line);
      reject(code === 2 && m ? new InputError(m[1], m[2]) : new Error(`polyact ${args.join(' ')} exited with ${code}: ${line}`));
    });
  });
}
