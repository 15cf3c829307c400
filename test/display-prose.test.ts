import { test } from 'node:test';
import assert from 'node:assert/strict';
import { list, percent, valuesByRange } from '../lib/display/prose';
import { optimalDepth } from '../lib/he/cost';

test('prose helpers: lists, percentages to 3 digits, values by ranges of consecutive keys', () => {
  assert.equal(list([]), '');
  assert.equal(list(['a']), 'a');
  assert.equal(list(['a', 'b']), 'a and b');
  assert.equal(list(['a', 'b', 'c']), 'a, b and c');
  assert.equal(percent(46.4237), '46.4%');
  assert.equal(percent(0.76149), '0.761%');
  assert.equal(percent(103.04), '103%');
  // ceil(log2(N + 1)): 2 for N = 2, 3; 3 for 4..7; 4 for 8
  assert.equal(valuesByRange([2, 3, 4, 5, 6, 7, 8], optimalDepth), '2 for N = 2-3, 3 for N = 4-7, 4 for N = 8');
  // a gap in the keys starts a new range even with the same value
  assert.equal(valuesByRange([1, 2, 4], () => 'x', 'k'), 'x for k = 1-2, x for k = 4');
});
