/**
 * Numerics benchmark (#3): fits per second of each method at N = 4 and N = 16, metric evaluation on
 * 100001 points, and the whole of Tables 1-3 (39 deterministic rows, fit + 201-point metrics).
 */
import { activation } from '../../lib/activations';
import { fit } from '../../lib/fit/index';
import { metrics } from '../../lib/metrics';
import { paperRows } from '../../test/paper-tables';

const I: [number, number] = [-200, 200];

/** Runs fn repeatedly for at least `ms` milliseconds; returns calls per second. */
function rate(fn: () => void, ms = 400): number {
  fn(); // warm-up (JIT, module caches)
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    fn();
    n++;
    t = performance.now();
  }
  return (n * 1000) / (t - t0);
}

export async function run(): Promise<void> {
  const cases: [string, string, Record<string, unknown>][] = [
    ['numerical (Chebyshev roots, m = 1000)', 'numerical', { nodes: 'chebyshev', m: 1000 }],
    ['numerical (uniform, m = 1000)', 'numerical', { nodes: 'uniform', m: 1000, seed: 1 }],
    ['chebyshev series', 'chebyshev', {}],
    ['taylor (Krogh)', 'taylor', {}],
    ['derivative (Chebyshev inner)', 'derivative', {}],
  ];
  console.log('fits per second (relu / sigmoid on [-200, 200]):');
  for (const [label, method, options] of cases) {
    for (const N of [4, 16]) {
      const r = activation('relu'), s = activation('sigmoid');
      const fr = rate(() => fit(method, r, N, I, options));
      const fs = rate(() => fit(method, s, N, I, options));
      console.log(`  ${label.padEnd(40)} N = ${String(N).padStart(2)}: ${fr.toFixed(0).padStart(7)} /s relu   ${fs.toFixed(0).padStart(7)} /s sigmoid`);
    }
  }
  const f = activation('sigmoid');
  const p = fit('chebyshev', f, 4, I).polynomial;
  const mr = rate(() => metrics(f, p, I, { grid: 100001 }), 1000);
  console.log(`metrics on 100001 points (sigmoid, degree 4): ${(1000 / mr).toFixed(2)} ms per evaluation`);
  const formula = activation('1 / (1 + exp(-x))');
  const mf = rate(() => metrics(formula, p, I, { grid: 100001 }), 1000);
  console.log(`metrics on 100001 points (mathjs formula sigmoid): ${(1000 / mf).toFixed(2)} ms per evaluation`);
  const t0 = performance.now();
  for (const row of paperRows) {
    const g = activation(row.fn);
    metrics(g, fit(row.method, g, row.degree, I, row.options).polynomial, I, { grid: 201 });
  }
  console.log(`Tables 1-3, all ${paperRows.length} deterministic rows (fit + metrics on 201 points): ${(performance.now() - t0).toFixed(0)} ms`);
}
