/**
 * `npm start [-- runner options] [notebooks...]`: run the notebooks through the headless runner
 * (report in out/), then, on a full run, `npm run export` (data/results/). The export depends on
 * lib/ only, not on the notebooks, so a one-notebook run skips it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const args = process.argv.slice(2);
const run = (script: string, argv: string[]): number =>
  spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, script), ...argv], { stdio: 'inherit' }).status ?? 1;

let code = run('run-notebooks.ts', args);
const fullRun = !args.some((a) => a.endsWith('.ipynb')) && !args.includes('--help');
if (code === 0 && fullRun) code = run('export.ts', []);
process.exitCode = code;
