// Cron arithmetic in the project's time zone, through croner (DST-correct: 09:00 in
// Europe/Berlin is 08:00 UTC in winter and 07:00 UTC in summer). IO-free.
// Invariant: times are instants (Date); `dueTimes` lists the runs in (after, upTo],
// oldest first, at most `max` of them (the newest ones).

import { Cron } from 'croner';

const job = (pattern: string, timezone: string): Cron => new Cron(pattern, { timezone, paused: true });

/** The next run strictly after `after`. */
export const nextRunAfter = (pattern: string, timezone: string, after: Date): Date | null =>
  job(pattern, timezone).nextRun(after);

/** The runs in (after, upTo], oldest first; only the newest `max` when there are more. */
export const dueTimes = (pattern: string, timezone: string, after: Date, upTo: Date, max = 50): Date[] => {
  if (upTo.getTime() <= after.getTime()) return [];
  const newest = job(pattern, timezone).previousRuns(max, new Date(upTo.getTime() + 1000));
  return newest.filter((d) => d.getTime() > after.getTime() && d.getTime() <= upTo.getTime()).reverse();
};
