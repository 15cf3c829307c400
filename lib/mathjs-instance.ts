/**
 * mathjs, loaded on first use. Loading the package builds every one of its typed functions (~1 s
 * of CPU), which each notebook kernel, CLI command and worker thread would otherwise pay at
 * `import` although most never parse a formula. `create(all)` itself is cheap once it is loaded.
 * (Not named mathjs.ts: tslab resolves a bare `require('mathjs')` in lib/ to a sibling mathjs.js first.)
 */
import type { MathJsInstance } from 'mathjs';

let instance: MathJsInstance | undefined;

/** The project's mathjs instance (default configuration), created at the first call. */
export function mathjs(): MathJsInstance {
  if (!instance) {
    const { create, all } = require('mathjs') as typeof import('mathjs');
    instance = create(all, {});
  }
  return instance;
}
