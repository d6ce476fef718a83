// Periods, fiscal years, partial periods and comparison windows, against hand-worked dates.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addMonths,
  addYears,
  cadenceGrain,
  calendarOf,
  daysIn,
  fiscalYearOf,
  intersect,
  lastPeriods,
  periodOf,
  periodToDate,
  previousPeriodOf,
  type CalendarSettings,
} from './period-range.js';
import { comparisonWindows, samePeriodLastYear } from './comparison-window.js';
import { formatDay, formatRange, periodLabel } from './date-label.js';

const iso: CalendarSettings = { weekStart: 'monday', fiscalYearStart: 1 };
const sunday: CalendarSettings = { weekStart: 'sunday', fiscalYearStart: 1 };
const april: CalendarSettings = { weekStart: 'monday', fiscalYearStart: 4 };
const october: CalendarSettings = { weekStart: 'monday', fiscalYearStart: 10 };

describe('periods', () => {
  test('weeks across a year boundary, ISO and Sunday starts', () => {
    // 2025-01-01 is a Wednesday.
    assert.deepEqual(periodOf('2025-01-01', 'week', iso), { start: '2024-12-30', end: '2025-01-05' });
    assert.deepEqual(periodOf('2025-01-01', 'week', sunday), { start: '2024-12-29', end: '2025-01-04' });
    assert.deepEqual(periodOf('2025-01-05', 'week', sunday), { start: '2025-01-05', end: '2025-01-11' });
  });

  test('months, quarters and years, leap February included', () => {
    assert.deepEqual(periodOf('2024-02-10', 'month'), { start: '2024-02-01', end: '2024-02-29' });
    assert.deepEqual(periodOf('2025-02-10', 'month'), { start: '2025-02-01', end: '2025-02-28' });
    assert.deepEqual(periodOf('2025-12-31', 'quarter'), { start: '2025-10-01', end: '2025-12-31' });
    assert.deepEqual(periodOf('2025-12-31', 'year'), { start: '2025-01-01', end: '2025-12-31' });
    assert.deepEqual(periodOf('2026-01-01', 'day'), { start: '2026-01-01', end: '2026-01-01' });
  });

  test('previous periods cross year boundaries', () => {
    assert.deepEqual(previousPeriodOf('2026-01-15', 'month'), { start: '2025-12-01', end: '2025-12-31' });
    assert.deepEqual(previousPeriodOf('2026-02-01', 'quarter'), { start: '2025-10-01', end: '2025-12-31' });
    assert.deepEqual(previousPeriodOf('2026-01-02', 'week'), { start: '2025-12-22', end: '2025-12-28' });
  });

  test('fiscal years with a configurable first month', () => {
    // Fiscal year starting in April: FY2026 runs 2025-04-01 .. 2026-03-31.
    assert.deepEqual(fiscalYearOf('2026-03-31', april), {
      year: 2026,
      range: { start: '2025-04-01', end: '2026-03-31' },
    });
    assert.deepEqual(fiscalYearOf('2026-04-01', april).range, { start: '2026-04-01', end: '2027-03-31' });
    // Fiscal quarters follow the fiscal year: Q1 of an April year is Apr-Jun.
    assert.deepEqual(periodOf('2026-05-20', 'fiscal_quarter', april), {
      start: '2026-04-01',
      end: '2026-06-30',
    });
    assert.deepEqual(periodOf('2026-02-20', 'fiscal_quarter', april), {
      start: '2026-01-01',
      end: '2026-03-31',
    });
    // October fiscal year (US federal): FY2026 = 2025-10-01 .. 2026-09-30.
    assert.deepEqual(periodOf('2025-11-11', 'fiscal_year', october), {
      start: '2025-10-01',
      end: '2026-09-30',
    });
    assert.deepEqual(periodOf('2025-11-11', 'fiscal_quarter', october), {
      start: '2025-10-01',
      end: '2025-12-31',
    });
    // A January fiscal year is the calendar year.
    assert.deepEqual(periodOf('2025-07-04', 'fiscal_year', iso), periodOf('2025-07-04', 'year', iso));
    assert.equal(periodLabel('2025-10-01', 'fiscal_year', october), 'FY2026');
    assert.equal(periodLabel('2026-01-01', 'fiscal_quarter', october), 'FY2026 Q2');
    assert.equal(periodLabel('2026-04-01', 'fiscal_quarter', april), 'FY2027 Q1');
  });

  test('period to date says how much of the period has passed', () => {
    assert.deepEqual(periodToDate('2026-11-18', 'week', iso), {
      grain: 'week',
      period: { start: '2026-11-16', end: '2026-11-22' },
      range: { start: '2026-11-16', end: '2026-11-18' },
      elapsedDays: 3,
      totalDays: 7,
      partial: true,
    });
    const whole = periodToDate('2026-11-22', 'week', iso);
    assert.equal(whole.partial, false);
    assert.equal(whole.elapsedDays, 7);
    assert.equal(periodToDate('2024-02-29', 'month').partial, false);
  });

  test('last N periods, oldest first, the current one cut at as-of', () => {
    assert.deepEqual(lastPeriods('2026-01-14', 'month', 3), [
      { start: '2025-11-01', end: '2025-11-30' },
      { start: '2025-12-01', end: '2025-12-31' },
      { start: '2026-01-01', end: '2026-01-14' },
    ]);
  });

  test('month arithmetic clamps to the month end', () => {
    assert.equal(addMonths('2024-03-31', -1), '2024-02-29');
    assert.equal(addMonths('2025-01-31', 1), '2025-02-28');
    assert.equal(addMonths('2025-11-15', 3), '2026-02-15');
    assert.equal(addYears('2024-02-29', -1), '2023-02-28');
    assert.equal(daysIn({ start: '2024-02-01', end: '2024-03-01' }), 30);
    assert.deepEqual(
      intersect({ start: '2025-01-01', end: '2025-01-31' }, { start: '2025-01-20', end: '2025-02-10' }),
      {
        start: '2025-01-20',
        end: '2025-01-31',
      },
    );
    assert.equal(
      intersect({ start: '2025-01-01', end: '2025-01-02' }, { start: '2025-01-03', end: '2025-01-04' }),
      undefined,
    );
  });

  test('cadence grains and project calendars', () => {
    assert.equal(cadenceGrain('weekly'), 'week');
    assert.equal(cadenceGrain('monthly'), 'month');
    assert.equal(cadenceGrain('quarterly'), 'quarter');
    assert.equal(cadenceGrain(undefined), 'week');
    assert.equal(cadenceGrain('quarterly', april), 'fiscal_quarter');
    assert.equal(cadenceGrain('monthly', april), 'month');
    assert.equal(cadenceGrain('yearly'), 'year');
    assert.equal(cadenceGrain('yearly', april), 'fiscal_year');
    assert.deepEqual(calendarOf({ week_start: 'sunday', fiscal_year_start: 7 }), {
      weekStart: 'sunday',
      fiscalYearStart: 7,
    });
  });
});

describe('comparison windows', () => {
  test('a partial week is compared with the same days of last week and of 52 weeks ago', () => {
    const w = comparisonWindows('2026-11-18', 'week', iso); // Wednesday
    assert.deepEqual(w.current.range, { start: '2026-11-16', end: '2026-11-18' });
    assert.deepEqual(w.previous, {
      kind: 'previous_period',
      range: { start: '2026-11-09', end: '2026-11-11' },
      period: { start: '2026-11-09', end: '2026-11-15' },
      aligned: true,
      days: 3,
    });
    assert.deepEqual(w.lastYear.range, { start: '2025-11-17', end: '2025-11-19' });
    assert.equal(w.lastYear.aligned, true);
  });

  test('a whole period is compared with whole periods', () => {
    const w = comparisonWindows('2026-10-11', 'week', iso); // Sunday, end of the week
    assert.equal(w.current.partial, false);
    assert.deepEqual(w.previous.range, { start: '2026-09-28', end: '2026-10-04' });
    assert.equal(w.previous.aligned, false);
  });

  test('months across a year boundary and a short previous month', () => {
    const jan = comparisonWindows('2026-01-10', 'month', iso);
    assert.deepEqual(jan.previous.range, { start: '2025-12-01', end: '2025-12-10' });
    assert.deepEqual(jan.lastYear.range, { start: '2025-01-01', end: '2025-01-10' });
    // 30 days of March against February, which has only 28: the whole of February, 28 days.
    const mar = comparisonWindows('2025-03-30', 'month', iso);
    assert.deepEqual(mar.previous.range, { start: '2025-02-01', end: '2025-02-28' });
    assert.equal(mar.previous.days, 28);
    assert.equal(mar.current.elapsedDays, 30);
    // A whole month is compared with the whole month: Feb 2025 (28 days) with leap Feb 2024 (29).
    const feb = comparisonWindows('2025-02-28', 'month', iso);
    assert.deepEqual(feb.lastYear.range, { start: '2024-02-01', end: '2024-02-29' });
    assert.equal(feb.lastYear.days, 29);
    assert.equal(feb.lastYear.aligned, false);
  });

  test('same period last year for quarters and fiscal quarters', () => {
    assert.deepEqual(samePeriodLastYear({ start: '2026-01-01', end: '2026-03-31' }, 'quarter'), {
      start: '2025-01-01',
      end: '2025-03-31',
    });
    assert.deepEqual(
      samePeriodLastYear({ start: '2026-04-01', end: '2026-06-30' }, 'fiscal_quarter', april),
      {
        start: '2025-04-01',
        end: '2025-06-30',
      },
    );
    const q = comparisonWindows('2026-02-15', 'fiscal_quarter', october); // FY Q2: Jan-Mar
    assert.deepEqual(q.current.range, { start: '2026-01-01', end: '2026-02-15' });
    assert.deepEqual(q.previous.range, { start: '2025-10-01', end: '2025-11-15' });
  });
});

describe('date labels', () => {
  test('days, ranges and periods', () => {
    assert.equal(formatDay('2026-03-31', '2026'), '31 Mar');
    assert.equal(formatDay('2026-03-31'), '31 Mar 2026');
    assert.equal(formatRange({ start: '2026-10-05', end: '2026-10-11' }), '5–11 Oct 2026');
    assert.equal(formatRange({ start: '2026-09-28', end: '2026-10-04' }), '28 Sep – 4 Oct 2026');
    assert.equal(formatRange({ start: '2025-12-29', end: '2026-01-04' }), '29 Dec 2025 – 4 Jan 2026');
    assert.equal(periodLabel('2025-12-29', 'week', iso), 'W1 2026');
    assert.equal(periodLabel('2026-10-01', 'quarter'), 'Q4 2026');
    assert.equal(periodLabel('2026-10-01', 'month'), 'Oct 2026');
  });
});
