/**
 * `--json` output: exactly one line holding one JSON object. JSON has no NaN or Infinity
 * (JSON.stringify would write null silently), so a non-finite number is refused here as the bug
 * it is; a value that could not be computed is written as null on purpose, with a string beside
 * it saying why (`note`, `skipped` or `...Note`, e.g. `monomialNote`).
 */

/** The path of the first non-finite number in v, or undefined. */
export function nonFinitePath(v: unknown, path = '$'): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : path;
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    const a = v as ArrayLike<unknown>;
    for (let i = 0; i < a.length; i++) {
      const bad = nonFinitePath(a[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return undefined;
  }
  if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      const bad = nonFinitePath(x, `${path}.${k}`);
      if (bad) return bad;
    }
  }
  return undefined;
}

/** One line of JSON (with the newline); throws for a non-finite number instead of writing null. */
export function jsonLine(value: unknown): string {
  const bad = nonFinitePath(value);
  if (bad) throw new Error(`non-finite number at ${bad} in the --json output`);
  return JSON.stringify(value) + '\n';
}
