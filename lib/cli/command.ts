import type { OptionSpec } from './args';

/** A CLI subcommand: one file each under lib/cli/, listed in lib/cli/main.ts. */
export interface Command {
  readonly name: string;
  /** One line for `polyact --help`. */
  readonly summary: string;
  /** Full help for `polyact <name> --help`. */
  help(): string;
  /**
   * Runs with the arguments after the subcommand name; returns the exit code (lib/cli/exit.ts).
   * Throw InputError for bad input (exit 2), NotReachedError when the method cannot reach its
   * tolerance or budget (exit 3); main() prints the one stderr line.
   */
  run(argv: string[]): Promise<number> | number;
  /** The options the command takes (main() names them in errors); default: the `--name`s in help(). */
  options?(): readonly OptionSpec[];
  /** Library argument -> option name where they differ beyond camelCase/kebab-case (e.g. `{ polynomial: 'degree' }`). */
  readonly aliases?: Readonly<Record<string, string>>;
}
