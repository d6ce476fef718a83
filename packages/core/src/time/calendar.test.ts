import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDays,
  dayNumber,
  fromDayNumber,
  isoWeek,
  nextPeriodStart,
  periodStart,
  weekdayIndex,
} from './calendar.js';

test('day numbers round-trip and agree with Date.UTC', () => {
  for (const d of ['1970-01-01', '2000-02-29', '2024-12-31', '2025-03-01', '1969-12-31', '2100-03-01']) {
    assert.equal(dayNumber(d), Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000);
    assert.equal(fromDayNumber(dayNumber(d)), d);
  }
  assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(addDays('2025-02-28', 1), '2025-03-01');
  assert.equal(addDays('2025-01-01', -1), '2024-12-31');
});

test('weekdays and week starts', () => {
  assert.equal(weekdayIndex('2025-01-01'), 2); // a Wednesday
  assert.equal(periodStart('2021-01-03', 'week'), '2020-12-28');
  assert.equal(periodStart('2021-01-03', 'week', 'sunday'), '2021-01-03');
  assert.equal(periodStart('2021-01-02', 'week', 'sunday'), '2020-12-27');
  assert.equal(periodStart('2025-08-17', 'quarter'), '2025-07-01');
  assert.equal(periodStart('2025-12-31', 'month'), '2025-12-01');
  assert.equal(nextPeriodStart('2025-11-01', 'quarter'), '2026-02-01');
  assert.equal(nextPeriodStart('2025-12-01', 'month'), '2026-01-01');
});

test('ISO weeks across year boundaries', () => {
  assert.deepEqual(isoWeek('2021-01-03'), { year: 2020, week: 53 });
  assert.deepEqual(isoWeek('2021-01-04'), { year: 2021, week: 1 });
  assert.deepEqual(isoWeek('2024-12-30'), { year: 2025, week: 1 });
  assert.deepEqual(isoWeek('2026-11-22'), { year: 2026, week: 47 });
});
