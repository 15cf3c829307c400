#!/usr/bin/env node
// The polyact CLI: compiles lib/ on the fly with tsx (no build step), then runs lib/cli/main.ts.
require('tsx/cjs/api').register();
require('../lib/cli/main.ts')
  .main(process.argv.slice(2))
  .then((code) => { process.exitCode = code; });
