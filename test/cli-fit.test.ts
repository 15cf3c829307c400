/**
 * `polyact fit`: most cases run main() in-process (capturing stdout/stderr) to keep the suite
 * fast; two run the real binary to check the exit code and the stream discipline end to end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from './cli-support';

const run = runCli;

test('--json prints exactly one JSON object with the agreed shape (Table 1 Chebyshev N = 2)', async () => {
  const r = await run(['fit', '--fn', 'relu', '--method', 'chebyshev', '--degree', '2', '--interval', '-200,200', '--grid', '201', '--json']);
  assert.equal(r.code, 0);
  assert.equal(r.err, '');
  assert.equal(r.out.trim().split('\n').length, 1);
  const j = JSON.parse(r.out);
  assert.deepEqual(Object.keys(j), ['function', 'method', 'degree', 'interval', 'coefficients', 'chebyshev', 'range', 'metrics', 'params']);
  assert.equal(j.function, 'relu');
  assert.equal(j.method, 'chebyshev');
  assert.equal(j.degree, 2);
  assert.deepEqual(j.interval, [-200, 200]);
  assert.deepEqual(j.range, [0, 200]);
  assert.ok(Math.abs(j.coefficients[0] - 200 / (3 * Math.PI)) < 1e-12);
  assert.ok(Math.abs(j.coefficients[2] - 800 / (3 * Math.PI) / 40000) < 1e-18);
  assert.ok(Math.abs(j.chebyshev[0] - 200 / Math.PI) < 1e-12);
  assert.deepEqual(Object.keys(j.metrics), ['grid', 'mse', 'mae', 'maxLoss', 'rho']);
  assert.equal(j.metrics.grid, 201);
  assert.ok(Math.abs(j.metrics.maxLoss - 1 / (3 * Math.PI)) < 1e-15);
});

test('--interval=-200,200 and --interval -200,200 give the same result', async () => {
  const a = await run(['fit', '--fn', 'tanh', '--method', 'taylor', '--degree', '3', '--interval=-200,200', '--grid', '201', '--json']);
  const b = await run(['fit', '--fn', 'tanh', '--method', 'taylor', '--degree', '3', '--interval', '-200,200', '--grid', '201', '--json']);
  assert.equal(a.out, b.out);
  const j = JSON.parse(a.out);
  assert.deepEqual(j.params, { z: 0, scale: 400, order: 5 });
  assert.equal(Math.round(j.metrics.rho * 1e4) / 1e4, 0.4905);
});

test('text output: paper-style polynomial, metrics, and the seed when randomness is used', async () => {
  const r = await run(['fit', '--fn', 'sigmoid', '--method', 'numerical', '--nodes', 'uniform', '--degree', '3', '--grid', '201']);
  assert.equal(r.code, 0);
  assert.match(r.out, /seed=1/);
  assert.match(r.out, /p\(x\) = -1\.\d{3}·10\^-7 x\^3/);
  assert.match(r.out, /max_loss/);
  const d = await run(['fit', '--fn', 'relu', '--method', 'chebyshev', '--degree', '2']);
  assert.match(d.out, /p\(x\) = 0\.002122x\^2 \+ 0\.5x \+ 21\.22/);
  assert.match(d.out, /metrics on 100001 points/);
});

test('--help documents every option and every method option with defaults', async () => {
  const r = await run(['fit', '--help']);
  assert.equal(r.code, 0);
  for (const o of ['--fn', '--method', '--degree', '--interval', '--grid', '--json', '--nodes', '--m', '--seed', '--z', '--scale', '--order', '--inner', '--constant']) {
    assert.ok(r.out.includes(o), o);
  }
  assert.match(r.out, /default: 100001/);
  assert.match(r.out, /default: -200,200/);
  const top = await run(['--help']);
  assert.match(top.out, /fit/);
});

test('bad input: one line on stderr naming the option, exit 2', async () => {
  const cases: [string[], RegExp][] = [
    [['fit', '--fn', 'relu', '--method', 'chebyshev', '--degree', '2', '--interval=200,-200'], /--interval: expected a < b/],
    [['fit', '--fn', 'relu', '--method', 'chebyshev', '--degree', '2', '--interval=0,inf'], /--interval: expected two finite numbers/],
    [['fit', '--fn', 'relu', '--method', 'chebyshev', '--degree', '2.5'], /--degree: expected an integer/],
    [['fit', '--fn', 'relu', '--method', 'chebyshev', '--degree', '99'], /degree: expected an integer in 0\.\.64/],
    [['fit', '--fn', 'relu', '--method', 'numerical', '--degree', '4', '--m', '3'], /m: expected more nodes than the degree/],
    [['fit', '--fn', 'relux', '--method', 'chebyshev', '--degree', '2'], /unknown activation 'relux'/],
    [['fit', '--fn', 'x +', '--method', 'chebyshev', '--degree', '2'], /formula syntax error/],
    [['fit', '--fn', 'x * y', '--method', 'chebyshev', '--degree', '2'], /only the variable x/],
    [['fit', '--fn', 'log(x)', '--method', 'chebyshev', '--degree', '2'], /not finite at x = -200/],
    [['fit', '--fn', 'relu', '--method', 'spline', '--degree', '2'], /--method: unknown method 'spline'/],
    [['fit', '--fn', 'relu', '--method', 'numerical', '--nodes', 'gauss', '--degree', '2'], /--nodes: expected one of uniform, normal, chebyshev/],
    [['fit', '--fn', 'relu', '--method', 'numerical', '--z', '0', '--degree', '2'], /--z: is not an option of method 'numerical'/],
    [['fit', '--fn', 'relu', '--method', 'chebyshev'], /--degree: is required/],
    [['fit', '--fn', 'relu', '--method', 'chebyshev', '--degree', '2', '--bogus'], /--bogus: unknown option/],
  ];
  for (const [argv, pattern] of cases) {
    const r = await run(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.equal(r.out, '');
    assert.match(r.err, pattern);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
  }
});

test('the real binary: exit codes and streams', () => {
  const bin = join(__dirname, '..', 'bin', 'polyact.js');
  const ok = spawnSync(process.execPath, [bin, 'fit', '--fn', 'sigmoid', '--method', 'derivative', '--degree', '3', '--grid', '201', '--json'], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  const j = JSON.parse(ok.stdout);
  assert.equal(Math.round(j.metrics.rho * 1e4) / 1e4, 0.5014);
  const bad = spawnSync(process.execPath, [bin, 'fit', '--fn', 'relu', '--method', 'chebyshev', '--degree', '-1'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /^polyact fit: --degree: expected an integer in 0\.\.64, got -1\n$/);
});
