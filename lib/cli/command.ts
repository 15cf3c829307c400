/** A CLI subcommand: one file each under lib/cli/, listed in lib/cli/main.ts. */
export interface Command {
  readonly name: string;
  /** One line for `polyact --help`. */
  readonly summary: string;
  /** Full help for `polyact <name> --help`. */
  help(): string;
  /** Runs with the arguments after the subcommand name; returns the exit code. Throw InputError for bad input (exit 2). */
  run(argv: string[]): Promise<number> | number;
}
