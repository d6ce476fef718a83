// The clock and today's date in a time zone, as YYYY-MM-DD. IO (reads the clock).
// Invariant: every default "today"/"yesterday" of a use-case goes through the project's
// clock (`LoadedProject.clock`), so a server or a test can fix the date in one place.
import { addDays } from '@kpi/core';

/** Where "now" comes from; the system clock unless a server or a test fixes it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant (tests, demos, replays). */
export const fixedClock = (at: Date | string): Clock => {
  const t = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(t.getTime())) throw new RangeError(`not a valid instant: ${String(at)}`);
  return { now: () => new Date(t.getTime()) };
};

// Intl formatters are costly to build: one per time zone, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
const dayFormatter = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
};

export const todayIn = (timeZone: string, now: Date = new Date()): string =>
  dayFormatter(timeZone).format(now);

export const yesterdayIn = (timeZone: string, now: Date = new Date()): string =>
  addDays(todayIn(timeZone, now), -1);

interface Dated {
  readonly project: { readonly settings: { readonly timezone: string } };
  readonly clock?: Clock;
}

/** Today in the project's time zone, by the project's clock. */
export const todayOf = (lp: Dated): string =>
  todayIn(lp.project.settings.timezone, (lp.clock ?? systemClock).now());

/** Yesterday (the last complete day) in the project's time zone, by the project's clock. */
export const yesterdayOf = (lp: Dated): string => addDays(todayOf(lp), -1);
