import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const bin = join(__dirname, '..', 'bin', 'polyact.js');
const run = (args: string[]) => spawnSync(process.execPath, [bin, 'network', ...args], { encoding: 'utf8' });

describe('polyact network', () => {
  it('--json prints one JSON object with the bracket, quantiles and throughput', () => {
    const r = run(['--inputs', '3000', '--seed', '4', '--scaling', 'per-input', '--poly', 'cryptodl-4', '--workers', '1', '--search-steps', '5', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.experiment.inputs, 3000);
    assert.equal(out.scaling, 'per-input');
    assert.equal(out.poly, 'cryptodl-4');
    assert.equal(out.paper, 0.200293);
    assert.ok(out.bracket.randomMax > 0 && out.bracket.randomMax <= out.bracket.searchMax && out.bracket.searchMax <= out.bracket.upperBound);
    assert.equal(out.experiment.quantiles.length, 5);
    assert.ok(out.experiment.inputsPerSecond > 0);
  });

  it('bad arguments: one line on stderr, exit 2', () => {
    for (const args of [['--poly', 'coefficients:1,x'], ['--scaling', 'sometimes'], ['--workers', '2.5']]) {
      const r = run(args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^polyact network: --(poly|scaling|inputs|workers)/);
    }
  });
});
