// The report's period: named periods are the latest complete week / month / quarter on or
// before the as-of day (the project's week start), FROM..TO as written; bad input is a
// Result with a precise issue. Answers worked out on a calendar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportPeriod } from './report-period.js';

const ok = (spec: string, asOf: string, weekStart: 'monday' | 'sunday' = 'monday') => {
  const r = reportPeriod(spec, asOf, { weekStart, fiscalYearStart: 1 });
  assert.ok(r.ok, JSON.stringify(r));
  return r.value;
};

test('last-week: the latest complete week, and the one before it', () => {
  // Saturday 21 Nov 2026: the week of Mon 16 Nov is not over; last week is 9–15 Nov.
  assert.deepEqual(ok('last-week', '2026-11-21').range, { start: '2026-11-09', end: '2026-11-15' });
  assert.deepEqual(ok('last-week', '2026-11-21').previous, { start: '2026-11-02', end: '2026-11-08' });
  // On the Sunday that ends a week, that week is complete.
  assert.deepEqual(ok('last-week', '2026-11-22').range, { start: '2026-11-16', end: '2026-11-22' });
  // Weeks that start on Sunday: Sun 15 – Sat 21 Nov is complete on the 21st.
  assert.deepEqual(ok('last-week', '2026-11-21', 'sunday').range, { start: '2026-11-15', end: '2026-11-21' });
  assert.equal(ok('last-week', '2026-11-21').text, '9–15 Nov 2026');
});

test('last-month and last-quarter, across a year', () => {
  assert.deepEqual(ok('last-month', '2026-11-21').range, { start: '2026-10-01', end: '2026-10-31' });
  assert.deepEqual(ok('last-month', '2026-11-30').range, { start: '2026-11-01', end: '2026-11-30' });
  assert.deepEqual(ok('last-month', '2026-03-05').previous, { start: '2026-01-01', end: '2026-01-31' });
  assert.deepEqual(ok('last-quarter', '2026-02-10').range, { start: '2025-10-01', end: '2025-12-31' });
  assert.deepEqual(ok('last-quarter', '2026-02-10').previous, { start: '2025-07-01', end: '2025-09-30' });
  assert.equal(ok('last-quarter', '2026-02-10').text, '1 Oct – 31 Dec 2025');
});

test('FROM..TO: as written; the last report covers the same number of days before', () => {
  const p = ok('2026-02-20..2026-03-05', '2026-03-10');
  assert.deepEqual(p.range, { start: '2026-02-20', end: '2026-03-05' });
  // 14 days: 6 Feb – 19 Feb.
  assert.deepEqual(p.previous, { start: '2026-02-06', end: '2026-02-19' });
  assert.deepEqual(ok('2026-03-05..2026-03-05', '2026-03-05').previous, {
    start: '2026-03-04',
    end: '2026-03-04',
  });
});

test('bad periods: what is wrong and how to write it', () => {
  const bad = (spec: string, asOf = '2026-11-21') => {
    const r = reportPeriod(spec, asOf);
    assert.ok(!r.ok);
    return r.issues;
  };
  const [a] = bad('last-fortnight');
  assert.equal(a?.code, 'report.bad_period');
  assert.deepEqual(a?.path, ['period']);
  assert.match(a?.hint ?? '', /last-week, last-month, last-quarter or FROM\.\.TO/);
  assert.deepEqual(
    bad('2026-02-30..2026-13-01').map((i) => i.message),
    [
      '"2026-02-30" in period "2026-02-30..2026-13-01" is not a calendar date',
      '"2026-13-01" in period "2026-02-30..2026-13-01" is not a calendar date',
    ],
  );
  assert.match(bad('2026-11-10..2026-11-01')[0]?.message ?? '', /ends before it starts/);
  assert.match(bad('2026-11-01..2026-11-22')[0]?.message ?? '', /ends after the as-of day 2026-11-21/);
  assert.equal(bad('__proto__')[0]?.code, 'report.bad_period');
});
