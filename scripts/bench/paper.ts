/**
 * Paper benchmarks (#4): the recomputation of Section 4 - the 39 deterministic rows, the 18
 * random-node rows over 200 seeds (3600 least-squares fits with m = 1000), Tables 4-5 - and the
 * tables' CSV/LaTeX rendering. Wall time, single run each (the computation is deterministic).
 */
import { performance } from 'node:perf_hooks';
import { isRandomRow, paperRows } from '../../lib/paper/data';
import { randomRowDistribution } from '../../lib/paper/random';
import { compareRow } from '../../lib/paper/rows';
import { reproducePaper } from '../../lib/paper/reproduction';

function time<T>(label: string, fn: () => T): T {
  const t0 = performance.now();
  const out = fn();
  console.log(`${label.padEnd(48)} ${(performance.now() - t0).toFixed(0).padStart(7)} ms`);
  return out;
}

export async function run(): Promise<void> {
  const rows = paperRows();
  time('39 deterministic rows of Tables 1-3', () => rows.filter((r) => r.table <= 3 && !isRandomRow(r)).map((r) => compareRow(r)));
  time('20 rows of Tables 4-5 (5 candidates each)', () => rows.filter((r) => r.table >= 4).map((r) => compareRow(r)));
  time('one random row, 200 seeds x m = 1000', () => randomRowDistribution(rows.find(isRandomRow)!, { seeds: 200 }));
  const repro = time('reproducePaper (all 77 rows, 200 seeds)', () => reproducePaper({ seeds: 200 }));
  time('10 tables as CSV + LaTeX', () => repro.reports.map((t) => t.csv().length + t.latex().length));
}
