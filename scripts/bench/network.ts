/**
 * `npm run bench -- network`: throughput of the Section 5 experiment (both networks, conv shared).
 * Reports the MAC count per input, inputs/second with 1 worker (in-thread) and 2 workers, and the
 * wall time of the target job (10^6 inputs, 2 workers). The machine's load average is printed
 * too: on a shared machine the figures are only as good as the idle cores.
 */
import { loadavg } from 'node:os';
import { macsPerInput } from '../../lib/network/architecture';
import { runNetworkExperiment } from '../../lib/network/experiment';
import { networkModel } from '../../lib/network/model';
import { closeWorkerPool } from '../../lib/network/pool';

export async function run(): Promise<void> {
  const full = Number(process.env.POLYACT_BENCH_INPUTS ?? 1_000_000);
  console.log(`load average before: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  for (const scaling of ['fixed', 'per-input'] as const) {
    const model = networkModel({ scaling });
    const macs = macsPerInput(scaling);
    console.log(`\n${scaling} scaling: ${macs.bothNetworks} MACs per input (conv ${macs.conv} shared, dense ${macs.dense1} + ${macs.dense2} per network)`);
    await runNetworkExperiment(model, { inputs: 8192, workers: 2 }); // starts the worker pool and warms the JIT
    const one = await runNetworkExperiment(model, { inputs: 200_000, workers: 1 });
    console.log(`  1 worker : ${Math.round(one.inputsPerSecond).toLocaleString('en-US')} inputs/s (${one.inputs} inputs in ${one.seconds.toFixed(2)} s; ${(one.inputsPerSecond * macs.bothNetworks / 1e9).toFixed(2)} GMAC/s)`);
    const two = await runNetworkExperiment(model, { inputs: full, workers: 2 });
    console.log(`  2 workers: ${Math.round(two.inputsPerSecond).toLocaleString('en-US')} inputs/s (${two.inputs} inputs in ${two.seconds.toFixed(2)} s wall; max |f1 - f1*| = ${two.max})`);
  }
  console.log(`\nload average after: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  await closeWorkerPool();
}
