/**
 * Regression tests for every defect kind of issues #11 and #15, each with the issue's own example,
 * run in-process through the CLI's main() (test/cli-support.ts). Exit codes (lib/cli/exit.ts):
 * 0 success, 2 bad input, 3 valid input the method could not bring to its tolerance or budget.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBinary, runCli } from './cli-support';

/** Exactly one stderr line `polyact <command>: ...` matching `pattern`, nothing on stdout, the exit code. */
async function rejects(argv: string[], code: 2 | 3, pattern: RegExp): Promise<string> {
  const r = await runCli(argv);
  assert.equal(r.code, code, `${JSON.stringify(argv)}: ${r.err}`);
  assert.equal(r.out, '', JSON.stringify(argv));
  assert.equal(r.err.split('\n').length, 2, `one line: ${JSON.stringify(r.err)}`);
  assert.ok(r.err.startsWith(`polyact ${argv[0]}: `), r.err);
  assert.doesNotMatch(r.err, /\n\s+at /);
  assert.match(r.err, pattern);
  return r.err;
}

/** Exit 0 and the --json object, whose every value is finite (JSON.stringify would have written null). */
async function json(argv: string[]): Promise<Record<string, any>> {
  const r = await runCli(argv);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.trim().split('\n').length, 1);
  return JSON.parse(r.out);
}

/** Every null in v sits beside a string saying why (`note`, `skipped` or `...Note`). */
function nullsExplained(v: unknown, holder?: Record<string, unknown>, key?: string): void {
  if (v === null) {
    assert.ok(holder && Object.keys(holder).some((k) => (k === 'note' || k === 'skipped' || k.endsWith('Note')) && typeof holder[k] === 'string'), `null at ${key} without a note`);
  } else if (Array.isArray(v)) v.forEach((x) => nullsExplained(x, holder, key));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) nullsExplained(x, v as Record<string, unknown>, k);
}

// --- #11: exit 0 with null / NaN / Infinity on extreme but legal intervals ---

test('#11 far-off Taylor of degree 59: the coefficients blow up, exit 3 saying so (was: coefficients null)', async () => {
  await rejects(['fit', '--fn', 'relu', '--method', 'taylor', '--degree', '59', '--interval=100000,100001', '--z=100000.98', '--scale', '0.001', '--json'], 3,
    /taylor: the computed coefficients reach .* more than 1e\+100 times max \|f\|.*degree 59 on \[100000, 100001\]/);
});

test('#11 silu on [1e-300, 2e-300]: no Infinity·10^NaN; the Chebyshev form, and why', async () => {
  const r = await runCli(['fit', '--fn', 'silu', '--method', 'taylor', '--degree', '11', '--interval=1e-300,2e-300']);
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.out, /NaN|Infinity/);
  assert.match(r.out, /p\(x\) = .* T_11\(t\) .*, t = \(x - 1\.5·10\^-300\)\/5·10\^-301\n/);
  assert.match(r.out, /monomial form not shown: its coefficients overflow double precision \(degree 11 on \[1e-300, 2e-300\]\)/);
});

test('#11 elu on [-1e-15, 1e-15], degree 28: --json coefficients null with a monomialNote, Chebyshev form finite', async () => {
  const j = await json(['fit', '--fn', 'elu', '--method', 'chebyshev', '--degree', '28', '--interval=-1e-15,1e-15', '--json']);
  assert.equal(j.coefficients, null);
  assert.match(j.monomialNote, /overflow/);
  assert.equal(j.chebyshev.length, 29);
  // elu = x + x^2/2 + ... : in t = x/1e-15 the series is 1e-15 t + O(1e-30), so c_1 = 1e-15 to rounding.
  assert.ok(Math.abs(j.chebyshev[1] - 1e-15) < 1e-28, String(j.chebyshev[1]));
  nullsExplained(j);
});

test('#11 1/(1+x^2) on [-1e154, 1e154]: every metric finite; the monomial x^k coefficients underflow, so null with the reason', async () => {
  const j = await json(['fit', '--fn', '1/(1+x^2)', '--method', 'minimax', '--degree', '10', '--interval=-1e154,1e154', '--json']);
  for (const k of ['mse', 'mae', 'maxLoss', 'rho']) assert.ok(Number.isFinite(j.metrics[k]), k);
  assert.equal(j.coefficients, null);
  assert.match(j.monomialNote, /outside double precision/);
  nullsExplained(j);
});

test('#11 compare on such intervals: rows without unexplained nulls', async () => {
  for (const interval of ['--interval=1e-300,2e-300', '--interval=-1e154,1e154']) {
    const j = await json(['compare', '--fn', 'relu', interval, '--degrees', '2..3', '--grid', '201', '--json']);
    nullsExplained(j);
    for (const o of j.optimum) assert.ok(o.rhoLower <= o.rho && o.maxLossLower <= o.maxLoss, JSON.stringify(o));
  }
});

// --- #11: library errors leaking ---

test('#11 library errors become one clear line: call stack, mathjs "Value must be non-negative"', async () => {
  await rejects(['fit', '--fn', '('.repeat(990) + 'x' + ')'.repeat(990), '--method', 'chebyshev', '--degree', '2'], 2, /--fn: formula .* (nested|deeply)/);
  await rejects(['fit', '--fn', 'x!', '--method', 'chebyshev', '--degree', '2'], 2, /--fn: formula 'x!' cannot be evaluated at x = -200: Value must be non-negative/);
});

// --- #11 / #15 item 3: one line, values quoted and escaped ---

test('#11 #15.3 embedded newlines are echoed escaped: the rejection stays one line', async () => {
  await rejects(['fit', '--fn', 'relu', '--method', 'chebyshev\n', '--degree', '4'], 2, /--method: unknown method 'chebyshev\\n'/);
  await rejects(['fit', '--fn', 'relu', '--method', 'chebyshev', '--degree', '4\n5'], 2, /--degree: expected an integer written in decimal digits, got '4\\n5'/);
  await rejects(['fit', '--fn', 'x\ny', '--method', 'chebyshev', '--degree', '4'], 2, /--fn: formula 'x\\ny' must be a real function of x/);
});

// --- #11: hangs, Remez non-convergence ---

test('#11 sin(x) legendre degree 13 on [-1e6, 1e6] stops within its budget: exit 3 with what was reached (was: > 30 s)', async () => {
  await rejects(['fit', '--fn', 'sin(x)', '--method', 'legendre', '--degree', '13', '--interval=-1e6,1e6', '--json'], 3,
    /legendre: the projection integrals reached an error of .* after 100000 evaluations of f/);
});

test('#11 Remez non-convergence: exit 3 (valid input, tolerance not reached), saying what was reached', async () => {
  await rejects(['fit', '--fn', 'relu', '--method', 'minimax', '--degree', '8', '--maxIterations', '1'], 3,
    /Remez exchange did not converge for degree 8 after 1 iterations: reached lower bound .*, upper bound/);
});

// --- #11: meaningless output ---

test('#11 rho-optimal --json: metrics.rho is the certificate rho, and the lower bound below it', async () => {
  for (const [fn, N] of [['sigmoid', '3'], ['relu', '4'], ['x^2', '2'], ['leaky_relu', '5']]) {
    const j = await json(['fit', '--fn', fn, '--method', 'rho-optimal', '--degree', N, '--grid', '201', '--json']);
    assert.equal(j.certificate.rho, j.metrics.rho, fn);
    assert.equal(j.certificate.mse, j.metrics.mse, fn);
    assert.ok(j.certificate.lowerBound <= j.certificate.rho, fn);
  }
});

test('#11 messages name the option as typed, never the library argument, and give no API-only advice', async () => {
  // f constant: was "f: ... (pass options.range)".
  const e1 = await rejects(['fit', '--fn', '0', '--method', 'chebyshev', '--degree', '2'], 2, /^polyact fit: --fn: '?0'? is constant \(0\)/);
  assert.doesNotMatch(e1, /options\.range/);
  await rejects(['fit', '--fn', 'erf(x)', '--method', 'rho-optimal', '--degree', '2', '--interval=301.4305803934901,301.4305803965044'], 2, /^polyact fit: --fn: 'erf\(x\)' is constant/);
  // The weight that vanishes: was "density: ...", the user typed --sd / --mean.
  await rejects(['fit', '--fn', 'relu', '--method', 'weighted', '--degree', '2', '--sd', '1e-300'], 2, /^polyact fit: --sd: the normal density .* is 0 in double precision/);
  await rejects(['fit', '--fn', 'relu', '--method', 'weighted', '--degree', '2', '--mean', '1e6'], 2, /^polyact fit: --mean: the normal density/);
  // Coefficients that overflow: was "coefficients[0]: ...".
  await rejects(['network', '--inputs', '10', '--poly', 'coefficients:1e308,1e308,1e308', '--search-steps', '0'], 2, /^polyact network: --poly: the polynomial overflows double precision/);
  await rejects(['compare', '--fn', 'sqrt(-1)'], 2, /^polyact compare: --fn: /);
  await rejects(['he', '--fn', 'null', '--method', 'taylor', '--degree', '8'], 2, /^polyact he: --fn: unknown activation 'null'/);
  await rejects(['fit', '--fn', 'relu', '--method', 'numerical', '--degree', '4', '--m', '4.0'], 2, /^polyact fit: --m: expected an integer written in decimal digits, got '4\.0'/);
});

test('#11 an option given twice, a positional, an unknown option: one line naming it', async () => {
  await rejects(['fit', '--fn', 'relu', '--method', 'chebyshev', '--degree', '4', '--degree', '5'], 2, /--degree: given more than once/);
  await rejects(['fit', '--fn', 'relu', '--method', 'chebyshev', '--degree', '4', 'extra'], 2, /argument 'extra': unexpected/);
  await rejects(['compare', '--fn', 'relu', '--bogus\nx', '1'], 2, /--bogus\\nx: unknown option/);
});

test('#11 intervals the methods cannot resolve are refused, saying why', async () => {
  await rejects(['fit', '--fn', 'relu', '--method', 'chebyshev', '--degree', '4', '--interval=-1e308,1e308'], 2, /--interval: expected \|a\|, \|b\| <= 1e\+300/);
  await rejects(['fit', '--fn', 'relu', '--method', 'chebyshev', '--degree', '4', '--interval=100000,100000.00000000001'], 2, /--interval: .* is too narrow for its distance from 0: its width 1\.46e-11 is below 1e-12/);
  await rejects(['compare', '--fn', 'relu', '--interval=0,1e-320'], 2, /--interval: expected a width b - a >= 1e-300/);
});

// --- #15 item 1: hangs on everyday formulas ---

test('#15.1 formulas mathjs cannot differentiate: derivative method by central differences, finite and fast', async () => {
  const j = await json(['fit', '--fn', 'max(x,0)', '--method', 'derivative', '--degree', '2', '--json']);
  // f' = Heaviside: the same fit as relu's derivative method (Table 1), to the central differences' accuracy.
  const relu = await json(['fit', '--fn', 'relu', '--method', 'derivative', '--degree', '2', '--json']);
  j.coefficients.forEach((c: number, k: number) => assert.ok(Math.abs(c - relu.coefficients[k]) <= 1e-6 * Math.abs(relu.coefficients[k]) + 1e-12, `x^${k}: ${c} vs ${relu.coefficients[k]}`));
  for (const argv of [['compare', '--fn', 'erf(x)', '--degrees', '2', '--grid', '201', '--json'], ['compare', '--fn', 'x > 0 ? x : 0', '--interval=-5,5', '--degrees', '4', '--grid', '201', '--json']]) {
    const c = await json(argv);
    const derivative = c.rows.find((r: { label: string }) => r.label === 'derivative');
    assert.ok(derivative && typeof derivative.rho === 'number', argv[2]);
  }
});

test('#15.1 a derivative row that cannot be computed is skipped with its reason; the others stay', async () => {
  // floor jumps 400 times on [-200, 200]: the Chebyshev projections cannot converge within their budget.
  const c = await json(['compare', '--fn', 'floor(x)', '--degrees', '2', '--grid', '201', '--methods', 'chebyshev,numerical,minimax,rho-optimal', '--json']);
  const cheb = c.rows.find((r: { label: string }) => r.label === 'chebyshev');
  assert.match(cheb.skipped, /did not converge|reached an error/);
  assert.equal(cheb.rho, null);
  assert.ok(c.rows.filter((r: { rho: unknown }) => typeof r.rho === 'number').length >= 3);
  nullsExplained(c);
});

test('#15.1 sin(x) at degree 0 (chebyshev) finishes: the quadrature stops at the noise of sin at |x| = 200', async () => {
  const j = await json(['fit', '--fn', 'sin(x)', '--method', 'chebyshev', '--degree', '0', '--json']);
  // sin is odd: c_0 = 0 exactly, here to the noise of evaluating sin(200 cos th).
  assert.ok(Math.abs(j.chebyshev[0]) < 1e-13, String(j.chebyshev[0]));
  assert.ok(j.params.quadratureError < 1e-12);
  assert.ok(j.params.evaluations < 10000, String(j.params.evaluations));
});

test('#15.1 random formulas and the power tower are refused with one clear line', async () => {
  await rejects(['fit', '--fn', 'random()', '--method', 'chebyshev', '--degree', '0'], 2, /--fn: formula 'random\(\)' calls random\(\), which draws random numbers/);
  await rejects(['fit', '--fn', 'pickRandom([1, 2, 3])', '--method', 'chebyshev', '--degree', '0'], 2, /pickRandom\(\), which draws random numbers/);
  await rejects(['fit', '--fn', Array.from({ length: 60 }, () => 'x').join('^'), '--method', 'chebyshev', '--degree', '2'], 2, /nested more than 40 levels deep \(e\.g\. a power tower/);
  await rejects(['fit', '--fn', 'evaluate("x")', '--method', 'chebyshev', '--degree', '2'], 2, /--fn: formula .* (unknown: evaluate|not a number)/);
});

test('#15.1 rho-optimal degree 29 of leaky_relu on [0, 200] (f = x there): at rounding level, found at once (was 83 s)', async () => {
  const j = await json(['fit', '--fn', 'leaky_relu', '--method', 'rho-optimal', '--degree', '29', '--interval=0,200', '--json']);
  assert.ok(j.metrics.rho < 1e-12, String(j.metrics.rho));
  assert.equal(j.certificate.lowerBound, 0);
  assert.equal(j.certificate.rounds, 0);
});

// --- #15 items 2, 4, 5 ---

test('#15.2 --m 10000000 is refused within the documented budget (was: out of memory after 59 s)', async () => {
  await rejects(['fit', '--fn', 'relu', '--method', 'numerical', '--degree', '4', '--m', '10000000'], 2, /--m: expected at most 100000 nodes for degree 4 \(budget: m <= 100000 and m \(N \+ 1\)\^2 <= 20000000\)/);
});

test('#15.4 the derivative method accepts exactly the options its rejection lists (its own plus the inner method\'s)', async () => {
  const ok = await runCli(['fit', '--fn', 'relu', '--method', 'derivative', '--inner', 'taylor', '--degree', '4', '--z', '0']);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /inner=taylor constant=left z=0 scale=400 order=5/);
  const err = await rejects(['fit', '--fn', 'relu', '--method', 'derivative', '--inner', 'numerical', '--degree', '4', '--z', '0'], 2, /--z: is not an option of method 'derivative'/);
  const listed = err.slice(err.indexOf('its options: ') + 13).trim().split(', ');
  assert.deepEqual(listed, ['--inner', '--constant', '--prime', '--nodes', '--m', '--seed']);
  for (const o of listed.slice(3)) {
    const value = o === '--nodes' ? 'uniform' : o === '--m' ? '500' : '07';
    const r = await runCli(['fit', '--fn', 'relu', '--method', 'derivative', '--inner', 'numerical', '--degree', '4', o, value]);
    assert.equal(r.code, 0, `${o}: ${r.err}`);
  }
});

test('#15.5 one rule for integers and seeds across commands: 07 = 7, 1e1 and 0x4 refused everywhere', async () => {
  const base = ['fit', '--fn', 'relu', '--method', 'numerical', '--nodes', 'uniform', '--degree', '3', '--json'];
  const a = await runCli([...base, '--seed', '07']), b = await runCli([...base, '--seed', '7']), c = await runCli([...base, '--seed', '+7']);
  assert.equal(a.out, b.out);
  assert.equal(c.out, b.out);
  assert.equal(JSON.parse(a.out).params.seed, 7);
  for (const bad of ['1e1', '0x4', '4.0']) {
    await rejects(['fit', '--fn', 'relu', '--method', 'chebyshev', '--degree', bad], 2, /--degree: expected an integer written in decimal digits/);
    await rejects(['compare', '--fn', 'relu', '--degrees', bad], 2, /--degrees: expected a range/);
    await rejects(['network', '--inputs', bad], 2, /--inputs: expected an integer written in decimal digits/);
  }
});

// --- #15 item 6: compare when f is a polynomial of degree <= N, lower bounds above values ---

test('#15.6 compare --fn x^2 --degrees 2: the optimum is at rounding level, so no "+%" (was -53.6% / +5800%)', async () => {
  const r = await runCli(['compare', '--fn', 'x^2', '--degrees', '2', '--grid', '201']);
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.out, /\d%/);
  assert.match(r.out, /at rounding level/);
  assert.match(r.out, /\(excess not shown: the optimum is at rounding level .*: f is reproduced by a polynomial of degree 2\)/);
  const j = await json(['compare', '--fn', 'x^2', '--degrees', '2', '--grid', '201', '--json']);
  assert.equal(j.optimum[0].rhoAtRoundingLevel, true);
  assert.equal(j.optimum[0].rhoLower, 0);
  assert.equal(j.optimum[0].maxLossLower, 0);
  for (const row of j.rows) {
    assert.equal(row.rhoExcessPercent, null);
    assert.match(row.note, /rounding level/);
  }
  nullsExplained(j);
});

test('compare --fn 2*x+1 --degrees 4 on [-200, 200]: at rounding level the certified lower bounds are 0, so no method lands below them (fuzz seed 1)', async () => {
  const j = await json(['compare', '--fn', '2*x + 1', '--interval=-200,200', '--degrees', '4', '--grid', '2694', '--json']);
  assert.equal(j.optimum[0].maxLossAtRoundingLevel, true);
  assert.deepEqual([j.optimum[0].rhoLower, j.optimum[0].maxLossLower], [0, 0]);
  for (const row of j.rows) assert.ok(row.maxLoss >= 0 && row.maxLoss < 1e-13, row.label);
});

test('#15.6 compare sin(x) on [-20, 20], degree 8, grid 2694: the displayed lower bound is never above the value', async () => {
  const r = await runCli(['compare', '--fn', 'sin(x)', '--interval=-20,20', '--degrees', '8', '--grid', '2694']);
  assert.equal(r.code, 0, r.err);
  for (const m of r.out.matchAll(/(rho|max_loss) ([0-9.e+-]+) \(certified >= ([0-9.e+-]+)/g)) assert.ok(Number(m[3]) <= Number(m[2]), m[0]);
  const j = await json(['compare', '--fn', 'sin(x)', '--interval=-20,20', '--degrees', '8', '--grid', '2694', '--json']);
  const o = j.optimum[0];
  assert.ok(o.maxLossLower <= o.maxLoss && o.rhoLower <= o.rho);
  // Every method's grid max_loss is at least the grid-valid lower bound.
  for (const row of j.rows) assert.ok(row.maxLoss >= o.maxLossLower, row.label);
});

// --- found by the fuzzer's train / accuracy / infer generators ---

test('fuzz: train refuses an --out it could not write before training (was: minutes of training, then a failed write)', async () => {
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  await rejects(['train', '--out', join(tmpdir(), 'polyact-no-such-folder', 'net.json')], 2, /--out: expected a file in an existing folder, got '.*net\.json' \(no folder/);
  await rejects(['train', '--out', tmpdir()], 2, /--out: expected a file path, got the folder/);
  await rejects(['train', '--epochs', '0'], 2, /--epochs: expected an integer in 1\.\.100, got 0/);
  await rejects(['train', '--seed', ' '], 2, /--seed: expected a finite number or a non-empty string/);
});

test('fuzz: accuracy --poly relu --json explains its null coefficients (the exact network has no polynomial)', async () => {
  const j = await json(['accuracy', '--poly', 'relu', '--json']);
  assert.equal(j.coefficients, null);
  assert.match(j.coefficientsNote, /exact ReLU/);
  nullsExplained(j);
  assert.equal(j.accuracy, j.reluAccuracy);
  assert.equal(j.correct / j.testImages, j.accuracy);
});

test('fuzz: accuracy --interval C,D whose layer factors 1/C, C/D, D/200 leave double precision is refused (was: scales.conv null)', async () => {
  await rejects(['accuracy', '--interval', '5e-324,22', '--json'], 2, /--interval: the bounds '5e-324,22' give the layer factors 1\/C, C\/D, D\/200 = Infinity, 0\.00, 0\.110; expected/);
  await rejects(['accuracy', '--interval', '1e-300,1e308'], 2, /--interval: .* = 1\.00e\+300, 0\.00, 5\.00e\+305;/);
  // Extreme but representable factors are a valid request: ReLU is positively homogeneous, so the exact network is unchanged.
  const j = await json(['accuracy', '--poly', 'relu', '--interval', '1e-300,1', '--json']);
  assert.equal(j.accuracy, j.reluAccuracy);
});

test('fuzz: infer --scale-bits 20 names the option and counts the primes (was: internal error "failed to find enough qualifying primes")', async () => {
  // 20-bit primes p = 1 mod 32768: 557057 and 786433 only (sympy.isprime over the range); the chain (depth 7) needs 7.
  // A child process: SEAL's asynchronous load would interleave the test runner's output with an in-process capture.
  const r = runBinary(['infer', '--cells', '1', '--hidden', '1', '--images', '1', '--workers', '1', '--scale-bits', '20']);
  assert.equal(r.code, 2, r.err);
  assert.equal(r.out, '');
  assert.match(r.err, /^polyact infer: --scale-bits: only 2 primes of 20 bits are 1 mod 2N = 32768, the chain \[\d+(, 20){7}, 60\] needs 7; use a larger scale\n$/);
  const { chainPrimes } = await import('../lib/he/seal');
  // Cross-checked with sympy: 2 (20 bits, N 16384), 5 (22 bits), 5 (20 bits, N 8192), 36 (24 bits).
  assert.deepEqual([chainPrimes(20, 16384, 99), chainPrimes(22, 16384, 99), chainPrimes(20, 8192, 99), chainPrimes(24, 16384, 99)], [2, 5, 5, 36]);
  assert.equal(chainPrimes(24, 16384, 9), 9); // counting stops at what the chain needs
});

test('fuzz: compare 2x + 1 at degree 4: at rounding level the certified lower bounds are 0, never above a row (was 6e-17 > 4e-17)', async () => {
  const j = await json(['compare', '--fn=2*x + 1', '--interval=-200,200', '--degrees', '4', '--grid', '2694', '--json']);
  const o = j.optimum[0];
  assert.equal(o.maxLossAtRoundingLevel, true);
  assert.equal(o.maxLossLower, 0);
  assert.equal(o.rhoLower, 0);
  for (const row of j.rows) assert.ok(row.maxLoss >= o.maxLossLower && row.rho >= o.rhoLower, row.label);
});
