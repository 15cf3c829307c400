/**
 * Stored results (lib/store): the lossless codec, reuse only under the same fingerprint, and the
 * committed data/store/ itself - every file current for the code at hand, and every seeded result
 * in it equal, bit for bit, to a recomputation (measured times aside).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { InputError } from '../lib/errors';
import { Polynomial } from '../lib/polynomial';
import { fromStoredForm, toStoredForm } from '../lib/store/codec';
import { STORABLE } from '../lib/store/registry';
import { moduleGraph } from '../lib/store/sources';
import { stored, storedEntries, storedNote, storedResultFile, storeFingerprint, storeProvenance } from '../lib/store/store';

const dir = mkdtempSync(join(tmpdir(), 'polyact-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The stored form without measured times (the only part of a seeded result that differs between runs). */
function withoutTimes(value: unknown): unknown {
  return JSON.parse(JSON.stringify(toStoredForm(value)), (k, v) => (/^(seconds|inputsPerSecond)$/.test(k) ? undefined : v));
}

describe('stored form (codec)', () => {
  it('round-trips NaN, infinities, -0, typed arrays and polynomials bit for bit', () => {
    const value = {
      a: [NaN, Infinity, -Infinity, -0, 0, 0.1 + 0.2, Number.MIN_VALUE, -Number.MAX_VALUE],
      f64: Float64Array.of(1 / 3, NaN, -0), u8: Uint8Array.of(0, 7, 255), i32: Int32Array.of(-5, 2 ** 31 - 1),
      p: new Polynomial([1.5, -2, 1e-300], [-200, 200]), nested: { s: 'x', b: false, n: null, list: [{ q: 1 }] },
    };
    const back = fromStoredForm<typeof value>(JSON.parse(JSON.stringify(toStoredForm(value))));
    assert.ok(Number.isNaN(back.a[0]));
    assert.deepEqual(back.a.slice(1), [Infinity, -Infinity, -0, 0, 0.30000000000000004, 5e-324, -1.7976931348623157e308]);
    assert.ok(Object.is(back.a[3], -0) && Object.is(back.f64[2], -0));
    assert.ok(back.f64 instanceof Float64Array && back.u8 instanceof Uint8Array && back.i32 instanceof Int32Array);
    assert.deepEqual([...back.u8], [0, 7, 255]);
    assert.deepEqual([...back.i32], [-5, 2147483647]);
    assert.equal(back.f64[0], 1 / 3);
    assert.ok(back.p instanceof Polynomial);
    assert.deepEqual(back.p.coefficients, [1.5, -2, 1e-300]);
    assert.deepEqual(back.p.domain, [-200, 200]);
    assert.equal(back.p.evaluate(100), value.p.evaluate(100));
    assert.deepEqual(back.nested, value.nested);
  });

  it('refuses what it cannot bring back, naming where it is', () => {
    assert.throws(() => toStoredForm({ f: () => 1 }), (e: unknown) => e instanceof InputError && e.argument === 'value.f' && /function cannot be stored/.test(e.message));
    assert.throws(() => toStoredForm({ m: [new Map()] }), (e: unknown) => e instanceof InputError && e.argument === 'value.m[0]' && /Map cannot be stored/.test(e.message));
    assert.throws(() => toStoredForm({ $number: 1 }), (e: unknown) => e instanceof InputError && /reserved/.test(e.message));
  });
});

describe('stored results', () => {
  it('fingerprint the module graph of each computation and nothing unrelated', () => {
    const network = moduleGraph(STORABLE.networkReport.entries);
    for (const f of ['lib/network/report.ts', 'lib/network/worker.ts', 'lib/network/experiment.ts', 'lib/activations.ts', 'lib/polynomial.ts']) assert.ok(network.includes(f), f);
    for (const f of ['lib/optimal/study.ts', 'lib/he/seal.ts', 'lib/display/plot.ts', 'lib/store/store.ts']) assert.ok(!network.includes(f), f);
    const optimal = moduleGraph(STORABLE.compareMethods.entries);
    assert.ok(optimal.includes('lib/optimal/remez.ts') && !optimal.some((f) => f.startsWith('lib/network/')));
  });

  it('compute once, then reuse the identical value; say which; other options, other file', async () => {
    const options = { fn: 'relu', interval: [-200, 200] as [number, number], degrees: [1, 2, 3] };
    const first = await stored('equalPairs', options, { dir });
    assert.equal(storeProvenance(first)?.source, 'computed');
    assert.match(storedNote(first), /^\*`equalPairs`: computed now \(.* UTC in [\d.]+ s at load [\d.]+\) and stored in `.*equalPairs-[0-9a-f]{16}\.json`/);
    // ReLU's best quadratic is its best cubic (x/2 + an even function), max_loss exactly 1/16.
    assert.equal(first[1].sameAsNext, true);
    assert.ok(Math.abs(first[1].maxLoss - 1 / 16) < 1e-12 && Math.abs(first[2].maxLoss - 1 / 16) < 1e-12);
    const second = await stored('equalPairs', { ...options }, { dir });
    assert.equal(storeProvenance(second)?.source, 'stored');
    assert.deepEqual(second, first);
    assert.match(storedNote(second), /stored result .*; reused because its options and the \d+ source files it is built from are unchanged/);
    assert.notEqual(storedResultFile('equalPairs', options, dir), storedResultFile('equalPairs', { ...options, degrees: [1, 2] }, dir));
    await stored('equalPairs', { ...options, degrees: [2] }, { dir });
    const other = await stored('equalPairs', { ...options, degrees: [2] }, { dir });
    const both = storedNote(second, other);
    assert.equal(both.split('\n').length, 1, 'one line for two stored results of one computation');
    assert.match(both, /^\*`equalPairs`: stored results `[^`]+`, `[^`]+`, computed .* in [\d.]+ s in all at load [\d.]+; reused because their options/);
    const again = await stored('equalPairs', options, { dir, fresh: true });
    assert.equal(storeProvenance(again)?.source, 'computed');
    assert.deepEqual(again, first);
    assert.equal(storedNote({}), '*Computed now (not a stored result).*');
  });

  it('reuse nothing whose fingerprint differs (an edit anywhere in the graph changes it)', async () => {
    const options = { fn: 'tanh', interval: [-4, 4] as [number, number], degrees: [1] };
    await stored('equalPairs', options, { dir });
    const file = storedResultFile('equalPairs', options, dir);
    const record = JSON.parse(readFileSync(file, 'utf8')) as { fingerprint: string; value: unknown };
    assert.equal(record.fingerprint, storeFingerprint('equalPairs', options));
    writeFileSync(file, JSON.stringify({ ...record, fingerprint: '0'.repeat(64), value: [] }));
    assert.equal(storedEntries(dir).find((e) => e.file === file)?.current, false);
    const value = await stored('equalPairs', options, { dir });
    assert.equal(storeProvenance(value)?.source, 'computed');
    assert.equal(value.length, 1);
  });

  it('name the same result by its defaults; write: false only reads; bad input is an InputError', async () => {
    assert.equal(storedResultFile('reproducePaper', {}), storedResultFile('reproducePaper', { seeds: 200, m: 1000 }));
    const options = { fn: 'sigmoid', interval: [-4, 4] as [number, number], degrees: [2] };
    const value = await stored('equalPairs', options, { dir, write: false });
    assert.equal(storedEntries(dir).some((e) => e.file === storedResultFile('equalPairs', options, dir)), false);
    assert.match(storedNote(value), /^\*`equalPairs`: computed now \([^)]*\)\.\*$/);
    await assert.rejects(stored('nope' as 'equalPairs', options), (e: unknown) => e instanceof InputError && e.argument === 'name' && /expected one of networkReport/.test(e.message));
    await assert.rejects(stored('equalPairs', null as never), (e: unknown) => e instanceof InputError && e.argument === 'options');
  });
});

describe('data/store (committed)', () => {
  const entries = storedEntries();

  it('holds the notebooks\' results, each current for the code at hand', () => {
    assert.ok(entries.length >= 15, `${entries.length} stored results`);
    const stale = entries.filter((e) => !e.current).map((e) => e.file);
    assert.deepEqual(stale, [], 'stale stored results: run `npm run store -- --refresh` and commit data/store');
  });

  it('every seeded result equals a recomputation, bit for bit (measured times aside)', async () => {
    for (const e of entries.filter((x) => !(STORABLE[x.name] as { measurement?: boolean }).measurement)) {
      const kept = fromStoredForm((JSON.parse(readFileSync(e.file, 'utf8')) as { value: unknown }).value);
      const entry = STORABLE[e.name] as { keep?: (v: never) => unknown };
      const now = await stored(e.name, e.options as never, { dir, fresh: true, write: false });
      assert.deepEqual(withoutTimes(entry.keep ? entry.keep(now as never) : now), withoutTimes(kept), e.file);
    }
  });

  it('the stored encrypted table (a measurement) stays within its a priori bounds', () => {
    const he = entries.filter((e) => e.name === 'heTable');
    assert.equal(he.length, 1);
    const rows = (fromStoredForm((JSON.parse(readFileSync(he[0].file, 'utf8')) as { value: unknown }).value) as { rows: { heMax: number; tolerance: number; depth: number; plannedDepth: number }[] }).rows;
    assert.ok(rows.length >= 30);
    for (const r of rows) {
      assert.ok(r.heMax > 0 && r.heMax <= r.tolerance, `${r.heMax} <= ${r.tolerance}`);
      assert.equal(r.depth, r.plannedDepth);
    }
  });
});
