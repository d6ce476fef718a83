// The linear-time median against the sort-based definition: the same value on random arrays
// of every length up to 60 (odd and even counts, many ties, sorted and reversed runs,
// constants), and NaN handling as a sort places it (fixed seed).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { median } from './normal-distribution.js';
import { createRandom } from './random-source.js';

const bySorting = (xs: readonly number[]): number => {
  const a = Float64Array.from(xs).sort();
  const n = a.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? (a[mid] as number) : ((a[mid - 1] as number) + (a[mid] as number)) / 2;
};

describe('median', () => {
  test('equals the middle of the sorted values on 6,000 random arrays', () => {
    const rnd = createRandom(7);
    for (let trial = 0; trial < 6000; trial++) {
      const n = trial % 61;
      const kind = Math.floor(trial / 61) % 5;
      const xs = Array.from(
        { length: n },
        (_, i) =>
          kind === 0
            ? rnd.normal() * 100
            : kind === 1
              ? Math.floor(rnd.uniform() * 4) // many ties
              : kind === 2
                ? i // sorted
                : kind === 3
                  ? n - i // reversed
                  : 5, // constant
      );
      const got = median(xs);
      const want = bySorting(xs);
      assert.ok(Object.is(got, want) || got === want, `${JSON.stringify(xs)}: ${got} vs ${want}`);
    }
  });

  test('hand-made cases, and the input is left as it was', () => {
    const xs = [9, 1, 7, 3];
    assert.equal(median(xs), 5);
    assert.deepEqual(xs, [9, 1, 7, 3]);
    assert.equal(median([2]), 2);
    assert.equal(median([3, 1, 2]), 2);
    assert.ok(Number.isNaN(median([])));
    // a NaN sorts last: the median of [NaN, 1, 2] is 2, as the sorted definition gives
    assert.equal(median([Number.NaN, 1, 2]), 2);
  });
});
