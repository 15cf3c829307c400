/**
 * `polyact compare` and `polyact fit --method minimax|rho-optimal|legendre|weighted`: in-process
 * through main() (fast), plus one run of the real binary for the exit code and stream discipline.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from './cli-support';
import { parseDegrees } from '../lib/cli/compare';
import { InputError } from '../lib/errors';

const run = runCli;

test('compare --json: every method side by side with the certified optimum', async () => {
  const r = await run(['compare', '--fn', 'relu', '--interval=-200,200', '--degrees', '2..3', '--grid', '201', '--json']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.trim().split('\n').length, 1);
  const j = JSON.parse(r.out);
  assert.equal(j.function, 'relu');
  assert.deepEqual(j.optimum.map((o: { degree: number }) => o.degree), [2, 3]);
  assert.ok(Math.abs(j.optimum[0].maxLoss - 0.0625) < 1e-12);
  const labels = new Set(j.rows.map((row: { label: string }) => row.label));
  for (const m of ['numerical (uniform)', 'chebyshev', 'taylor', 'derivative', 'legendre', 'weighted (normal)', 'minimax', 'rho-optimal']) assert.ok(labels.has(m), m);
  for (const row of j.rows) {
    const o = j.optimum.find((x: { degree: number }) => x.degree === row.degree);
    assert.ok(row.rho >= o.rhoLower, `${row.label} ${row.degree}`);
    assert.equal(row.coefficients.length, row.degree + 1);
  }
  const cheb = j.rows.find((row: { label: string; degree: number }) => row.label === 'chebyshev' && row.degree === 2);
  // The paper's Table 1 Chebyshev N = 2 row: rho 0.1061 on the 201-point grid, 70% above the optimum 0.06253.
  assert.ok(Math.abs(cheb.rho - 0.1061) < 5e-5, String(cheb.rho));
  assert.ok(Math.abs(cheb.rhoExcessPercent - 69.7) < 0.1, String(cheb.rhoExcessPercent));
});

test('compare text output and --methods filter', async () => {
  const r = await run(['compare', '--fn', 'sigmoid', '--degrees', '3', '--grid', '201', '--methods', 'chebyshev,minimax,rho-optimal']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /degree 3: optimal rho 0\.44288\d+ \(certified >= 0\.44288\d+\)/);
  assert.equal(r.out.split('\n').filter((l) => /^ {2}(chebyshev|minimax|rho-optimal) /.test(l)).length, 3);
  assert.doesNotMatch(r.out, /taylor/);
});

test('fit --method minimax | rho-optimal | legendre | weighted through the registry', async () => {
  const mm = JSON.parse((await run(['fit', '--fn', 'relu', '--method', 'minimax', '--degree', '2', '--interval=-200,200', '--grid', '201', '--json'])).out);
  assert.ok(Math.abs(mm.metrics.maxLoss - 0.0625) < 1e-12);
  assert.equal(mm.certificate.alternation.x.length, 4);
  const lg = JSON.parse((await run(['fit', '--fn', 'relu', '--method', 'legendre', '--degree', '2', '--json'])).out);
  assert.ok(Math.abs(lg.coefficients[0] - 18.75) < 1e-10);
  const w = await run(['fit', '--fn', 'tanh', '--method', 'weighted', '--degree', '3', '--sd', '20', '--json']);
  assert.equal(w.code, 0, w.err);
  assert.equal(JSON.parse(w.out).params.sd, 20);
  const rho = await run(['fit', '--fn', 'sigmoid', '--method', 'rho-optimal', '--degree', '2', '--json']);
  assert.equal(rho.code, 0, rho.err);
  const j = JSON.parse(rho.out);
  assert.ok(j.certificate.lowerBound <= j.certificate.rho);
});

test('bad input: one line on stderr, exit 2', async () => {
  for (const argv of [
    ['compare', '--fn', 'relu', '--degrees', '4..2'],
    ['compare', '--fn', 'relu', '--degrees', 'x'],
    ['compare', '--fn', 'relu', '--methods', 'magic'],
    ['compare', '--degrees', '2'],
    ['compare', '--fn', 'relu', '--interval=3,1'],
    ['compare', '--fn', 'nosuchfn(x)'],
  ]) {
    const r = await run(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.equal(r.out, '');
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.match(r.err, /^polyact compare: /);
  }
  assert.deepEqual(parseDegrees('2..5'), [2, 3, 4, 5]);
  assert.deepEqual(parseDegrees('4,2,4'), [2, 4]);
  assert.throws(() => parseDegrees('65'), (e: unknown) => e instanceof InputError && e.argument === '--degrees');
});

test('the real binary: exit code 2 and no stack trace for bad input', () => {
  const bin = join(__dirname, '..', 'bin', 'polyact.js');
  const r = spawnSync(process.execPath, [bin, 'compare', '--fn', 'relu', '--degrees', '2..x'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, "polyact compare: --degrees: expected a range '2..8', a list '2,3,4' or one integer in 0..64, got '2..x'\n");
});
