// Contribution analysis against decompositions worked out by hand; every split sums
// exactly to the total change (the numbers are binary fractions, so exactly means ===).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { additiveContribution, mixRateContribution } from './contribution.js';
import { analyseCause } from './cause-analysis.js';

const member = (c: ReturnType<typeof mixRateContribution>, name: string) => {
  const m = c.members.find((x) => x.member === name);
  assert.ok(m, name);
  return m;
};

describe('additive metrics', () => {
  test('share of total and share of change', () => {
    const c = additiveContribution('channel', [
      { member: 'a', current: 10, previous: 30 },
      { member: 'b', current: 55, previous: 50 },
      { member: 'c', current: 20, previous: 20 },
      { member: 'd', current: null, previous: null },
    ]);
    assert.equal(c.change, -15);
    assert.deepEqual(
      c.members.map((m) => [m.member, m.effect]),
      [
        ['a', -20],
        ['b', 5],
        ['c', 0],
        ['d', 0],
      ],
    );
    assert.equal(member(c, 'a').shareOfChange, -20 / -15);
    assert.equal(member(c, 'b').shareOfTotal, 55 / 85);
    assert.equal(
      c.members.reduce((s, m) => s + m.effect, 0),
      c.change,
    );
  });
});

describe('ratio metrics: symmetric (midpoint) shift-share', () => {
  test('two members: a mix shift and a rate drop', () => {
    // Before: a 10/20 (0.5), b 30/20 (1.5) -> 40/40 = 1. After: a 24/48 (0.5), b 16/16 (1) -> 40/64 = 0.625.
    // a: w 0.5 -> 0.75, mix = 0.25 * 0.5 = 0.125, rate = 0.
    // b: w 0.5 -> 0.25, mix = -0.25 * 1.25 = -0.3125, rate = -0.5 * 0.375 = -0.1875.
    const c = mixRateContribution('channel', [
      {
        member: 'a',
        previous: { numerator: 10, denominator: 20 },
        current: { numerator: 24, denominator: 48 },
      },
      {
        member: 'b',
        previous: { numerator: 30, denominator: 20 },
        current: { numerator: 16, denominator: 16 },
      },
    ]);
    assert.equal(c.previous, 1);
    assert.equal(c.current, 0.625);
    assert.equal(c.change, -0.375);
    assert.deepEqual([member(c, 'a').mix, member(c, 'a').rate, member(c, 'a').effect], [0.125, 0, 0.125]);
    assert.deepEqual(
      [member(c, 'b').mix, member(c, 'b').rate, member(c, 'b').effect],
      [-0.3125, -0.1875, -0.5],
    );
    assert.equal(c.mix, -0.1875);
    assert.equal(c.rate, -0.1875);
    assert.equal((c.mix ?? 0) + (c.rate ?? 0), c.change);
    assert.equal(member(c, 'b').weightCurrent, 0.25);
    assert.equal(c.members[0]?.member, 'b', 'largest effect first');
  });

  test('a new member: all of its effect is mix', () => {
    // Before: a 10/10. After: a 10/10, c 30/10 -> 40/20 = 2. a: mix = -0.5; c: mix = 0.5 * 3 = 1.5.
    const c = mixRateContribution('campaign', [
      {
        member: 'a',
        previous: { numerator: 10, denominator: 10 },
        current: { numerator: 10, denominator: 10 },
      },
      {
        member: 'c',
        previous: { numerator: null, denominator: null },
        current: { numerator: 30, denominator: 10 },
      },
    ]);
    assert.equal(c.change, 1);
    assert.deepEqual([member(c, 'a').mix, member(c, 'a').rate], [-0.5, 0]);
    assert.deepEqual([member(c, 'c').mix, member(c, 'c').rate], [1.5, 0]);
    assert.equal((c.mix ?? 0) + (c.rate ?? 0), 1);
  });

  test('a numerator without denominator counts as rate', () => {
    // Spend with no lead: before a 10/10; after a 10/10 and z 5/0 -> 15/10 = 1.5.
    const c = mixRateContribution('campaign', [
      {
        member: 'a',
        previous: { numerator: 10, denominator: 10 },
        current: { numerator: 10, denominator: 10 },
      },
      { member: 'z', previous: { numerator: 0, denominator: 0 }, current: { numerator: 5, denominator: 0 } },
    ]);
    assert.equal(c.change, 0.5);
    assert.deepEqual([member(c, 'z').mix, member(c, 'z').rate, member(c, 'z').effect], [0, 0.5, 0.5]);
    assert.equal(member(c, 'z').current, null);
  });

  test('no decomposition when a period has no denominator', () => {
    const c = mixRateContribution('channel', [
      { member: 'a', previous: { numerator: 1, denominator: 0 }, current: { numerator: 1, denominator: 2 } },
    ]);
    assert.equal(c.change, null);
    assert.deepEqual(c.members, []);
  });

  test('three members with irregular numbers still sum to the change (to rounding)', () => {
    const c = mixRateContribution('market', [
      {
        member: 'de',
        previous: { numerator: 317, denominator: 7 },
        current: { numerator: 290, denominator: 9 },
      },
      {
        member: 'at',
        previous: { numerator: 101, denominator: 3 },
        current: { numerator: 133, denominator: 2 },
      },
      {
        member: 'nl',
        previous: { numerator: 0, denominator: 0 },
        current: { numerator: 47, denominator: 1 },
      },
    ]);
    const total = 470 / 12 - 418 / 10;
    assert.ok(Math.abs((c.change ?? 0) - total) < 1e-12);
    assert.ok(Math.abs((c.mix ?? 0) + (c.rate ?? 0) - total) < 1e-12);
    for (const m of c.members) assert.ok(Math.abs((m.mix ?? 0) + (m.rate ?? 0) - m.effect) < 1e-12);
  });
});

describe('drivers', () => {
  test('the top driver moved the KPI in the direction of the change, with its annotation', () => {
    const cause = analyseCause(
      'previous_period',
      -52,
      [
        {
          dimension: 'channel',
          kind: 'additive',
          members: [
            { member: 'meta_ads', current: 6, previous: 59 },
            { member: 'google_search', current: 39, previous: 35 },
            { member: 'linkedin_ads', current: 26, previous: 31 },
            { member: 'tiktok_ads', current: 17, previous: 15 },
          ],
        },
        {
          dimension: 'market',
          kind: 'additive',
          members: [
            { member: 'de', current: 60, previous: 90 },
            { member: 'nl', current: 28, previous: 50 },
          ],
        },
      ],
      [
        { date: '2026-10-05', end: '2026-10-11', title: 'Meta ads paused', scope: { channel: 'meta_ads' } },
        { date: '2026-10-05', title: 'Warehouse move' },
      ],
    );
    assert.deepEqual(
      cause.drivers.map((d) => [d.dimension, d.member, d.effect]),
      [
        ['channel', 'meta_ads', -53],
        ['market', 'de', -30],
      ],
    );
    assert.equal(cause.drivers[0]?.shareOfChange, 53 / 52);
    assert.deepEqual(
      cause.drivers[0]?.annotations.map((a) => a.title),
      ['Meta ads paused'],
    );
  });
});
