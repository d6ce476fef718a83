import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zonedFormatter } from './zoned-timestamp.js';

const at = (h: number, m = 0): number => h * 3600 + m * 60;

test('Berlin: winter +01:00, summer +02:00, and both sides of each DST change', () => {
  const f = zonedFormatter('Europe/Berlin', ['2025-01-15', '2025-07-01', '2025-03-30', '2025-10-26']);
  assert.equal(f(0, at(9, 5) + 7), '2025-01-15T09:05:07+01:00');
  assert.equal(f(1, at(23, 59)), '2025-07-01T23:59:00+02:00');
  assert.equal(f(2, at(1, 30)), '2025-03-30T01:30:00+01:00');
  assert.equal(f(2, at(12)), '2025-03-30T12:00:00+02:00');
  assert.equal(f(3, at(1, 30)), '2025-10-26T01:30:00+02:00');
  assert.equal(f(3, at(12)), '2025-10-26T12:00:00+01:00');
});

test('other zones: negative and half-hour offsets, UTC', () => {
  assert.equal(zonedFormatter('America/New_York', ['2025-07-01'])(0, at(8)), '2025-07-01T08:00:00-04:00');
  assert.equal(zonedFormatter('America/New_York', ['2025-12-01'])(0, at(0)), '2025-12-01T00:00:00-05:00');
  assert.equal(zonedFormatter('Asia/Kolkata', ['2025-02-01'])(0, at(18, 45)), '2025-02-01T18:45:00+05:30');
  assert.equal(zonedFormatter('UTC', ['2024-02-29'])(0, 0), '2024-02-29T00:00:00+00:00');
});
