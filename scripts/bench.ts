/**
 * `npm run bench`: every benchmark module in scripts/bench/ (one per area, run in name order).
 * Each exports `run(): Promise<void>` and prints its own figures. `npm run bench -- network` runs
 * only the modules whose file name contains `network`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const filter = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const dir = join(__dirname, 'bench');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()
    .filter((f) => filter.length === 0 || filter.some((s) => f.includes(s)));
  for (const file of files) {
    console.log(`\n=== ${file} ===`);
    const mod = require(join(dir, file)) as { run: () => Promise<void> };
    await mod.run();
  }
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
