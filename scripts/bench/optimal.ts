/**
 * `npm run bench -- optimal`: minimax (Remez) and rho-optimal (barrier + cutting planes) at
 * N = 4, 8, 16 for ReLU and the sigmoid on [-200, 200], on the default 100001-point metrics grid,
 * and the whole optimal Table 6 of notebook 07. Median of 3 runs per case.
 */
import { activation } from '../../lib/activations';
import { minimax } from '../../lib/fit/minimax';
import type { MinimaxCertificate } from '../../lib/fit/minimax';
import { rhoOptimal } from '../../lib/fit/rho-optimal';
import type { RhoCertificate } from '../../lib/fit/rho-optimal';
import { table6Optimal } from '../../lib/optimal/study';

function time<T>(f: () => T, runs = 3): { ms: number; value: T } {
  const ms: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = f();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { ms: ms[Math.floor(runs / 2)], value: value as T };
}

export async function run(): Promise<void> {
  console.log('case                      ms   detail');
  for (const name of ['relu', 'sigmoid']) {
    const f = activation(name);
    for (const N of [4, 8, 16]) {
      const mm = time(() => minimax(f, N, [-200, 200]));
      const c = mm.value.certificate as MinimaxCertificate;
      console.log(`minimax     ${name.padEnd(8)} N=${String(N).padEnd(3)} ${mm.ms.toFixed(0).padStart(6)}   ${c.iterations} exchanges, max_loss in [${c.maxLossLower.toPrecision(10)}, ${c.maxLossUpper.toPrecision(10)}]`);
      const rho = time(() => rhoOptimal(f, N, [-200, 200]));
      const r = rho.value.certificate as RhoCertificate;
      console.log(`rho-optimal ${name.padEnd(8)} N=${String(N).padEnd(3)} ${rho.ms.toFixed(0).padStart(6)}   ${r.rounds} rounds, |W| = ${r.workingSet}, ${r.newtonSteps} Newton steps, rho in [${r.lowerBound.toPrecision(8)}, ${r.rho.toPrecision(8)}]`);
    }
  }
  const t6 = time(() => table6Optimal(), 1);
  console.log(`table6Optimal (9 cells, 201 + 100001 grids) ${t6.ms.toFixed(0)} ms`);
}
