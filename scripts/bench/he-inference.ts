/**
 * Private inference benchmarks (#13): the whole Section 5 network under CKKS (N = 16384, depth 7
 * with the folded degree-4 activation, scale 2^46) in both layouts, each in its own process
 * (`polyact infer --json`, through privateInferenceProcess) so that the peak RSS is that layout's alone:
 *   packed: 3 images one after the other (latency per image; one thread);
 *   batch:  a full batch of N/2 = 8192 images on POLYACT_BENCH_WORKERS threads (default 2), plus
 *           one thread when POLYACT_BENCH_WORKERS=both.
 * Goals (#13): batch <= 30 ms per image amortised over a full batch, packed < 1 s latency for one
 * image, peak RSS < 3 GB. The load average before and after each run is printed: the machine is shared.
 * POLYACT_BENCH_LAYOUT=batch|packed runs one layout only.
 */
import { loadavg } from 'node:os';
import { privateInferenceProcess, type InferenceProcessOptions } from '../../lib/he/inference/process';

const load = (): string => loadavg().map((v) => v.toFixed(2)).join(' ');

export async function run(): Promise<void> {
  const layout = process.env.POLYACT_BENCH_LAYOUT;
  const workerSetting = process.env.POLYACT_BENCH_WORKERS ?? '2';
  const cases: [string, InferenceProcessOptions][] = [];
  const workers = workerSetting === 'both' ? [2, 1] : [Number(workerSetting)];
  if (layout !== 'batch') cases.push(['packed', { layout: 'packed', images: 3, workers: 1 }]);
  if (layout !== 'packed') for (const w of workers) cases.push([`batch x${w}`, { layout: 'batch', images: 8192, workers: w }]);
  console.log('case        images  N      scale depth galois keyMiB  peakRSS_MB keygen_s  latency_s  ms/image  CPU_s  maxLogitErr  bound      maxF1Err   argmax      bits   load before -> after');
  const goals: string[] = [];
  for (const [name, options] of cases) {
    const before = load();
    const r = await privateInferenceProcess(options);
    const after = load();
    console.log([
      name.padEnd(10), String(r.images).padStart(7), String(r.polyModulusDegree).padStart(6), String(r.scaleBits).padStart(5), String(r.depth).padStart(5),
      String(r.galoisKeys).padStart(6), (r.keyBytes / 2 ** 20).toFixed(0).padStart(7), r.peakRssMB.toFixed(0).padStart(11), r.seconds.keygen.toFixed(1).padStart(8),
      r.latencySeconds.toFixed(2).padStart(10), r.msPerImage.toFixed(1).padStart(9), r.cpuSeconds.toFixed(0).padStart(6), r.maxLogitError.toExponential(2).padStart(12),
      r.bound.logits.toExponential(2).padStart(10), r.maxF1Error.toExponential(2).padStart(10), `${r.argmaxAgreement}/${r.images}`.padStart(11), r.precisionBits.toFixed(1).padStart(6),
      `  ${before} -> ${after}`,
    ].join(' '));
    console.log(`  per layer (s): ${Object.entries(r.seconds.evaluate).map(([l, v]) => `${l} ${v.toFixed(2)}`).join(', ')}; encrypt ${r.seconds.encrypt.toFixed(2)}, decrypt ${r.seconds.decrypt.toFixed(2)}, set-up ${r.seconds.prepare.toFixed(2)}, client ahead of the images ${r.seconds.ahead.toFixed(2)}; key switches: ${r.keySwitches.relinearize} relinearisations, ${r.keySwitches.rotate} rotations`);
    if (r.layout === 'batch') goals.push(`${name}: ${r.msPerImage.toFixed(1)} ms per image (goal <= 30): ${r.msPerImage <= 30 ? 'met' : 'NOT met'}`);
    else goals.push(`${name}: ${r.latencySeconds.toFixed(2)} s latency per image (goal < 1): ${r.latencySeconds < 1 ? 'met' : 'NOT met'}; with the client's ${r.aheadSecondsPerImage.toFixed(2)} s ahead of the image (encryptions of zero), ${(r.latencySeconds + r.aheadSecondsPerImage).toFixed(2)} s of work per image`);
    goals.push(`${name}: peak RSS ${r.peakRssMB.toFixed(0)} MB (goal < 3000): ${r.peakRssMB < 3000 ? 'met' : 'NOT met'}`);
  }
  for (const g of goals) console.log(g);
}
