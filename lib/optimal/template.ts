/**
 * Instantiating notebooks/template-new-activation.ipynb programmatically: its one user cell (id
 * `settings`) is replaced by generated code for the given activation, interval and degrees. The
 * tests use it (GELU on [-8, 8]); a user copying the notebook by hand edits that cell instead.
 * Also the notebook's generated title, so that a fork is listed under its own activation.
 */
import type { Activation } from '../activations';
import { InputError, requireInteger, requireInterval } from '../errors';

export interface TemplateSettings {
  /** A registry name or a mathjs formula in x. */
  readonly fn: string;
  /** A short name for titles (default: `fn`). */
  readonly name?: string;
  readonly interval: readonly [number, number];
  readonly degrees: readonly number[];
}

/** The source of the settings cell for these settings. */
export function templateSettingsSource(s: TemplateSettings): string {
  if (typeof s.fn !== 'string' || s.fn.trim() === '') throw new InputError('fn', 'expected an activation name or a formula in x');
  if (s.name !== undefined && (typeof s.name !== 'string' || s.name.trim() === '')) throw new InputError('name', 'expected a non-empty short name');
  const [a, b] = requireInterval('interval', Array.from(s.interval));
  if (!Array.isArray(s.degrees) || s.degrees.length === 0) throw new InputError('degrees', 'expected a non-empty array of degrees');
  s.degrees.forEach((d, i) => requireInteger(`degrees[${i}]`, d, 0, 64));
  return [
    '// Settings - the only cell to edit: the activation (a registry name or a mathjs formula in x),',
    '// a short name for titles, the interval, the degrees.',
    `const fn = ${JSON.stringify(s.fn)};`,
    `const name = ${JSON.stringify(s.name ?? s.fn)};`,
    `const interval: [number, number] = [${a}, ${b}];`,
    `const degrees = ${JSON.stringify(s.degrees)};`,
  ].join('\n');
}

/** The generated title of the template notebook: a heading with the activation and interval, and what is studied. */
export function studyTitle(f: Activation, interval: readonly [number, number], degrees: readonly number[]): string {
  const [a, b] = requireInterval('interval', Array.from(interval));
  const formula = f.formula && f.formula !== f.name ? `f(x) = ${f.formula}` : `f = ${f.name}`;
  const ds = [...new Set(degrees)].sort((u, v) => u - v).join(', ');
  return `# ${f.name} on [${a}, ${b}]: polynomial approximations against the certified optimum\n\n${formula}; degrees N = ${ds}.`;
}

interface NotebookLike { cells: { id?: string; cell_type: string; source: string | string[] }[] }

/** A copy of the template notebook with its settings cell replaced. */
export function instantiateTemplate<T extends NotebookLike>(template: T, settings: TemplateSettings): T {
  const copy = JSON.parse(JSON.stringify(template)) as T;
  const cell = copy.cells.find((c) => c.id === 'settings');
  if (!cell || cell.cell_type !== 'code') throw new InputError('template', "expected a code cell with id 'settings'");
  const lines = templateSettingsSource(settings).split('\n');
  cell.source = lines.map((l, i) => (i < lines.length - 1 ? l + '\n' : l));
  return copy;
}
