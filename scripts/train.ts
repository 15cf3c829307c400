/**
 * `npm run train`: trains the Section 5 network on the seeded MNIST split and fine-tunes one
 * polynomial network per degree, writing `data/mnist/trained.json` and `data/mnist/finetuned.json`
 * (atomically). Before writing, each new file is compared with the stored one: training is
 * deterministic, so with the same options the weights must come out bit-identical, and the script
 * says whether they did. `npm start` never trains; it reads these files.
 *
 *   npm run train                      # both files (a few minutes)
 *   npm run train -- --no-finetune     # the base network only
 *   npm run train -- --finetune-only   # fine-tune from the stored base network
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { mnistContext } from '../lib/mnist/accuracy';
import { finetuneRecord, trainRecord } from '../lib/mnist/record';
import { FINETUNED_FILE, mnistDataDir, TRAINED_FILE, trainedWeights, weightsSha256, writeStored, type FinetunedFile, type TrainedFile, type TrainedNetwork } from '../lib/mnist/trained';

function sameAsStored(path: string, fresh: TrainedFile | FinetunedFile): string {
  if (!existsSync(path)) return 'no stored file to compare with';
  const old = JSON.parse(readFileSync(path, 'utf8')) as TrainedFile | FinetunedFile;
  const sha = (f: TrainedFile | FinetunedFile): string[] => ('weights' in f ? [weightsSha256(f.weights)] : [f.reluControl, ...f.entries].map((e) => weightsSha256(e.weights)));
  const a = sha(old).join(','), b = sha(fresh).join(',');
  return a === b ? 'weights bit-identical to the stored file' : 'weights DIFFER from the stored file';
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--no-finetune' && a !== '--finetune-only');
  if (unknown.length > 0) {
    console.error(`train: unknown argument '${unknown[0]}'; expected --no-finetune or --finetune-only`);
    process.exitCode = 2;
    return;
  }
  const dir = mnistDataDir();
  console.log(`load average: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  const trainedPath = join(dir, TRAINED_FILE);
  let network: TrainedNetwork;
  if (args.includes('--finetune-only')) {
    network = trainedWeights(trainedPath);
    console.log(`base network: ${trainedPath} (stored, not retrained)`);
  } else {
    const r = await trainRecord({ onEpoch: (e) => console.log(`  epoch ${e.epoch}: loss ${e.loss.toFixed(4)} (${e.seconds.toFixed(1)} s)`) });
    const file = r.file;
    console.log(`trained in ${file.training.seconds.toFixed(1)} s: test accuracy ${(100 * file.accuracy.test).toFixed(2)}% (${file.accuracy.correct}/${file.accuracy.images})`);
    console.log(`${trainedPath}: ${sameAsStored(trainedPath, file)}`);
    writeStored(trainedPath, file);
    network = { ...r.network, path: trainedPath };
  }
  if (args.includes('--no-finetune')) return;
  const ft = await finetuneRecord(mnistContext(network), { onProgress: (m) => console.log(`  fine-tuned ${m}`) });
  const ftPath = join(dir, FINETUNED_FILE);
  console.log(`${ftPath}: ${sameAsStored(ftPath, ft)}`);
  writeStored(ftPath, ft);
  console.log(`load average: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
