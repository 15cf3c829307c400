/**
 * Stored results: persistent memoisation of the long, deterministic computations of the notebooks
 * (like joblib.Memory), so that running a notebook again - or `npm start` on a fresh clone - does
 * not redo minutes of work whose result cannot have changed.
 *
 * A result is stored in data/store/ (committed) with its fingerprint: the SHA-256 of the
 * computation's name and options, of every source file it is built from (the module graph of its
 * entries, `moduleGraph`) and data files, of package-lock.json and of Node's major version. It is reused only when the
 * fingerprint at hand is the same; otherwise it is computed again and stored, so a stored result
 * is never stale. Every computation here is seeded, so a recomputation gives the same numbers bit
 * for bit (tested); only the measured times in it (seconds, inputs per second) are from when it was
 * stored, and `storedNote` says when that was. Entries marked `measurement` (the encrypted table)
 * also differ in their encryption noise, within their bounds. `{ fresh: true }`, or POLYACT_RECOMPUTE=1 in the
 * environment (`npm start -- --recompute`), computes every result again.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors';
import { writeFileAtomic } from '../files';
import { fromStoredForm, toStoredForm } from './codec';
import { STORABLE, type StorableForm, type StorableName, type StorableOptions, type StorableResult } from './registry';
import { moduleGraph, PROJECT_ROOT } from './sources';

/** Where stored results live (committed, so a fresh clone reuses them while the code is unchanged). */
export const STORE_DIR = join(PROJECT_ROOT, 'data', 'store');
const FORMAT = 'polyact-stored-result-1';
/**
 * How results are encoded and decoded is part of every fingerprint. (Not registry.ts: it imports
 * every computation, so an edit of one would invalidate all; its entries only forward options -
 * change FORMAT if what they do changes.)
 */
const STORE_SOURCES = ['lib/store/codec.ts'];

export interface StoreMeasure {
  /** When the result was computed, the load average then, and how long it took (wall seconds). */
  readonly date: string;
  readonly loadAverage: number;
  readonly seconds: number;
}

interface StoredFile {
  readonly format: string;
  readonly name: string;
  readonly fingerprint: string;
  readonly options: unknown;
  readonly measured: StoreMeasure;
  readonly sources: number;
  readonly value: unknown;
}

/** Where a value came from: reused from the store, or computed now (and stored). */
export interface StoreProvenance {
  readonly name: string;
  /** A measurement (encryption noise, times): computed again it differs within its bounds. */
  readonly measurement: boolean;
  readonly source: 'stored' | 'computed';
  readonly file: string;
  readonly measured: StoreMeasure;
  readonly sources: number;
}

export interface StoreSettings {
  /** Compute again even when a stored result matches (default: POLYACT_RECOMPUTE=1). */
  fresh?: boolean;
  /** Progress of a computation (not called when the result is reused). */
  onProgress?: (done: number, total: number) => void;
  /** The folder of stored results (default data/store). */
  dir?: string;
  /** Store a result computed now (default true); false only reuses (e.g. the export, whose options may be a test's). */
  write?: boolean;
}

const provenance = new WeakMap<object, StoreProvenance>();
const graphs = new Map<StorableName, string[]>();

function sourcesOf(name: StorableName): string[] {
  // The module graph is read once per kernel and name; an edit of lib/ re-imports this module (fresh map).
  let g = graphs.get(name);
  if (!g) graphs.set(name, (g = moduleGraph([...STORE_SOURCES, ...STORABLE[name].entries])));
  return g;
}

function form(name: StorableName): StorableForm {
  return STORABLE[name] as StorableForm;
}

function checkName(name: string): StorableName {
  if (!Object.prototype.hasOwnProperty.call(STORABLE, name)) throw new InputError('name', `expected one of ${Object.keys(STORABLE).join(', ')}, got "${name}"`);
  return name as StorableName;
}

/** The options with the entry's defaults filled in (what names a stored result). */
function normalised(name: StorableName, options: object): object {
  const n = form(name).normalise;
  return n ? n(options as never) : options;
}

/** The file a result with these options is stored in (named by the name and options). */
export function storedResultFile(name: StorableName, options: object, dir = STORE_DIR): string {
  const key = createHash('sha256').update(JSON.stringify([name, toStoredForm(normalised(name, options), 'options')])).digest('hex').slice(0, 16);
  return join(dir, `${name}-${key}.json`);
}

/** SHA-256 over the name and options, the computation's sources and data files, package-lock.json and Node's major version. */
export function storeFingerprint(name: StorableName, options: object): string {
  const h = createHash('sha256').update(FORMAT).update(JSON.stringify([name, toStoredForm(normalised(name, options), 'options')]));
  for (const f of [...sourcesOf(name), ...(form(name).files ?? [])]) h.update(`\0${f}\0`).update(readFileSync(join(PROJECT_ROOT, f)));
  h.update(readFileSync(join(PROJECT_ROOT, 'package-lock.json')));
  // Node's major version: V8's Math functions (an fdlibm port) give the same bits across its releases.
  h.update(`\0node ${process.versions.node.split('.')[0]} ${process.arch}`);
  return h.digest('hex');
}

/**
 * The result of the computation `name` (see STORABLE) with `options`: the stored one when its
 * fingerprint matches, else computed now and stored. `storedNote(value)` tells which.
 */
export async function stored<K extends StorableName>(name: K, options: StorableOptions<K>, settings: StoreSettings = {}): Promise<StorableResult<K>> {
  const key = checkName(name) as K;
  if (options === null || typeof options !== 'object') throw new InputError('options', 'expected an object of options');
  const f = form(key);
  options = normalised(key, options) as StorableOptions<K>;
  const file = storedResultFile(key, options, settings.dir);
  const fingerprint = storeFingerprint(key, options);
  const fresh = settings.fresh ?? process.env.POLYACT_RECOMPUTE === '1';
  if (!fresh && existsSync(file)) {
    const s = JSON.parse(readFileSync(file, 'utf8')) as StoredFile;
    if (s.format === FORMAT && s.fingerprint === fingerprint) {
      const kept = fromStoredForm(s.value);
      const value = (f.revive ? f.revive(kept as never, options as never) : kept) as StorableResult<K>;
      provenance.set(value as object, { name: key, measurement: f.measurement === true, source: 'stored', file, measured: s.measured, sources: s.sources });
      return value;
    }
  }
  const t0 = performance.now();
  const value = await STORABLE[key].run(options as never, settings.onProgress) as StorableResult<K>;
  const measured = { date: new Date().toISOString(), loadAverage: Number(loadavg()[0].toFixed(2)), seconds: Number(((performance.now() - t0) / 1000).toFixed(2)) };
  const sources = sourcesOf(key).length;
  const record: StoredFile = { format: FORMAT, name: key, fingerprint, options: toStoredForm(options, 'options'), measured, sources, value: toStoredForm(f.keep ? f.keep(value as never) : value, name) };
  // Stored only if the code did not change while it ran (an edit mid-run may have been picked up).
  if (settings.write !== false && storeFingerprint(key, options) === fingerprint) writeFileAtomic(file, JSON.stringify(record) + '\n');
  provenance.set(value as object, { name: key, measurement: f.measurement === true, source: 'computed', file: settings.write === false ? '' : file, measured, sources });
  return value;
}

/** Where `value` (a result of `stored`) came from, or undefined for any other value. */
export function storeProvenance(value: unknown): StoreProvenance | undefined {
  return value !== null && typeof value === 'object' ? provenance.get(value) : undefined;
}

/**
 * One Markdown line per kind of value: reused from the store (and when it was computed), or
 * computed now. Values of the same computation and source share a line (a cell's three studies).
 */
export function storedNote(...values: unknown[]): string {
  const groups = new Map<string, StoreProvenance[]>();
  const plain: string[] = [];
  for (const v of values) {
    const p = storeProvenance(v);
    if (!p) { plain.push('*Computed now (not a stored result).*'); continue; }
    const key = `${p.name}\0${p.source}\0${p.file === ''}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const lines = [...groups.values()].map((ps) => {
    const p = ps[0], many = ps.length > 1;
    const files = ps.map((q) => `\`${q.file.startsWith(PROJECT_ROOT) ? q.file.slice(PROJECT_ROOT.length + 1) : q.file}\``).join(', ');
    const dates = [...new Set(ps.map((q) => q.measured.date.slice(0, 16).replace('T', ' ')))].sort();
    const seconds = ps.reduce((t, q) => t + q.measured.seconds, 0);
    const load = Math.max(...ps.map((q) => q.measured.loadAverage));
    const when = `${dates.length > 1 ? `${dates[0]} to ${dates[dates.length - 1]}` : dates[0]} UTC in ${seconds.toFixed(1)} s${many ? ' in all' : ''} at load ${load}`;
    const what = `${p.measurement ? 'measurement' : 'result'}${many ? 's' : ''}`;
    if (p.source === 'stored') {
      const again = `${p.measurement ? 'measures' : 'computes'} ${many ? 'them' : 'it'} again`;
      return `*\`${p.name}\`: stored ${what} ${files}, ${p.measurement ? 'measured' : 'computed'} ${when}; reused because ${many ? 'their' : 'its'} options and the ${p.sources} source files ${many ? 'they are' : 'it is'} built from are unchanged (\`npm start -- --recompute\` ${again}).*`;
    }
    return `*\`${p.name}\`: computed now (${when})${p.file ? ` and stored in ${files} for the next run with unchanged code` : ''}.*`;
  });
  return [...lines, ...plain].join('\n\n');
}

/** One stored file: what it holds and whether its fingerprint matches the code at hand. */
export interface StoredEntry {
  readonly file: string;
  readonly name: StorableName;
  /** The options it was computed with (decoded). */
  readonly options: object;
  readonly measured: StoreMeasure;
  /** false: computed from other code; `stored` would compute it again. */
  readonly current: boolean;
}

/** Every stored result in `dir` (files of unknown computations or formats are listed as not current). */
export function storedEntries(dir = STORE_DIR): StoredEntry[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => {
    const file = join(dir, f);
    const s = JSON.parse(readFileSync(file, 'utf8')) as StoredFile;
    const known = s.format === FORMAT && Object.prototype.hasOwnProperty.call(STORABLE, s.name);
    const options = fromStoredForm<object>(s.options);
    const current = known && file === storedResultFile(s.name as StorableName, options, dir) && s.fingerprint === storeFingerprint(s.name as StorableName, options);
    return { file, name: s.name as StorableName, options, measured: s.measured, current };
  });
}
