// The period a report covers, from `--period last-week | last-month | last-quarter |
// FROM..TO` and the as-of day (the last complete day). Pure. Invariants: a named period is
// the latest complete calendar week / month / quarter that ends on or before the as-of day
// (the week per the project's week start); FROM..TO is taken as written and must end on or
// before the as-of day; `previous` is the period of the last report (the named period
// before, or the same number of days just before FROM).

import {
  addDays,
  daysIn,
  formatRange,
  isIsoDate,
  periodOf,
  type CalendarSettings,
  type DateRange,
  type Issue,
  type Result,
} from '@kpi/core';

export const NAMED_PERIODS = ['last-week', 'last-month', 'last-quarter'] as const;
export type NamedPeriod = (typeof NAMED_PERIODS)[number];

export interface ReportPeriod {
  /** As asked: "last-week", or "2026-11-01..2026-11-15". */
  readonly spec: string;
  readonly range: DateRange;
  /** "16–22 Nov 2026". */
  readonly text: string;
  /** The period of the last report, to say what changed since it. */
  readonly previous: DateRange;
}

const GRAIN = { 'last-week': 'week', 'last-month': 'month', 'last-quarter': 'quarter' } as const;

const issue = (message: string, hint: string): Issue => ({
  code: 'report.bad_period',
  severity: 'error',
  message,
  path: ['period'],
  hint,
});

const HINT = 'use last-week, last-month, last-quarter or FROM..TO, e.g. 2026-11-01..2026-11-30';

/** The latest complete period of `grain` ending on or before `asOf`. */
const lastComplete = (
  asOf: string,
  grain: 'week' | 'month' | 'quarter',
  cal?: CalendarSettings,
): DateRange => {
  const p = periodOf(asOf, grain, cal);
  return p.end === asOf ? p : periodOf(addDays(p.start, -1), grain, cal);
};

export const reportPeriod = (spec: string, asOf: string, cal?: CalendarSettings): Result<ReportPeriod> => {
  const named = (NAMED_PERIODS as readonly string[]).includes(spec) ? (spec as NamedPeriod) : undefined;
  if (named) {
    const grain = GRAIN[named];
    const range = lastComplete(asOf, grain, cal);
    const previous = periodOf(addDays(range.start, -1), grain, cal);
    return { ok: true, value: { spec, range, text: formatRange(range), previous } };
  }
  const m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(spec);
  if (!m) return { ok: false, issues: [issue(`period "${spec}" is not a period`, HINT)] };
  const [, start = '', end = ''] = m;
  const bad = [start, end].filter((d) => !isIsoDate(d));
  if (bad.length > 0)
    return {
      ok: false,
      issues: bad.map((d) => issue(`"${d}" in period "${spec}" is not a calendar date`, HINT)),
    };
  if (end < start)
    return {
      ok: false,
      issues: [issue(`period "${spec}" ends before it starts`, 'write the earlier date first')],
    };
  if (end > asOf)
    return {
      ok: false,
      issues: [
        issue(
          `period "${spec}" ends after the as-of day ${asOf}`,
          `end the period on or before ${asOf}, or pass a later --as-of`,
        ),
      ],
    };
  const range = { start, end };
  const n = daysIn(range);
  const previous = { start: addDays(start, -n), end: addDays(start, -1) };
  return { ok: true, value: { spec, range, text: formatRange(range), previous } };
};
