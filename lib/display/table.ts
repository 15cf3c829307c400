/**
 * Tables: one data model, five renderings. `html()` for notebooks and the report (escaped, numbers
 * to chosen significant digits, optional highlighting), `markdown()` and `latex()` (booktabs) for
 * papers, `csv()` for data (full precision: a CSV is for re-use, not for reading), `text()` for
 * terminals.
 */
import { InputError, requireInteger } from '../errors';
import { displayBundle } from './bundle';
import { escapeCsv, escapeHtml, escapeLatex, escapeMarkdownCell } from './escape';
import { formatNumber, formatNumberLatex } from './format';

/** A row: an object keyed by column (any interface), or an array indexed by column position. */
export type Row = object;

export interface ColumnSpec {
  /** Object key, or array position for array rows. */
  key: string | number;
  /** Header text (default: the key). */
  label?: string;
  /** Significant digits of numbers in this column (default: the table's). */
  digits?: number;
  /** Alignment (default: right for columns whose values are all numbers, empty cells aside; else left). */
  align?: 'left' | 'right' | 'center';
  /** Custom text of a value (used by html, markdown, latex and text; csv keeps the raw value). */
  format?: (value: unknown, row: Row) => string;
  /** Custom LaTeX of a value, used as is (not escaped), e.g. math in the paper's notation. */
  latex?: (value: unknown, row: Row) => string;
}

/** A column: a key (its label is the key; for array rows a label for that position) or a spec. */
export type Column = string | ColumnSpec;

export interface TableOptions {
  /** Significant digits of numbers (default 4, as the paper). */
  digits?: number;
  /** Caption (HTML <caption>, LaTeX \caption, a line above in Markdown and text). */
  caption?: string;
  /** Cells to emphasise (bold): e.g. the best value per column. */
  highlight?: (value: unknown, row: Row, rowIndex: number, key: string | number) => boolean;
  /** LaTeX \label (only with a caption). */
  label?: string;
}

interface ResolvedColumn {
  key: string | number;
  label: string;
  digits: number;
  align: 'left' | 'right' | 'center';
  format?: (value: unknown, row: Row) => string;
  latex?: (value: unknown, row: Row) => string;
}

// Cells align at the top (a wrapped reason beside one-line numbers); long text columns (class w)
// keep a readable measure instead of being squeezed to a word per line.
const STYLE = '<style>.polyact-table{border-collapse:collapse;margin:0.5em 0;font-variant-numeric:tabular-nums}'
  + '.polyact-table th,.polyact-table td{padding:0.25em 0.75em;border-bottom:1px solid #ddd;vertical-align:top}'
  + '.polyact-table thead th{border-bottom:2px solid #444;vertical-align:bottom}.polyact-table caption{caption-side:top;font-weight:600;padding:0.25em}'
  + '.polyact-table span.t,.polyact-table td.nw{white-space:nowrap}.polyact-table td.w{min-width:12em}'
  + '.polyact-table td.hl{font-weight:700;background:#fff3c4}</style>';

/** A text column wraps at a readable width once its longest cell exceeds this many characters. */
const WRAP_AT = 32;
/** A text column whose cells are all this short never wraps. */
const KEEP_WHOLE = 16;

// A polynomial as Polynomial.toString writes it: terms such as `-4.466·10^-6 x^3`, `0.5x`, `21.22`
// joined by ` + ` / ` - `. In HTML it breaks only between terms, each sign kept with its term.
const TERM = String.raw`[-−]?\d+(?:\.\d+)?(?:e?·10\^[-−]?\d+)?(?: ?[a-z](?:\^\d+)?)?`;
const POLYNOMIAL = new RegExp(`^${TERM}(?: [-+−] ${TERM})+$`);

// Numbers separated by ` / ` (MSE / max_loss / rho): breaks only after a slash.
const NUMBER_LIST = /^[-−]?[\d.]+(?:e-?\d+)?(?: \/ [-−]?[\d.]+(?:e-?\d+)?)+$/;

/**
 * The escaped HTML of a cell. A polynomial breaks only between terms, each sign kept with its term
 * (`<span class="t">+ 0.5x</span>`); a list of numbers `a / b / c` only after a slash; other text
 * as the browser wraps it.
 */
export function cellHtml(s: string): string {
  const pieces = POLYNOMIAL.test(s) ? s.split(/ (?=[-+−] )/) : NUMBER_LIST.test(s) ? s.split(/(?<=\/) /) : null;
  return pieces ? pieces.map((t) => `<span class="t">${escapeHtml(t)}</span>`).join(' ') : escapeHtml(s);
}

function valueAt(row: Row, key: string | number): unknown {
  return Array.isArray(row) ? row[Number(key)] : (row as Record<string, unknown>)[String(key)];
}

export class Table {
  readonly rows: readonly Row[];
  readonly columns: readonly ResolvedColumn[];
  readonly options: Readonly<TableOptions>;

  constructor(rows: readonly Row[], columns?: readonly Column[], options: TableOptions = {}) {
    if (!Array.isArray(rows)) throw new InputError('rows', `expected an array of rows (objects or arrays), got ${typeof rows}`);
    rows.forEach((r, i) => {
      if (typeof r !== 'object' || r === null) throw new InputError('rows', `row ${i}: expected an object or an array, got ${String(r)}`);
    });
    const digits = requireInteger('options.digits', options.digits ?? 4, 1, 17);
    const arrayRows = rows.length > 0 && Array.isArray(rows[0]);
    const specs: ColumnSpec[] = (columns ?? defaultColumns(rows)).map((c, i) => {
      if (typeof c === 'string') return arrayRows ? { key: i, label: c } : { key: c };
      if (typeof c !== 'object' || c === null || (typeof c.key !== 'string' && typeof c.key !== 'number')) {
        throw new InputError('columns', `column ${i}: expected a key string or { key, label?, digits?, align?, format? }`);
      }
      return c;
    });
    this.rows = rows;
    this.options = { ...options, digits };
    this.columns = specs.map((c) => {
      const d = requireInteger(`columns[${String(c.key)}].digits`, c.digits ?? digits, 1, 17);
      // Numbers (empty cells aside: a failed or undefined value) are right-aligned.
      const values = rows.map((r) => valueAt(r, c.key)).filter((v) => v !== undefined && v !== null);
      const numeric = values.length > 0 && values.every((v) => typeof v === 'number');
      return { key: c.key, label: c.label ?? String(c.key), digits: d, align: c.align ?? (numeric ? 'right' : 'left'), format: c.format, latex: c.latex };
    });
  }

  /** The display text of one cell, as html/markdown/text show it (unescaped). */
  cell(rowIndex: number, column: number): string {
    return this.cellText(rowIndex, column, formatNumber);
  }

  /** The whole table as aligned plain text. */
  text(): string {
    const body = this.rows.map((_, r) => this.columns.map((_, c) => this.cellText(r, c, formatNumber)));
    const widths = this.columns.map((col, c) => Math.max(col.label.length, ...body.map((row) => row[c].length)));
    const line = (cells: string[]): string => cells.map((s, c) => (this.columns[c].align === 'right' ? s.padStart(widths[c]) : s.padEnd(widths[c]))).join('  ').trimEnd();
    const out = [line(this.columns.map((c) => c.label)), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
    return (this.options.caption ? [this.options.caption, ...out] : out).join('\n');
  }

  /** An HTML <table> (with its small stylesheet), every text escaped. */
  html(): string {
    const texts = this.rows.map((_, r) => this.columns.map((_, c) => this.cellText(r, c, formatNumber)));
    const wide = this.columns.map((c, ci) => c.align === 'left' && texts.some((row) => row[ci].length > WRAP_AT && !POLYNOMIAL.test(row[ci])));
    // Short labels (an id, a status) stay on one line rather than breaking at a hyphen or a space.
    const short = this.columns.map((c, ci) => c.align === 'left' && texts.every((row) => row[ci].length <= KEEP_WHOLE));
    const head = this.columns.map((c) => `<th style="text-align:${c.align}">${escapeHtml(c.label)}</th>`).join('');
    const body = texts.map((row, r) => '<tr>' + this.columns.map((c, ci) => {
      const cls = [this.isHighlighted(r, ci) ? 'hl' : '', wide[ci] ? 'w' : '', short[ci] ? 'nw' : ''].filter((x) => x !== '').join(' ');
      const style = c.align === 'left' ? '' : ` style="text-align:${c.align}"`;
      return `<td${cls ? ` class="${cls}"` : ''}${style}>${cellHtml(row[ci])}</td>`;
    }).join('') + '</tr>').join('\n');
    const caption = this.options.caption ? `<caption>${escapeHtml(this.options.caption)}</caption>` : '';
    return `${STYLE}<table class="polyact-table">${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
  }

  /** A GitHub-flavoured Markdown table; highlighted cells in bold. */
  markdown(): string {
    const rule = (c: ResolvedColumn): string => (c.align === 'right' ? '---:' : c.align === 'center' ? ':---:' : '---');
    const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;
    const lines = [
      row(this.columns.map((c) => escapeMarkdownCell(c.label))),
      row(this.columns.map(rule)),
      ...this.rows.map((_, r) => row(this.columns.map((_, c) => {
        const s = escapeMarkdownCell(this.cellText(r, c, formatNumber));
        return this.isHighlighted(r, c) && s !== '' ? `**${s}**` : s;
      }))),
    ];
    return (this.options.caption ? [`**${escapeMarkdownCell(this.options.caption)}**`, '', ...lines] : lines).join('\n');
  }

  /** RFC 4180 CSV with a header line; numbers at full precision (round-trip exact). */
  csv(): string {
    const raw = (v: unknown): string => (typeof v === 'number' ? String(v) : Array.isArray(v) ? `[${v.map(raw).join(', ')}]` : v === null || v === undefined ? '' : String(v));
    const lines = [this.columns.map((c) => escapeCsv(c.label)).join(','), ...this.rows.map((r) => this.columns.map((c) => escapeCsv(raw(valueAt(r, c.key)))).join(','))];
    return lines.join('\r\n') + '\r\n';
  }

  /** A booktabs tabular (inside a table float when there is a caption); numbers in math mode. */
  latex(): string {
    const spec = this.columns.map((c) => (c.align === 'right' ? 'r' : c.align === 'center' ? 'c' : 'l')).join('');
    const body = this.rows.map((_, r) => this.columns.map((c, ci) => {
      const v = valueAt(this.rows[r], c.key);
      const s = c.latex ? c.latex(v, this.rows[r])
        : typeof v === 'number' && !c.format ? `$${formatNumberLatex(v, c.digits)}$` : escapeLatex(this.cellText(r, ci, formatNumber));
      return this.isHighlighted(r, ci) && s !== '' ? `\\textbf{${s}}` : s;
    }).join(' & ') + ' \\\\');
    const tabular = [`\\begin{tabular}{${spec}}`, '\\toprule', this.columns.map((c) => escapeLatex(c.label)).join(' & ') + ' \\\\', '\\midrule', ...body, '\\bottomrule', '\\end{tabular}'];
    if (!this.options.caption) return tabular.join('\n') + '\n';
    const label = this.options.label ? [`\\label{${this.options.label}}`] : [];
    return ['\\begin{table}[ht]', '\\centering', `\\caption{${escapeLatex(this.options.caption)}}`, ...label, ...tabular, '\\end{table}'].join('\n') + '\n';
  }

  /** How Node (and tslab, for a cell's last value) prints a Table: a summary, not its internals. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Table (${this.rows.length} row${this.rows.length === 1 ? '' : 's'} x ${this.columns.length} column${this.columns.length === 1 ? '' : 's'}: .html() .markdown() .csv() .latex())`;
  }

  /**
   * Show the table in the notebook (HTML, Markdown and text in one bundle). Returns nothing: tslab
   * prints a cell's last value under its outputs, and the table is already shown.
   */
  display(): void {
    displayBundle({ 'text/html': this.html(), 'text/markdown': this.markdown(), 'text/plain': this.text() });
  }

  private isHighlighted(r: number, c: number): boolean {
    const h = this.options.highlight;
    const key = this.columns[c].key;
    return h ? h(valueAt(this.rows[r], key), this.rows[r], r, key) : false;
  }

  private cellText(r: number, c: number, num: (x: number, digits: number) => string): string {
    const col = this.columns[c];
    const row = this.rows[r];
    const v = valueAt(row, col.key);
    if (col.format) return col.format(v, row);
    return show(v, col.digits, num);
  }
}

function show(v: unknown, digits: number, num: (x: number, digits: number) => string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return num(v, digits);
  if (Array.isArray(v)) return `[${v.map((x) => show(x, digits, num)).join(', ')}]`;
  return String(v);
}

function defaultColumns(rows: readonly Row[]): Column[] {
  if (rows.length === 0) return [];
  const first = rows[0];
  if (Array.isArray(first)) return first.map((_, i) => ({ key: i, label: String(i + 1) }));
  const keys: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  return keys;
}

/**
 * Show a table in the notebook. Returns nothing, so the cell shows the table once (tslab would
 * print a returned value's summary under it). For the same table as LaTeX, Markdown or CSV, build
 * it with `new Table(rows, columns, options)` and call `.display()`, `.latex()`, `.csv()` on it.
 */
export function table(rows: readonly Row[], columns?: readonly Column[], options?: TableOptions): void {
  new Table(rows, columns, options).display();
}
