/**
 * A worker thread of the parallel batch layout (parallel.ts): its own SEAL instance with the
 * session's keys; stage 1 = conv, activation and pooling of its cells, then dense 1's partial sums
 * over them for every hidden unit; stage 2 = its hidden units (the partial sums added up,
 * activation 2) and dense 2's partial sums over them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CipherText } from 'node-seal/implementation/cipher-text';
import { Polynomial } from '../../polynomial';
import { CkksSession } from '../seal';
import { InferenceBackend } from './backend';
import { BatchRun } from './batch';
import { activationPlan, layerWeights, type InferenceNetwork } from './network';
import type { FromWorker, Shipped, ToWorker, WorkerInit } from './parallel-protocol';
import { PhaseClock } from './timing';

const init = (workerData as { data: WorkerInit }).data;
const post = (m: FromWorker, transfer: ArrayBuffer[] = []): void => parentPort!.postMessage(m, transfer);

async function main(): Promise<void> {
  const session = await CkksSession.create(init.parameters, { keys: init.keys });
  const backend = new InferenceBackend(session);
  const net: InferenceNetwork = { ...init.net, polynomial: new Polynomial(init.net.polynomial.coefficients, init.net.polynomial.domain) };
  const clock = new PhaseClock();
  const plan = activationPlan(net, init.parameters.scaleBits);
  const run = new BatchRun({ session, backend, net, plan, weights: layerWeights(net, plan), clock }, init.images, init.count);
  const [h0, h1] = init.hidden[init.index];
  const own = new Map<number, CipherText | null>();
  const ship = (index: number, ct: CipherText | null): Shipped => {
    if (ct === null) return { index, bytes: null };
    const bytes = session.saveCiphertext(ct);
    ct.delete();
    return { index, bytes };
  };
  const buffers = (list: readonly Shipped[]): ArrayBuffer[] => list.flatMap((s) => (s.bytes ? [s.bytes.buffer as ArrayBuffer] : []));
  const close = (): void => {
    for (const ct of own.values()) ct?.delete();
    run.delete();
    backend.release();
    backend.deleteConstants();
    session.delete();
    parentPort!.close();
  };
  parentPort!.on('message', (m: ToWorker) => {
    try {
      if (m.type === 'stage1') {
        run.convolveActivatePool(init.cells[0], init.cells[1]);
        run.releasePixels();
        const out: Shipped[][] = init.hidden.map(() => []);
        run.dense1Partials(init.cells[0], init.cells[1], (i, p) => {
          const to = init.hidden.findIndex(([a, b]) => i >= a && i < b);
          if (to === init.index) own.set(i, p);
          else out[to].push(ship(i, p)); // serialised and freed at once
        });
        post({ type: 'stage1', partials: out, clock: { ms: clock.ms, keySwitches: backend.keySwitches } }, out.flatMap(buffers));
      } else if (m.type === 'stage2') {
        const received = new Map<number, CipherText[]>();
        for (const s of m.partials) if (s.bytes) received.set(s.index, [...(received.get(s.index) ?? []), session.loadCiphertext(s.bytes)]);
        for (let i = h0; i < h1; i++) {
          run.finishDense1(i, [own.get(i) ?? null, ...(received.get(i) ?? [])]);
          own.delete(i);
        }
        run.activate2(h0, h1);
        const logits = run.dense2Partials(h0, h1).map((z, r) => ship(r, z));
        post({ type: 'stage2', logits, clock: { ms: clock.ms, keySwitches: backend.keySwitches } }, buffers(logits));
      } else close();
    } catch (e) {
      post({ type: 'error', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  });
  post({ type: 'ready' });
}

main().catch((e) => post({ type: 'error', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }));
