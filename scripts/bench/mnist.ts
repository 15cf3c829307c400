/**
 * `npm run bench -- mnist`: the real-digits figures of issue #12 - the time to load the stored
 * network and evaluate it once (the notebook's and `polyact accuracy`'s start-up), the accuracy of
 * one polynomial on the 2,000 test digits (target < 1 s), and one full training with the stored
 * options (target < 3 min), which also checks that it reproduces data/mnist/trained.json bit for bit.
 * POLYACT_BENCH_EPOCHS=1 shortens the training (the reproducibility check then compares nothing).
 */
import { loadavg } from 'node:os';
import { evaluateNetwork, mnistContext } from '../../lib/mnist/accuracy';
import { methodPolynomial } from '../../lib/mnist/polynomials';
import { trainRecord } from '../../lib/mnist/record';
import { trainedWeights, weightsSha256 } from '../../lib/mnist/trained';

const load = (): string => loadavg().map((v) => v.toFixed(2)).join(' ');

export async function run(): Promise<void> {
  console.log(`load average before: ${load()}`);
  let t = performance.now();
  const net = trainedWeights();
  const tLoad = performance.now() - t;
  t = performance.now();
  const ctx = mnistContext(net);
  void ctx.trainPre; // include the training digits' pass
  console.log(`load + verify the stored network: ${(tLoad / 1000).toFixed(2)} s; ReLU pass over 8,000 train + 2,000 test digits: ${((performance.now() - t) / 1000).toFixed(2)} s`);
  const p = methodPolynomial('minimax', 4)!;
  evaluateNetwork(ctx, p, 'data'); // warm-up
  for (const rule of ['data', 'fixed'] as const) {
    const runs = 10;
    t = performance.now();
    let acc = 0;
    for (let i = 0; i < runs; i++) acc = evaluateNetwork(ctx, p, rule).accuracy;
    const ms = (performance.now() - t) / runs;
    console.log(`accuracy of minimax-4 (${rule}) on ${ctx.network.split.test.count} test digits: ${ms.toFixed(1)} ms per evaluation (${(100 * acc).toFixed(2)}%; target < 1000 ms)`);
  }
  const epochs = Number(process.env.POLYACT_BENCH_EPOCHS ?? net.file.training.epochs);
  console.log(`\ntraining ${epochs} epochs on ${net.file.data.split.train} digits (stored: ${net.file.training.epochs} epochs in ${net.file.training.seconds.toFixed(1)} s) ...`);
  const cpu = process.cpuUsage();
  const { file } = await trainRecord({ seed: net.file.training.seed, epochs, onEpoch: (e) => console.log(`  epoch ${e.epoch}: loss ${e.loss.toFixed(4)} (${e.seconds.toFixed(1)} s)`) });
  const used = process.cpuUsage(cpu);
  // the cpu backend runs on one thread, so its CPU time is what the wall time would be on an idle core
  const cpuSeconds = (used.user + used.system) / 1e6;
  const same = weightsSha256(file.weights) === weightsSha256(net.file.weights);
  console.log(`training: ${file.training.seconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU (target < 180 s); test accuracy ${(100 * file.accuracy.test).toFixed(2)}%; weights ${same ? 'bit-identical to' : 'differ from'} data/mnist/trained.json${epochs === net.file.training.epochs ? '' : ` (${epochs} of ${net.file.training.epochs} epochs: not comparable)`}`);
  console.log(`load average after: ${load()}`);
}
