/**
 * The nbformat 4 notebook document: the subset the runner reads and writes, and a reader that
 * rejects anything else with a message naming the file and what is wrong.
 */
import { readFileSync } from 'node:fs';

export type MimeBundle = Record<string, string | string[] | unknown>;

export type Output =
  | { output_type: 'stream'; name: string; text: string }
  | { output_type: 'display_data'; data: MimeBundle; metadata: Record<string, unknown> }
  | { output_type: 'execute_result'; data: MimeBundle; metadata: Record<string, unknown>; execution_count: number | null }
  | { output_type: 'error'; ename: string; evalue: string; traceback: string[] };

export interface Cell {
  cell_type: 'code' | 'markdown' | 'raw';
  id?: string;
  source: string | string[];
  metadata: Record<string, unknown>;
  outputs?: Output[];
  execution_count?: number | null;
  attachments?: unknown;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

/** A notebook file that cannot be read or is not an nbformat 4 notebook. */
export class NotebookFormatError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'NotebookFormatError';
  }
}

/** Cell source as one string (nbformat allows a string or a list of lines). */
export function sourceText(cell: Pick<Cell, 'source'>): string {
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
}

/** Read and validate an .ipynb file. */
export function readNotebook(file: string): Notebook {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new NotebookFormatError(file, code === 'ENOENT' ? 'no such notebook' : `cannot read (${code ?? String(e)})`);
  }
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch (e) {
    throw new NotebookFormatError(file, `malformed .ipynb JSON (${(e as Error).message})`);
  }
  return validate(file, nb);
}

function validate(file: string, nb: unknown): Notebook {
  const fail = (m: string): never => { throw new NotebookFormatError(file, m); };
  if (typeof nb !== 'object' || nb === null || Array.isArray(nb)) return fail('expected a JSON object with nbformat and cells');
  const o = nb as Record<string, unknown>;
  if (o.nbformat !== 4) fail(`expected nbformat 4, got ${JSON.stringify(o.nbformat)}`);
  if (!Array.isArray(o.cells)) fail('expected a "cells" array');
  (o.cells as unknown[]).forEach((c, i) => {
    if (typeof c !== 'object' || c === null) fail(`cell ${i + 1}: expected an object`);
    const cell = c as Record<string, unknown>;
    if (cell.cell_type !== 'code' && cell.cell_type !== 'markdown' && cell.cell_type !== 'raw') {
      fail(`cell ${i + 1}: expected cell_type code, markdown or raw, got ${JSON.stringify(cell.cell_type)}`);
    }
    const s = cell.source;
    if (typeof s !== 'string' && !(Array.isArray(s) && s.every((l) => typeof l === 'string'))) {
      fail(`cell ${i + 1}: expected "source" as a string or a list of strings`);
    }
  });
  return {
    nbformat: 4,
    nbformat_minor: typeof o.nbformat_minor === 'number' ? o.nbformat_minor : 5,
    metadata: (typeof o.metadata === 'object' && o.metadata !== null ? o.metadata : {}) as Record<string, unknown>,
    cells: (o.cells as Cell[]).map((c) => ({ ...c, metadata: c.metadata ?? {} })),
  };
}

/** Serialise as Jupyter does (one-space indent, trailing newline), so diffs stay small. */
export function serialiseNotebook(nb: Notebook): string {
  return JSON.stringify(nb, null, 1) + '\n';
}
