/**
 * Stored private-inference runs (lib/he/inference/stored.ts): reused only while the options and
 * every source file of `polyact infer` are unchanged. One tiny encrypted run (1 cell x 1 hidden
 * unit, 4 images: key generation at N = 16384 dominates, ~10 s).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { inferenceFingerprint, inferenceSources, reusableRun, storedInference, storedRunFile, storedRunNote } from '../lib/he/inference/stored';

const dir = mkdtempSync(join(tmpdir(), 'polyact-stored-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const tiny = { layout: 'batch' as const, images: 4, cells: 1, hidden: 1, workers: 1 };

describe('stored private-inference runs', () => {
  it('fingerprint the whole module graph of polyact infer, worker entry included, and nothing unrelated', () => {
    const files = inferenceSources();
    for (const f of ['lib/cli/infer.ts', 'lib/he/inference/worker.ts', 'lib/he/inference/batch.ts', 'lib/errors.ts', 'lib/polynomial.ts']) assert.ok(files.includes(f), f);
    for (const f of ['lib/mnist/train.ts', 'lib/display/plot.ts', 'lib/he/inference/stored.ts']) assert.ok(!files.includes(f), f);
  });

  it('fingerprints differ by options and are stable', () => {
    assert.equal(inferenceFingerprint(tiny), inferenceFingerprint({ ...tiny }));
    assert.notEqual(inferenceFingerprint(tiny), inferenceFingerprint({ ...tiny, images: 5 }));
    assert.notEqual(storedRunFile(tiny, dir), storedRunFile({ ...tiny, images: 5 }, dir));
  });

  it('runs once, then reuses the identical report; a changed fingerprint is not reused', async () => {
    assert.equal(reusableRun(tiny, dir), undefined);
    const first = await storedInference(tiny, { dir });
    assert.equal(first.source, 'computed');
    assert.equal(first.report.images, 4);
    assert.match(storedRunNote(first), /^\*Run now/);
    const second = await storedInference(tiny, { dir });
    assert.equal(second.source, 'stored');
    assert.deepEqual(second.report, first.report);
    assert.match(storedRunNote(second), /reused because the options and every source file/);
    // What an edit of any file in the graph does to the fingerprint:
    const file = storedRunFile(tiny, dir);
    const run = JSON.parse(readFileSync(file, 'utf8')) as { fingerprint: string };
    writeFileSync(file, JSON.stringify({ ...run, fingerprint: '0'.repeat(64) }));
    assert.equal(reusableRun(tiny, dir), undefined);
  });
});
