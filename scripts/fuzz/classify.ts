/**
 * Classification of one case (issue #11):
 * - OK: exit 0; with --help or -h anywhere the help text (it wins over --json); with --json exactly one JSON object on stdout whose every number is finite (a
 *   null only beside a note saying why); text without NaN or Infinity; the command's consistency
 *   checks pass (metrics, certificates);
 * - CLEAN-REJECT: a documented non-zero exit code (2 bad input, 3 valid input but the method could
 *   not reach its tolerance or budget), nothing on stdout, exactly one stderr line
 *   `polyact <command>: ...` without stack frames; for exit 2 the line names the option as typed
 *   on the command line (or an option of the command, e.g. a required one that is missing);
 * - DEFECT: anything else (exit 1 = an internal error, a crash, more than the watchdog's 20 s).
 * A defect's kind groups cases with the same cause: the command, the category and the message
 * with numbers and quoted values blanked.
 */
import type { FuzzCommand, RunResult } from './command';
import { checkCompareText } from './checks';

/** Control characters as the CLI echoes them (\\n, \\t, \\u001b, ...). */
function escapeControls(s: string): string {
  return JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"');
}

export type Verdict =
  | { readonly class: 'OK' | 'CLEAN-REJECT' }
  | { readonly class: 'DEFECT'; readonly kind: string; readonly detail: string };

const STACK = /\n\s+at |^\s+at .*:\d+:\d+\)?$/m;

/** The message with numbers, quoted values and paths blanked, so that one cause gives one kind. */
export function normalise(message: string): string {
  return message
    .replace(/'[^']*'/g, "'…'")
    .replace(/"[^"]*"/g, '"…"')
    .replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/gi, 'N')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 110);
}

function valueOf(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}`) return argv[i + 1];
    if (argv[i].startsWith(`--${name}=`)) return argv[i].slice(name.length + 3);
  }
  return undefined;
}

function defect(command: FuzzCommand, argv: readonly string[], category: string, detail: string): Verdict {
  // Group hangs and crashes by method too: they have no message to tell causes apart.
  const method = valueOf(argv, 'method');
  const tag = (category === 'timeout' || category === 'crash') && method && /^[a-z-]+$/.test(method) ? ` (--method ${method})` : '';
  return { class: 'DEFECT', kind: `${command.name}: ${category}${tag}${detail && category !== 'timeout' ? `: ${normalise(detail)}` : ''}`, detail };
}

/** `options` are the command's documented option names (from its --help), without dashes. */
export function classify(command: FuzzCommand, argv: readonly string[], r: RunResult, options: ReadonlySet<string>, timeoutMs: number): Verdict {
  if (r.timedOut) return defect(command, argv, 'timeout', `> ${timeoutMs / 1000} s`);
  if (r.crashed) return defect(command, argv, 'crash', r.crashed);
  if (STACK.test(r.err) || STACK.test(r.out)) return defect(command, argv, 'stack trace', r.err.split('\n')[0]);
  if (r.code === 0) {
    // --help (or -h) anywhere wins over every other option, --json included: the help text.
    if (argv.includes('--help') || argv.includes('-h')) {
      return /^Usage: polyact /.test(r.out) && r.err === '' ? { class: 'OK' } : defect(command, argv, '--help output', r.out.split('\n')[0] ?? '');
    }
    if (argv.includes('--json')) {
      const lines = r.out.split('\n').filter((l) => l.trim() !== '');
      if (lines.length !== 1) return defect(command, argv, '--json output', `${lines.length} lines on stdout`);
      let json: unknown;
      try {
        json = JSON.parse(lines[0]);
      } catch (e) {
        return defect(command, argv, '--json output', `not JSON: ${(e as Error).message}`);
      }
      const bad = command.check?.(argv, json, r.out);
      return bad ? defect(command, argv, 'inconsistent output', bad) : { class: 'OK' };
    }
    const nonFinite = /\bNaN\b|Infinity/.exec(r.out);
    if (nonFinite) return defect(command, argv, 'text with NaN/Infinity', r.out.split('\n').find((l) => /\bNaN\b|Infinity/.test(l)) ?? '');
    const bad = (command.name === 'compare' ? checkCompareText(r.out) : undefined) ?? command.check?.(argv, undefined, r.out);
    return bad ? defect(command, argv, 'inconsistent output', bad) : { class: 'OK' };
  }
  if (r.code !== 2 && r.code !== 3) return defect(command, argv, `exit ${r.code}`, r.err.split('\n')[0] ?? '');
  if (r.out !== '') return defect(command, argv, `exit ${r.code} with stdout`, r.out.split('\n')[0]);
  const lines = r.err.split('\n');
  if (!(lines.length === 2 && lines[1] === '')) return defect(command, argv, `exit ${r.code} with ${lines.length - 1} stderr lines`, lines[0]);
  const prefix = `polyact ${command.name}: `;
  if (!command.execute && !lines[0].startsWith(prefix)) return defect(command, argv, `exit ${r.code} without the 'polyact ${command.name}:' prefix`, lines[0]);
  if (r.code === 2 && !command.execute) {
    const rest = lines[0].slice(prefix.length);
    // The subject ends at the first ': ' outside quotes (a quoted value may hold colons).
    const subject = /^(?:(?:unexpected )?argument '[^']*'|[^:]*)/.exec(rest)![0];
    // A positional is named as typed, quoted and escaped: `argument 'extra'` (a long one cut with '...' by echo).
    const bare = subject.replace(/^(unexpected )?argument /, '').replace(/^'(.*)'$/, '$1');
    const named = subject.startsWith('--')
      ? options.has(subject.slice(2)) || argv.some((a) => a === subject || a.startsWith(`${subject}=`))
      : argv.some((a) => a === bare || escapeControls(a) === bare || (bare.endsWith('...') && escapeControls(a).startsWith(bare.slice(0, -3))));
    if (!named) return defect(command, argv, 'rejection not naming the option as typed', lines[0]);
  }
  return { class: 'CLEAN-REJECT' };
}
