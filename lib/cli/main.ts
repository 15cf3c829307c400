/**
 * `polyact <command> [options]`. Errors end with exactly one line on stderr and the exit code of
 * ./exit.ts: 2 bad input, 3 valid input that the method could not bring to its tolerance or
 * budget, 1 an internal error; never a stack trace (unless POLYACT_DEBUG=1).
 */
import { echo } from '../errors';
import type { Command } from './command';
import { EXIT, errorReport } from './exit';

// One entry per subcommand; each module exports `command`. Loaded lazily so `polyact fit` does not pay for the network or HE code.
const commands: Record<string, { summary: string; load: () => Command }> = {
  fit: { summary: 'Fit a polynomial to an activation and print it with its metrics', load: () => require('./fit').command },
  network: { summary: 'Section 5: max |f1 - f1*| of the CNN over random inputs, search and certified bound', load: () => require('./network').command },
  he: { summary: 'Evaluate a fitted polynomial under CKKS encryption (SEAL): depth, error, time', load: () => require('./he').command },
  compare: { summary: 'Every method side by side with the certified optimum (minimax, rho-optimal)', load: () => require('./compare').command },
  train: { summary: 'Train the Section 5 network on MNIST digits (tfjs, deterministic)', load: () => require('./train').command },
  accuracy: { summary: 'Test accuracy of the MNIST-trained network with a polynomial in place of ReLU', load: () => require('./accuracy').command },
  infer: { summary: 'Private inference: the whole network under CKKS (batch or packed layout), error and cost', load: () => require('./infer').command },
};

function usage(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return ['Usage: polyact <command> [options]', '', 'Commands:', ...rows, '', 'Run `polyact <command> --help` for the options of a command.',
    'Exit codes: 0 success, 2 bad input, 3 valid input but the method could not reach its tolerance or budget, 1 internal error.'].join('\n');
}

/** The option names a command takes: its declared options, else the `--name`s its help mentions. */
function optionNames(command: Command): string[] {
  if (command.options) return command.options().map((o) => o.name);
  return [...command.help().matchAll(/--([a-z][a-z0-9-]*)/gi)].map((m) => m[1]);
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  const entry = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
  if (!entry) {
    process.stderr.write(`polyact: unknown command ${echo(name)}; expected one of ${Object.keys(commands).join(', ')}\n`);
    return EXIT.badInput;
  }
  const command = entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help() + '\n');
    return EXIT.ok;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    const { code, line } = errorReport(name, e, optionNames(command), command.aliases);
    process.stderr.write(line + '\n');
    if (process.env.POLYACT_DEBUG === '1' && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
    return code;
  }
}
