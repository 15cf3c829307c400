/**
 * The client's second encryption thread (encryption.ts): its own SEAL instance with the session's
 * secret key; encrypts the vectors it is sent and sends the ciphertexts back serialised.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CkksSession } from '../seal';
import type { EncryptionRequest, EncryptionWorkerInit, FromEncryptionWorker } from './encryption';

const init = (workerData as { data: EncryptionWorkerInit }).data;
const post = (m: FromEncryptionWorker, transfer: ArrayBuffer[] = []): void => parentPort!.postMessage(m, transfer);

async function main(): Promise<void> {
  const session = await CkksSession.create(init.parameters, { keys: init.keys });
  parentPort!.on('message', (m: EncryptionRequest | { type: 'close' }) => {
    if (m.type === 'close') {
      session.delete();
      parentPort!.close();
      return;
    }
    try {
      const bytes = m.vectors.map((v) => {
        const ct = session.encryptSymmetric(v, m.scale).ciphertext;
        const b = session.saveCiphertext(ct);
        ct.delete();
        return b;
      });
      post({ type: 'encrypted', bytes }, bytes.map((b) => b.buffer as ArrayBuffer));
    } catch (e) {
      post({ type: 'error', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  });
  post({ type: 'ready' });
}

main().catch((e) => post({ type: 'error', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }));
