/**
 * `npm run store [-- --refresh] [--all]`: the stored results of data/store/ (lib/store), one line
 * each with whether it is current (its fingerprint matches the code at hand) and when it was
 * computed. `--refresh` computes again every one that is not current (`--all`: every one) with the
 * options it holds, so that after an edit of lib/ the committed results can be brought up to date
 * without running the notebooks. Exit 0; 1 when, without --refresh, some are not current.
 */
import { relative, resolve } from 'node:path';
import { formatOptions, parseArgs, type OptionSpec } from '../lib/cli/args';
import { InputError } from '../lib/errors';
import { stored, storedEntries, type StoredEntry } from '../lib/store/store';

const ROOT = resolve(__dirname, '..');
const OPTIONS: readonly OptionSpec[] = [
  { name: 'refresh', type: 'flag', description: 'compute again every stored result that is not current' },
  { name: 'all', type: 'flag', description: 'with --refresh: every stored result' },
  { name: 'help', type: 'flag', description: 'show this help' },
];

function line(e: StoredEntry): string {
  return `${e.current ? 'current' : 'STALE  '}  ${relative(ROOT, e.file)}  (${e.name}, computed ${e.measured.date.slice(0, 16).replace('T', ' ')} UTC in ${e.measured.seconds.toFixed(1)} s)`;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, OPTIONS);
  if (args.positionals.length > 0) throw new InputError('arguments', `unexpected "${args.positionals[0]}"; see --help`);
  if (args.options.help) {
    process.stdout.write(`Usage: npm run store [-- --refresh [--all]]\n\n${formatOptions(OPTIONS)}\n`);
    return 0;
  }
  const entries = storedEntries();
  if (!args.options.refresh) {
    for (const e of entries) process.stdout.write(`${line(e)}\n`);
    const stale = entries.filter((e) => !e.current).length;
    process.stdout.write(`${entries.length} stored results, ${stale} not current${stale ? ' (npm run store -- --refresh computes them again)' : ''}\n`);
    return stale ? 1 : 0;
  }
  for (const e of entries.filter((x) => args.options.all || !x.current)) {
    const t = performance.now();
    await stored(e.name, e.options as never, { fresh: true });
    process.stdout.write(`computed ${relative(ROOT, e.file)} (${e.name}) in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
    process.stderr.write(`store: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = e instanceof InputError ? 2 : 1;
  });
}
