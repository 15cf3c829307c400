/**
 * `polyact <command> [options]`. Bad input ends with one line on stderr and exit code 2, never a
 * stack trace; other failures exit 1.
 */
import { InputError } from '../errors';
import type { Command } from './command';

// One entry per subcommand; each module exports `command`. Loaded lazily so `polyact fit` does not pay for the network or HE code.
const commands: Record<string, { summary: string; load: () => Command }> = {
  fit: { summary: 'Fit a polynomial to an activation and print it with its metrics', load: () => require('./fit').command },
  network: { summary: 'Section 5: max |f1 - f1*| of the CNN over random inputs, search and certified bound', load: () => require('./network').command },
  he: { summary: 'Evaluate a fitted polynomial under CKKS encryption (SEAL): depth, error, time', load: () => require('./he').command },
  compare: { summary: 'Every method side by side with the certified optimum (minimax, rho-optimal)', load: () => require('./compare').command },
  infer: { summary: 'Private inference: the whole network under CKKS (batch or packed layout), error and cost', load: () => require('./infer').command },
};

function usage(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return ['Usage: polyact <command> [options]', '', 'Commands:', ...rows, '', 'Run `polyact <command> --help` for the options of a command.'].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name === undefined ? 2 : 0;
  }
  const entry = commands[name];
  if (!entry) {
    process.stderr.write(`polyact: unknown command '${name}'; expected one of ${Object.keys(commands).join(', ')}\n`);
    return 2;
  }
  const command = entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help() + '\n');
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`polyact ${name}: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`polyact ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
