/**
 * Execute a notebook through one kernel: every code cell in order, outputs and execution counts
 * collected into an executed copy. The first failing cell stops the notebook; the failure names
 * the cell number (1-based, counting all cells as Jupyter shows them), its first source line and
 * the error text (tslab writes the real compiler/runtime error to stderr, so that is where we look).
 */
import { CellTimeoutError, Kernel, KernelDiedError, type ExecuteResult } from './kernel';
import { sourceText, type Cell, type Notebook, type Output } from './notebook';

export interface CellFailure {
  /** 1-based index among all cells of the notebook. */
  cell: number;
  firstLine: string;
  message: string;
}

export interface NotebookRun {
  notebook: Notebook;
  failure?: CellFailure;
  /** Seconds: kernel start, and each executed code cell (index = cell number - 1). */
  startup: number;
  cellSeconds: Map<number, number>;
}

export interface RunOptions {
  root: string;
  /** Extra kernel environment (e.g. a warm spare's, see runner/spare.ts). */
  env?: Record<string, string>;
  /** Per-cell time limit in ms. */
  timeoutMs: number;
  /** Called once the kernel answers (progress; its pid lets tests check that it was reaped). */
  onStart?: (event: { pid: number | undefined; seconds: number; reused?: boolean }) => void;
  /** Called before and after each code cell (progress). */
  onCell?: (event: { cell: number; total: number; firstLine: string; seconds?: number; status?: string }) => void;
}

/** The first non-blank line of a cell, trimmed to 80 characters. */
export function firstLine(cell: Pick<Cell, 'source'>): string {
  const line = sourceText(cell).split('\n').find((l) => l.trim() !== '') ?? '';
  const t = line.trim();
  return t.length > 80 ? t.slice(0, 77) + '...' : t;
}

/**
 * The error text of a failed cell: error outputs first, then tslab's stderr with the kernel's own
 * frames (node internals, tslab) removed, so the message shows the user's error and location.
 */
export function errorText(result: Pick<ExecuteResult, 'outputs' | 'stderr'>): string {
  const errors = result.outputs.filter((o): o is Extract<Output, { output_type: 'error' }> => o.output_type === 'error')
    .map((o) => `${o.ename}: ${o.evalue}`);
  let lines = result.stderr.trim().split('\n')
    .filter((l) => !/^\s+at .*(node:|node_modules[\\/]tslab[\\/]|sigintHandlersWrap|evalmachine\.<anonymous>)/.test(l))
    .filter((l) => !/^evalmachine\.<anonymous>:\d+$/.test(l));
  // A thrown error: its `Name: message` line first, then the source line and caret tslab prints.
  const thrown = thrownError(result.stderr);
  if (thrown) {
    const head = `${thrown.ename}: ${thrown.evalue}`;
    lines = [head, ...lines.filter((l) => l !== head)];
  }
  const stderr = lines.join('\n').replace(/\n{2,}/g, '\n').trim();
  const text = [...errors, stderr].filter((s) => s !== '').join('\n');
  return text === '' ? 'the kernel reported an error without any message' : text;
}

/** `Name: message` of a thrown error in tslab's stderr (e.g. `TypeError: x is not a function`), if any. */
export function thrownError(stderr: string): { ename: string; evalue: string } | null {
  const m = /^([A-Za-z_$][\w$]*(?:Error|Exception)|Error): (.*)$/m.exec(stderr);
  return m ? { ename: m[1], evalue: m[2] } : null;
}

/** `nb` with its code cells' outputs and execution counts cleared. */
export function blankCopy(nb: Notebook): Notebook {
  return { ...nb, cells: nb.cells.map((c) => (c.cell_type === 'code' ? { ...c, outputs: [], execution_count: null } : { ...c })) };
}

/**
 * Run every code cell of `nb` on a started `kernel` (fresh, or made fresh by the caller); never
 * throws for a cell error (see `failure`). A timed-out cell kills the kernel (`kernel.alive` is
 * false afterwards); any other failure leaves it usable.
 */
export async function runCells(kernel: Kernel, nb: Notebook, options: Pick<RunOptions, 'timeoutMs' | 'onCell'>): Promise<Omit<NotebookRun, 'startup'>> {
  const executed = blankCopy(nb);
  const cells = executed.cells;
  const cellSeconds = new Map<number, number>();
  const total = cells.length;
  let failure: CellFailure | undefined;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell.cell_type !== 'code' || sourceText(cell).trim() === '') continue;
    const line = firstLine(cell);
    options.onCell?.({ cell: i + 1, total, firstLine: line });
    const t = performance.now();
    let result: ExecuteResult;
    try {
      result = await kernel.execute(sourceText(cell), cellTimeoutMs(cell, options.timeoutMs));
    } catch (e) {
      if (e instanceof CellTimeoutError) kernel.kill(); // a busy kernel will not answer shutdown_request
      const message = e instanceof CellTimeoutError ? `cell timed out after ${e.timeoutMs / 1000} s (kernel killed)`
        : e instanceof KernelDiedError ? e.message : `runner error: ${(e as Error).message}`;
      failure = { cell: i + 1, firstLine: line, message };
      cell.outputs = [{ output_type: 'error', ename: 'RunnerError', evalue: message, traceback: [message] }];
      options.onCell?.({ cell: i + 1, total, firstLine: line, seconds: (performance.now() - t) / 1000, status: 'error' });
      break;
    }
    const seconds = (performance.now() - t) / 1000;
    cellSeconds.set(i + 1, seconds);
    cell.outputs = result.outputs;
    cell.execution_count = result.executionCount;
    options.onCell?.({ cell: i + 1, total, firstLine: line, seconds, status: result.status });
    if (result.status !== 'ok') {
      failure = { cell: i + 1, firstLine: line, message: errorText(result) };
      if (!result.outputs.some((o) => o.output_type === 'error')) {
        // Give nbformat readers (and the report) a proper error output, not just stderr text.
        // tslab sends no `error` message: name the error from its stderr (compile errors have no name).
        const thrown = thrownError(result.stderr);
        const ename = thrown?.ename ?? (result.status === 'abort' ? 'Aborted' : 'CompileError');
        const evalue = thrown?.evalue ?? failure.message.split('\n')[0];
        cell.outputs.push({ output_type: 'error', ename, evalue, traceback: failure.message.split('\n') });
      }
      break;
    }
  }
  return { notebook: executed, failure, cellSeconds };
}

/**
 * A cell's time limit: the runner's, or longer when the cell's metadata asks for it
 * (`"polyact": { "timeoutSeconds": 1800 }`, e.g. an encrypted full batch that runs again after an
 * edit of its code, minutes on a loaded machine). Never shorter than the runner's.
 */
export function cellTimeoutMs(cell: { metadata: Record<string, unknown> }, runnerMs: number): number {
  const own = (cell.metadata.polyact as { timeoutSeconds?: unknown } | undefined)?.timeoutSeconds;
  return typeof own === 'number' && own > 0 ? Math.max(runnerMs, own * 1000) : runnerMs;
}
