/**
 * Instantiating notebooks/template-new-activation.ipynb programmatically: its one user cell (id
 * `settings`) is replaced by generated code for the given activation, interval and degrees. The
 * tests use it (GELU on [-8, 8]); a user copying the notebook by hand edits that cell instead.
 */
import { InputError, requireInteger, requireInterval } from '../errors';

export interface TemplateSettings {
  /** A registry name or a mathjs formula in x. */
  readonly fn: string;
  readonly interval: readonly [number, number];
  readonly degrees: readonly number[];
}

/** The source of the settings cell for these settings. */
export function templateSettingsSource(s: TemplateSettings): string {
  if (typeof s.fn !== 'string' || s.fn.trim() === '') throw new InputError('fn', 'expected an activation name or a formula in x');
  const [a, b] = requireInterval('interval', Array.from(s.interval));
  if (!Array.isArray(s.degrees) || s.degrees.length === 0) throw new InputError('degrees', 'expected a non-empty array of degrees');
  s.degrees.forEach((d, i) => requireInteger(`degrees[${i}]`, d, 0, 64));
  return [
    '// Edit this cell: the activation (a registry name or a mathjs formula in x), the interval, the degrees.',
    `const fn = ${JSON.stringify(s.fn)};`,
    `const interval: [number, number] = [${a}, ${b}];`,
    `const degrees = ${JSON.stringify(s.degrees)};`,
  ].join('\n');
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
