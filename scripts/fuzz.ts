/**
 * `npm run fuzz -- --runs N --seed S [--workers 2] [--timeout 20] [--only fit,compare]`: the
 * robustness fuzzer (issues #11, #15). Every case is a random or boundary argument set for one
 * command, drawn from seedrandom(`<seed>:<case>`) (same seed => same cases, whatever the number of
 * workers), run in-process through the CLI's main(argv) on worker threads with stdout and stderr
 * captured, under a per-case watchdog, and classified OK / CLEAN-REJECT / DEFECT
 * (scripts/fuzz/classify.ts). It prints the counts per command and class and, per defect kind,
 * one minimal reproducer: a copy-pasteable `node bin/polyact.js ...` line, shrunk by dropping
 * options while the defect stays. Exit 0 when there is no defect, 1 otherwise, 2 for bad arguments.
 *
 * Adding a command: write scripts/fuzz/commands/<name>.ts exporting a FuzzCommand
 * (scripts/fuzz/command.ts: `name`, `weight`, `generate(rng)` drawing from the value families in
 * scripts/fuzz/values.ts, optional `check(argv, json, text)` for consistency of a successful run)
 * and list it in scripts/fuzz/commands/index.ts. Classification, watchdog and shrinking need no
 * change. Commands whose run time grows with an argument (network --inputs) draw it within what
 * fits the watchdog and say so in their header.
 */
import { loadavg } from 'node:os';
import { InputError } from '../lib/errors';
import { integerOption, parseArgs, type OptionSpec } from '../lib/cli/args';
import type { FuzzCommand, RunResult } from './fuzz/command';
import { classify, type Verdict } from './fuzz/classify';
import { COMMANDS } from './fuzz/commands/index';
import { captureMain } from './fuzz/capture';
import { FuzzPool } from './fuzz/pool';
import { FuzzRng } from './fuzz/values';

export interface FuzzOptions {
  readonly runs: number;
  readonly seed: string;
  readonly workers?: number;
  /** Per-case watchdog in ms (default 20000). */
  readonly timeoutMs?: number;
  /** Only these commands (default: all). */
  readonly only?: readonly string[];
  /** Shrink each defect kind's reproducer (default true). */
  readonly shrink?: boolean;
  /** Progress lines to stderr. */
  readonly progress?: boolean;
  /** Each defect on stderr as it is found (kind and reproducer). */
  readonly verbose?: boolean;
}

export interface FuzzCase {
  readonly index: number;
  readonly command: string;
  readonly argv: readonly string[];
  readonly result: RunResult;
  readonly verdict: Verdict;
}

export interface FuzzReport {
  readonly cases: FuzzCase[];
  /** Per command: OK, CLEAN-REJECT, DEFECT counts. */
  readonly counts: Record<string, { OK: number; 'CLEAN-REJECT': number; DEFECT: number }>;
  /** Per defect kind: how many cases and one minimal reproducer. */
  readonly defects: { kind: string; count: number; reproducer: string; detail: string }[];
  readonly seconds: number;
}

/** The case `index` of a seeded run: which command and its arguments. */
export function fuzzCase(seed: string, index: number, commands: readonly FuzzCommand[]): { command: FuzzCommand; argv: string[] } {
  const r = new FuzzRng(`${seed}:${index}`);
  const command = r.weighted(commands.map((c) => [c.weight, c] as const));
  return { command, argv: command.generate(r) };
}

/** A shell word: bare when safe, single-quoted otherwise, $'...' with escapes when it holds control characters. */
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_\-.,=:/+@%^]+$/.test(s)) return s;
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(s)) {
    return `$'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`;
  }
  return `'${s.replace(/'/g, "'\\''")}'`;
}

export function reproducer(command: FuzzCommand, argv: readonly string[]): string {
  return command.reproducer ? command.reproducer(argv) : ['node bin/polyact.js', command.name, ...argv.map(shellQuote)].join(' ');
}

/** The option names a command documents in its --help (the classifier accepts a rejection naming one of them). */
async function documentedOptions(command: FuzzCommand): Promise<Set<string>> {
  if (command.execute) return new Set();
  const { out } = await captureMain([command.name, '--help']);
  return new Set([...out.matchAll(/--([a-z][a-z0-9-]*)/gi)].map((m) => m[1]));
}

/** argv split into units that can be dropped whole: an option with its value, a flag, a positional. */
function units(argv: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--') && !a.includes('=') && i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      out.push([a, argv[i + 1]]);
      i++;
    } else out.push([a]);
  }
  return out;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const t0 = performance.now();
  const timeoutMs = options.timeoutMs ?? 20000;
  const commands = options.only ? COMMANDS.filter((c) => options.only!.includes(c.name)) : COMMANDS;
  if (commands.length === 0) throw new InputError('--only', `expected some of ${COMMANDS.map((c) => c.name).join(', ')}`);
  const documented = new Map<string, Set<string>>();
  for (const c of commands) documented.set(c.name, await documentedOptions(c));
  const pool = new FuzzPool(options.workers ?? 2, timeoutMs);
  const watchdogOf = (c: FuzzCommand, argv: readonly string[]): number => Math.max(c.timeoutMs ?? timeoutMs, c.budgetMs?.(argv) ?? 0);
  const verdictOf = (c: FuzzCommand, argv: readonly string[], r: RunResult): Verdict => classify(c, argv, r, documented.get(c.name)!, watchdogOf(c, argv));
  const cases: FuzzCase[] = new Array(options.runs);
  let done = 0, defects = 0;
  try {
    await Promise.all(Array.from({ length: options.runs }, async (_, index) => {
      const { command, argv } = fuzzCase(options.seed, index, commands);
      const result = await pool.run({ id: index, command: command.name, argv, timeoutMs: watchdogOf(command, argv) });
      const verdict = verdictOf(command, argv, result);
      cases[index] = { index, command: command.name, argv, result, verdict };
      done++;
      if (verdict.class === 'DEFECT') {
        defects++;
        if (options.verbose) process.stderr.write(`DEFECT ${verdict.kind}\n  ${reproducer(command, argv)}\n`);
      }
      if (options.progress && (done % 100 === 0 || done === options.runs)) {
        process.stderr.write(`fuzz: ${done} / ${options.runs} cases, ${defects} defects, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
      }
    }));
    const counts: FuzzReport['counts'] = {};
    for (const c of commands) counts[c.name] = { OK: 0, 'CLEAN-REJECT': 0, DEFECT: 0 };
    const byKind = new Map<string, FuzzCase[]>();
    for (const c of cases) {
      counts[c.command][c.verdict.class]++;
      if (c.verdict.class === 'DEFECT') byKind.set(c.verdict.kind, [...(byKind.get(c.verdict.kind) ?? []), c]);
    }
    const report: FuzzReport['defects'] = [];
    for (const [kind, list] of [...byKind.entries()].sort((a, b) => b[1].length - a[1].length)) {
      const command = commands.find((c) => c.name === list[0].command)!;
      const shortest = list.reduce((a, b) => (reproducer(command, b.argv).length < reproducer(command, a.argv).length ? b : a));
      let argv = shortest.argv;
      // Greedy shrinking: drop one unit at a time while the case keeps the same defect kind (hangs and crashes are not re-run).
      if (options.shrink !== false && command.shrink !== false && !/: (timeout|crash)/.test(kind) && !command.execute) {
        let tries = 0;
        for (let u = units(argv).length - 1; u >= 0 && tries < 12; u--) {
          const parts = units(argv);
          const candidate = [...parts.slice(0, u), ...parts.slice(u + 1)].flat();
          tries++;
          const r = await pool.run({ id: options.runs + report.length * 100 + tries, command: command.name, argv: candidate });
          const v = verdictOf(command, candidate, r);
          if (v.class === 'DEFECT' && v.kind === kind) argv = candidate;
        }
      }
      report.push({ kind, count: list.length, reproducer: reproducer(command, argv), detail: (shortest.verdict as { detail: string }).detail });
    }
    return { cases, counts, defects: report, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await pool.close();
  }
}

/** The summary printed by `npm run fuzz`. */
export function formatReport(r: FuzzReport, header: string): string {
  const lines = [header, '', `${'command'.padEnd(10)}${'runs'.padStart(7)}${'OK'.padStart(7)}${'CLEAN-REJECT'.padStart(14)}${'DEFECT'.padStart(8)}`];
  const total = { OK: 0, 'CLEAN-REJECT': 0, DEFECT: 0 };
  for (const [name, c] of Object.entries(r.counts)) {
    lines.push(`${name.padEnd(10)}${String(c.OK + c['CLEAN-REJECT'] + c.DEFECT).padStart(7)}${String(c.OK).padStart(7)}${String(c['CLEAN-REJECT']).padStart(14)}${String(c.DEFECT).padStart(8)}`);
    total.OK += c.OK; total['CLEAN-REJECT'] += c['CLEAN-REJECT']; total.DEFECT += c.DEFECT;
  }
  lines.push(`${'total'.padEnd(10)}${String(r.cases.length).padStart(7)}${String(total.OK).padStart(7)}${String(total['CLEAN-REJECT']).padStart(14)}${String(total.DEFECT).padStart(8)}`);
  lines.push('', r.defects.length === 0 ? 'no defects' : `${r.defects.length} defect kinds:`);
  for (const d of r.defects) lines.push(`  [${d.count}] ${d.kind}`, `      ${d.reproducer}`);
  return lines.join('\n');
}

const OPTIONS: readonly OptionSpec[] = [
  { name: 'runs', type: 'integer', description: 'number of cases', default: 1000 },
  { name: 'seed', type: 'string', description: 'seed of the cases (seedrandom)', default: '1' },
  { name: 'workers', type: 'integer', description: 'worker threads, 1..16', default: 2 },
  { name: 'timeout', type: 'integer', description: 'per-case watchdog in seconds (a case running longer is a defect)', default: 20 },
  { name: 'only', type: 'string', description: `comma-separated commands (${COMMANDS.map((c) => c.name).join(', ')})` },
  { name: 'no-shrink', type: 'flag', description: 'report the shortest case of each defect kind without shrinking it' },
  { name: 'verbose', type: 'flag', description: 'print each defect on stderr as it is found' },
  { name: 'help', type: 'flag', description: 'show this help' },
];

async function cli(argv: string[]): Promise<number> {
  const args = parseArgs(argv, OPTIONS);
  if (args.options.help) {
    process.stdout.write(`Usage: npm run fuzz -- [--runs N] [--seed S] [--workers 2] [--timeout 20] [--only fit,compare]\n\n${OPTIONS.map((o) => `  --${o.name.padEnd(10)} ${o.description}${o.default !== undefined ? ` (default ${o.default})` : ''}`).join('\n')}\n`);
    return 0;
  }
  if (args.positionals.length > 0) throw new InputError('arguments', `unexpected '${args.positionals[0]}'; see npm run fuzz -- --help`);
  const runs = integerOption(args, 'runs', 1000)!;
  if (runs < 1) throw new InputError('--runs', `expected an integer >= 1, got ${runs}`);
  const workers = integerOption(args, 'workers', 2)!;
  if (workers < 1 || workers > 16) throw new InputError('--workers', `expected an integer in 1..16, got ${workers}`);
  const timeout = integerOption(args, 'timeout', 20)!;
  if (timeout < 1) throw new InputError('--timeout', `expected an integer >= 1, got ${timeout}`);
  const seed = String(args.options.seed ?? '1');
  const only = typeof args.options.only === 'string' ? args.options.only.split(',') : undefined;
  const load = loadavg()[0].toFixed(2);
  const r = await runFuzz({ runs, seed, workers, timeoutMs: timeout * 1000, only, shrink: !args.options['no-shrink'], progress: true, verbose: args.options.verbose === true });
  const header = `fuzz: ${runs} runs, seed ${seed}, ${workers} workers, ${timeout} s watchdog: ${r.seconds.toFixed(1)} s (load ${load} at the start, ${loadavg()[0].toFixed(2)} at the end)`;
  process.stdout.write(formatReport(r, header) + '\n');
  return r.defects.length === 0 ? 0 : 1;
}

if (require.main === module) {
  cli(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
    process.stderr.write(`fuzz: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = e instanceof InputError ? 2 : 1;
  });
}
