// The per-account login back-off against waits worked out by hand: 5 free failures, then
// 2, 4, 8 ... seconds, capped; a success resets; a known client skips the wait.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffSeconds, loginGuard } from './login-guard.js';

const O = { freeFailures: 5, capSeconds: 60 };
const T0 = Date.UTC(2026, 10, 15, 9, 0, 0);

describe('login guard', () => {
  test('backoffSeconds: 0 for the free failures, then doubling up to the cap', () => {
    assert.deepEqual(
      [0, 4, 5, 6, 7, 8, 9, 10, 50].map((n) => backoffSeconds(n, O)),
      [0, 0, 2, 4, 8, 16, 32, 60, 60],
    );
  });

  test('five attempts pass, the sixth waits 2 s; after the wait one more, then 4 s', () => {
    const g = loginGuard(O);
    for (let i = 0; i < 5; i++) assert.equal(g.attempt('a@x.io', `c${i}`, T0), 0);
    assert.equal(g.attempt('a@x.io', 'other', T0), 2);
    assert.equal(g.attempt('A@X.IO ', 'other', T0 + 1000), 1, 'the email is normalised');
    assert.equal(g.attempt('a@x.io', 'other', T0 + 2000), 0);
    assert.equal(
      g.attempt('a@x.io', 'other', T0 + 2000),
      4,
      'refused attempts do not count; 6 failures: 4 s',
    );
    assert.equal(g.attempt('a@x.io', 'other', T0 + 5999), 1);
    assert.equal(g.attempt('a@x.io', 'other', T0 + 6000), 0);
    assert.equal(g.attempt('b@x.io', 'other', T0 + 6000), 0, 'another account is not affected');
  });

  test('the wait never exceeds the cap, and a success resets the account', () => {
    const g = loginGuard(O);
    let t = T0;
    const waits: number[] = [];
    for (let accepted = 0; accepted < 20;) {
      const wait = g.attempt('a@x.io', 'c', t);
      if (wait === 0) accepted += 1;
      else waits.push(wait);
      t += wait * 1000;
    }
    assert.deepEqual(waits, [2, 4, 8, 16, 32, ...Array<number>(10).fill(60)]);
    assert.equal(g.attempt('a@x.io', 'c', t), 60);
    t += 60_000;
    assert.equal(g.attempt('a@x.io', 'c', t), 0);
    g.succeeded('a@x.io', 'c', t);
    for (let i = 0; i < 5; i++) assert.equal(g.attempt('a@x.io', 'new', t), 0);
    assert.equal(g.attempt('a@x.io', 'new', t), 2);
  });

  test('a client that signed in before skips the account wait; others still wait', () => {
    const g = loginGuard(O);
    assert.equal(g.attempt('a@x.io', 'home', T0), 0);
    g.succeeded('a@x.io', 'home', T0);
    for (let i = 0; i < 30; i++) g.attempt('a@x.io', `attacker${i % 3}`, T0 + 1);
    assert.ok(g.attempt('a@x.io', 'new-laptop', T0 + 2) > 0);
    assert.equal(g.attempt('a@x.io', 'home', T0 + 2), 0);
  });

  test('failures are forgotten after forgetMs; memory stays bounded', () => {
    const g = loginGuard({ ...O, forgetMs: 3_600_000, maxEntries: 100 });
    for (let i = 0; i < 6; i++) g.attempt('a@x.io', 'c', T0);
    assert.equal(g.attempt('a@x.io', 'c', T0), 2);
    assert.equal(g.attempt('a@x.io', 'c', T0 + 3_600_000), 0);
    // 1000 accounts through a table of 100: the oldest go, the newest stay limited.
    for (let i = 0; i < 1000; i++) for (let k = 0; k < 6; k++) g.attempt(`u${i}@x.io`, 'c', T0 + 3_600_000);
    assert.equal(g.attempt('u999@x.io', 'c', T0 + 3_600_000), 2);
    assert.equal(g.attempt('u0@x.io', 'c', T0 + 3_600_000), 0, 'pruned');
  });
});
