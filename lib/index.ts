/**
 * polyact: the public API. Notebooks import from here (`import * as pa from './lib/index'`;
 * the folder import `./lib` does not resolve inside tslab).
 *
 * Each section below belongs to one module family; keep one export line per module.
 */

// --- core: errors, polynomial ---
export * from './errors';
export * from './polynomial';
export * from './chebyshev';
export * from './statistics';

// --- numerics (#3): activations, sampling, fits, metrics ---
export * from './activations';
export * from './fit/types';
export * from './fit/index';
export * from './sampling';
export * from './metrics';
export * from './quadrature';

// --- display (#2): plots and tables ---
export * from './display/index';
export * from './figures/activations';

// --- paper data (#4) ---
export * from './paper/index';
export * from './figures/nodes';
export * from './figures/methods';
export * from './figures/metrics';
export * from './figures/tables';

// --- network (#5) ---
export * from './network/index';
export * from './figures/network';

// --- optimal (#6) ---
export * from './optimal/study';
export * from './optimal/notebook';
export * from './optimal/report';
export * from './optimal/template';
export * from './optimal/remez';
export * from './optimal/rho-solver';
export * from './figures/optimal';

// --- homomorphic encryption (#7) ---
export * from './he/index';
export * from './he/inference/index';
export * from './figures/he';

// --- real digits (#12) ---
export * from './mnist/index';
export * from './figures/mnist';

// --- stored results (#10): long deterministic computations kept with their fingerprint ---
export * from './store/index';

// --- notebook findings (#14): generated from the notebooks' results ---
export * from './findings/index';
