/** What a fuzzed command module provides (one module per command under commands/). */
import type { FuzzRng } from './values';

/** The outcome of one case as the classifier sees it. */
export interface RunResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  readonly ms: number;
  /** Set by the pool: the case ran past the watchdog (the worker was terminated). */
  readonly timedOut?: boolean;
  /** Set by the pool: the worker died (out of memory, native crash) with this message. */
  readonly crashed?: string;
}

export interface FuzzCommand {
  /** The CLI command (argv[0] of `polyact`), or a scenario name for process-level families. */
  readonly name: string;
  /** Share of the runs (relative to the other commands). */
  readonly weight: number;
  /** Its own watchdog in ms, for process scenarios (CLI commands use the run's, 20 s). */
  readonly timeoutMs?: number;
  /** A documented budget longer than the watchdog for these arguments (ms), e.g. compare's per-degree budget. */
  budgetMs?(argv: readonly string[]): number | undefined;
  /** The arguments after the command name for one case. */
  generate(r: FuzzRng): string[];
  /**
   * Consistency checks of a successful run beyond the generic ones: returns a one-line defect
   * description, or undefined when the output is consistent. `json` is the parsed --json object.
   */
  check?(argv: readonly string[], json: unknown, text: string): string | undefined;
  /** Runs a case some other way than the CLI's main([name, ...argv]) in-process (process scenarios). */
  execute?(argv: readonly string[]): Promise<{ code: number; out: string; err: string }>;
  /**
   * false: report a defect's case as drawn, without shrinking. For commands whose generator adds
   * a rejected option to keep a case cheap (train, infer): dropping it would start minutes of work.
   */
  readonly shrink?: boolean;
  /** The copy-pasteable command line of a case (default: node bin/polyact.js <name> <argv>). */
  reproducer?(argv: readonly string[]): string;
}
