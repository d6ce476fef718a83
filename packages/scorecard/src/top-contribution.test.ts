// topContribution against the full route it replaces in the scorecard: the full
// contribution sorted by effect, cut by keepTopMembers, with the first member of the
// change's sign as the driver. The same members and figures, the same count of others,
// their sums to rounding, the same leader; on random dimensions with ties, missing values
// and zero totals (fixed seed), for several limits.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { keepTopMembers } from './cause-analysis.js';
import {
  additiveContribution,
  mixRateContribution,
  topContribution,
  type AdditiveMember,
  type RatioMember,
} from './contribution.js';
import type { DimensionContribution, MemberContribution } from './kpi-reading.js';

const random = (seed: number) => {
  let s = seed;
  return (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
};

const figure = (next: () => number): number | null => {
  const p = next();
  return p < 0.1 ? null : p < 0.2 ? 0 : Math.round(next() * 20) * 5; // many ties
};

const leaderOf = (c: DimensionContribution): MemberContribution | undefined =>
  c.change === null || c.change === 0
    ? undefined
    : c.members.find((m) => Math.sign(m.effect) === Math.sign(c.change as number));

const close = (a: number | undefined, b: number | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));

const same = (
  full: DimensionContribution,
  max: number,
  top: ReturnType<typeof topContribution>,
  what: string,
) => {
  const want = keepTopMembers(full, max);
  const { others, ...head } = top.contribution;
  const { others: wantOthers, ...wantHead } = want;
  assert.deepEqual(head, wantHead, what);
  assert.equal(others?.count, wantOthers?.count, what);
  assert.ok(
    close(others?.effect, wantOthers?.effect),
    `${what}: others ${others?.effect} vs ${wantOthers?.effect}`,
  );
  assert.ok(close(others?.mix, wantOthers?.mix), what);
  assert.ok(close(others?.rate, wantOthers?.rate), what);
  assert.deepEqual(top.leader, leaderOf(full), what);
};

/** Hand-made members as [name, current, previous]. */
const dim = (...rows: [string, number, number][]): AdditiveMember[] =>
  rows.map(([member, current, previous]) => ({ member, current, previous }));

/** A hand-made additive dimension cut to its top `max` members. */
const cut = (members: readonly AdditiveMember[], max: number) =>
  topContribution('channel', { kind: 'additive', members }, max);

describe('topContribution', () => {
  test('gives what the full contribution cut to its top members gives (additive and mix/rate)', () => {
    const next = random(3);
    let withOthers = 0;
    let leaders = 0;
    for (let trial = 0; trial < 600; trial++) {
      const n = 1 + Math.floor(next() * 40);
      const names = Array.from({ length: n }, (_, i) => `m${(i * 7919) % 1000}`);
      const additive: AdditiveMember[] = names.map((member) => ({
        member,
        current: figure(next),
        previous: figure(next),
      }));
      const ratio: RatioMember[] = names.map((member) => ({
        member,
        current: { numerator: figure(next), denominator: figure(next) },
        previous: { numerator: figure(next), denominator: figure(next) },
      }));
      for (const max of [0, 1, 5, 12, Infinity]) {
        const a = topContribution('channel', { kind: 'additive', members: additive }, max);
        same(additiveContribution('channel', additive), max, a, `additive trial ${trial} max ${max}`);
        const r = topContribution('campaign', { kind: 'ratio', members: ratio }, max);
        same(mixRateContribution('campaign', ratio), max, r, `ratio trial ${trial} max ${max}`);
        if (a.contribution.others) withOthers++;
        if (r.leader) leaders++;
      }
    }
    assert.ok(withOthers > 500 && leaders > 500, `${withOthers} cut, ${leaders} leaders`);
  });

  test('a hand-made case: top two of four, the others summed, the leader outside the top', () => {
    // effects: a +10, b -30, c -20, d +5; change -35: the top two are b and c (both
    // falling, the change's direction); the leader is b.
    const t = cut(dim(['a', 20, 10], ['b', 10, 40], ['c', 0, 20], ['d', 5, 0]), 2);
    assert.deepEqual(
      t.contribution.members.map((m) => [m.member, m.effect]),
      [
        ['b', -30],
        ['c', -20],
      ],
    );
    assert.deepEqual(t.contribution.others, { count: 2, effect: 15 });
    assert.equal(t.leader?.member, 'b');
    // change +11: the one kept is the largest effect, c (+60)
    const up = cut(dim(['a', 0, 30], ['b', 0, 20], ['c', 60, 0], ['d', 1, 0]), 1);
    assert.equal(up.contribution.members[0]?.member, 'c');
    const down = cut(dim(['a', 0, 30], ['b', 0, 20], ['c', 40, 0], ['d', 45, 0]), 1);
    // change +35: the top member by size is d (+45); the leader is d too
    assert.equal(down.contribution.members[0]?.member, 'd');
    assert.equal(down.leader?.member, 'd');
    const leaderOutside = cut(dim(['a', 0, 50], ['b', 40, 0], ['c', 30, 0]), 1);
    // change +20: a (-50) is the largest effect and the only one kept; the leader is b (+40)
    assert.equal(leaderOutside.contribution.members[0]?.member, 'a');
    assert.equal(leaderOutside.leader?.member, 'b');
    assert.equal(leaderOutside.leader?.effect, 40);
  });
});
