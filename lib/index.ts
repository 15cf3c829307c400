/**
 * polyact: the public API. Notebooks import from here (`import * as pa from './lib/index'`;
 * the folder import `./lib` does not resolve inside tslab).
 *
 * Each section below belongs to one module family; keep one export line per module.
 */

// --- core: errors, polynomial ---
export * from './errors';
export * from './polynomial';

// --- numerics (#3): activations, sampling, fits, metrics ---
export * from './activations';
export * from './fit/types';

// --- display (#2): plots and tables ---

// --- paper data (#4) ---

// --- network (#5) ---

// --- optimal (#6) ---

// --- homomorphic encryption (#7) ---
