// Tests for the verdict: pace and probability together, the phrase, per-KPI thresholds,
// final states kept, and pace alone (with the reason) when there is no forecast.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TargetReading } from './kpi-reading.js';
import { hitMeaning, likelihoodText, verdictOf } from './verdict.js';

const target = { kind: 'cumulative' } as TargetReading;
const fc = (probability: number) => ({ probability });

describe('verdictOf', () => {
  test('on track needs both pace and probability', () => {
    const v = verdictOf('on_track', 'on or ahead of the path', fc(0.83), undefined, target, undefined);
    assert.equal(v.status, 'on_track');
    assert.equal(v.phrase, 'on track, 83% likely');
    assert.equal(v.reason, 'on or ahead of the path; 83% likely to hit the target');
    assert.equal(v.pace, 'on_track');
    assert.equal(v.judged, 'goal_period_total');
  });

  test('on pace but unlikely says so in one phrase', () => {
    const v = verdictOf('on_track', 'on or ahead of the path', fc(0.24), undefined, target, undefined);
    assert.equal(v.status, 'at_risk');
    assert.equal(v.phrase, 'on pace, but 24% likely');
    const low = verdictOf('on_track', 'x', fc(0.13), undefined, target, undefined);
    assert.equal(low.status, 'off_track');
    assert.equal(low.phrase, 'on pace, but 13% likely');
  });

  test('behind pace but likely is at risk, never off track', () => {
    const v = verdictOf(
      'off_track',
      'more than 15% behind the limit',
      fc(0.93),
      undefined,
      target,
      undefined,
    );
    assert.equal(v.status, 'at_risk');
    assert.equal(v.phrase, 'behind pace, but 93% likely');
    const off = verdictOf('off_track', 'x', fc(0.1), undefined, target, undefined);
    assert.deepEqual([off.status, off.phrase], ['off_track', 'off track, 10% likely']);
  });

  test('thresholds per KPI move the lines', () => {
    const strict = { on_track_probability: 0.8, off_track_probability: 0.4 };
    assert.equal(verdictOf('on_track', 'x', fc(0.7), undefined, target, strict).status, 'at_risk');
    assert.equal(verdictOf('on_track', 'x', fc(0.35), undefined, target, strict).status, 'off_track');
    assert.equal(verdictOf('on_track', 'x', fc(0.8), undefined, target, strict).status, 'on_track');
    assert.deepEqual(verdictOf('on_track', 'x', fc(0.8), undefined, target, strict).thresholds, {
      onTrack: 0.8,
      offTrack: 0.4,
    });
  });

  test('final states and missing targets are kept; without a forecast the pace decides and says why', () => {
    assert.equal(
      verdictOf('achieved', 'the total already reaches the target', fc(1), undefined, target, undefined)
        .phrase,
      'achieved',
    );
    assert.equal(verdictOf('missed', 'x', undefined, undefined, target, undefined).status, 'missed');
    assert.equal(
      verdictOf('no_target', 'no target set', undefined, undefined, undefined, undefined).status,
      'no_target',
    );
    const v = verdictOf(
      'on_track',
      'on or ahead of the path',
      undefined,
      'too little history (8 days)',
      target,
      undefined,
    );
    assert.equal(v.status, 'on_track');
    assert.equal(v.probability, null);
    assert.equal(v.phrase, 'on pace (too little history (8 days))');
    assert.equal(v.reason, 'on or ahead of the path; no forecast: too little history (8 days)');
  });

  test('a probability is never shown as certain', () => {
    assert.deepEqual([0.999, 0.001, 0.504].map(likelihoodText), ['over 99%', 'under 1%', '50%']);
    assert.deepEqual((['reach', 'cumulative', 'stay_above', 'stay_below'] as const).map(hitMeaning), [
      'deadline_period',
      'goal_period_total',
      'goal_period_value',
      'goal_period_value',
    ]);
  });
});
