/** Short English labels of the paper's methods, for tables and figures. */
import type { PaperRow } from './data';

const NODES: Record<string, string> = { uniform: 'uniform nodes', normal: 'normal nodes', chebyshev: 'Chebyshev roots' };

/** e.g. `numerical, uniform nodes`, `Taylor`, `Chebyshev`, `derivative (Heaviside)`, `"Legendre"` (a CryptoDL label, quoted). */
export function methodLabel(row: Pick<PaperRow, 'table' | 'method' | 'nodes' | 'inner'>): string {
  let s: string;
  switch (row.method) {
    case 'numerical': s = row.nodes ? `numerical, ${NODES[row.nodes]}` : 'numerical'; break;
    case 'taylor': s = 'Taylor'; break;
    case 'chebyshev': s = 'Chebyshev'; break;
    case 'legendre': s = 'Legendre'; break;
    case 'derivative': s = row.inner === 'heaviside' ? 'derivative (Heaviside)' : row.inner === 'sigmoid' ? 'derivative (sigmoid)' : 'derivative'; break;
    default: s = String(row.method);
  }
  return row.table >= 4 ? `"${s}"` : s;
}

/** `ReLU`, `sigmoid`, `tanh`. */
export function functionLabel(fn: string): string {
  return fn === 'relu' ? 'ReLU' : fn;
}
