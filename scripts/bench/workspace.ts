/**
 * Workspace timings (#2): tslab kernel start, the first `import * as pa from './lib/index'` (tslab
 * type-checks lib/ and its dependencies), and the per-cell overhead of a trivial cell (tslab
 * compiles every cell), measured through the same Jupyter client the runner uses.
 */
import { resolve } from 'node:path';
import { Kernel } from '../runner/kernel';

const ROOT = resolve(__dirname, '..', '..');

export async function run(): Promise<void> {
  let t = performance.now();
  const kernel = await Kernel.start({ root: ROOT });
  const startup = performance.now() - t;
  try {
    const cells = 20;
    const times: number[] = [];
    for (let i = 0; i < cells; i++) {
      t = performance.now();
      const r = await kernel.execute(`const v${i} = ${i} + 1;`, 60_000);
      if (r.status !== 'ok') throw new Error(r.stderr);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`kernel start             ${startup.toFixed(0)} ms`);
    console.log(`trivial cell (n=${cells})     median ${times[cells >> 1].toFixed(1)} ms, min ${times[0].toFixed(1)} ms, max ${times[cells - 1].toFixed(1)} ms`);
    t = performance.now();
    const imp = await kernel.execute("import * as pa from './lib/index';", 300_000);
    const importMs = performance.now() - t;
    if (imp.status !== 'ok') throw new Error(`import cell failed: ${imp.stderr}`);
    t = performance.now();
    await kernel.execute("pa.plot(pa.activationsFigure(['relu', 'sigmoid', 'tanh'], [-200, 200]));", 60_000);
    const plotMs = performance.now() - t;
    console.log(`first import of lib      ${importMs.toFixed(0)} ms`);
    console.log(`Fig. 1 plot cell         ${plotMs.toFixed(0)} ms (first plot: includes the 11 MB plotly.js injection)`);
  } finally {
    await kernel.shutdown();
  }
}
