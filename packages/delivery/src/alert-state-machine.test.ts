// The alert state machine, step by step against outcomes worked out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  INITIAL_ALERT_STATE,
  parseAlertState,
  stepAlert,
  type AlertObservation,
  type AlertState,
} from './alert-state-machine.js';

const obs = (
  day: number,
  active: boolean | null,
  extra: Partial<AlertObservation> = {},
): AlertObservation => ({
  at: `2026-02-${String(day).padStart(2, '0')}T09:00:00.000Z`,
  active,
  summary: active ? 'off track' : 'on track',
  ...extra,
});

/** Runs a sequence and returns the event kinds per step. */
const run = (xs: readonly AlertObservation[], guards = {}): { kinds: string[][]; state: AlertState } => {
  let state = INITIAL_ALERT_STATE;
  const kinds: string[][] = [];
  for (const o of xs) {
    const s = stepAlert(state, o, guards);
    state = s.state;
    kinds.push(s.events.map((e) => e.kind));
  }
  return { kinds, state };
};

test('fires once when the condition starts, not again while it holds, resolves when it ends, then re-arms', () => {
  const { kinds, state } = run([
    obs(1, false),
    obs(2, true),
    obs(3, true),
    obs(4, true),
    obs(5, false),
    obs(6, false),
    obs(7, true),
  ]);
  assert.deepEqual(kinds, [[], ['fired'], [], [], ['resolved'], [], ['fired']]);
  assert.equal(state.phase, 'firing');
  assert.equal(state.since, '2026-02-07T09:00:00.000Z');
});

test('a check that cannot judge (no data) changes nothing: no resolve on a gap', () => {
  const { kinds, state } = run([obs(1, true), obs(2, null), obs(3, null), obs(4, true)]);
  assert.deepEqual(kinds, [['fired'], [], [], []]);
  assert.equal(state.phase, 'firing');
  assert.equal(state.checkedAt, '2026-02-04T09:00:00.000Z');
});

test('a worse level while firing escalates once; a milder one does not fire again', () => {
  const { kinds } = run([
    obs(1, true, { level: 1 }),
    obs(2, true, { level: 2 }),
    obs(3, true, { level: 2 }),
    obs(4, true, { level: 1 }),
    obs(5, true, { level: 2 }),
  ]);
  assert.deepEqual(kinds, [['fired'], ['escalated'], [], [], []]);
});

test('below the minimum volume it does not fire, records that once, and fires when the volume is there', () => {
  const guards = { minVolume: 100 };
  const { kinds } = run(
    [
      obs(1, true, { volume: 20 }),
      obs(2, true, { volume: 30 }),
      obs(3, true, { volume: null }),
      obs(4, true, { volume: 150 }),
      obs(5, true, { volume: 10 }),
    ],
    guards,
  );
  // 20 and 30 are one reason (volume), null is the same kind: recorded once; 150 fires; 10 while firing keeps firing.
  assert.deepEqual(kinds, [['not_fired'], [], [], ['fired'], []]);
  const first = stepAlert(INITIAL_ALERT_STATE, obs(1, true, { volume: 20 }), guards).events[0];
  assert.equal(first?.reason, 'volume 20 below the minimum of 100');
});

test('snoozed: not fired until the snooze ends, then fires if the condition still holds', () => {
  const guards = { snoozedUntil: '2026-02-03T12:00:00.000Z' };
  const { kinds } = run([obs(1, true), obs(2, true), obs(3, true), obs(4, true), obs(5, false)], guards);
  assert.deepEqual(kinds, [['not_fired'], [], [], ['fired'], ['resolved']]);
});

test('a stored state round-trips; unreadable text is the initial state', () => {
  const s = stepAlert(INITIAL_ALERT_STATE, obs(2, true)).state;
  assert.deepEqual(parseAlertState(JSON.stringify(s)), s);
  assert.deepEqual(parseAlertState('{not json'), INITIAL_ALERT_STATE);
  assert.deepEqual(parseAlertState(''), INITIAL_ALERT_STATE);
});
