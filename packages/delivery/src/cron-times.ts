// Cron arithmetic in the project's time zone, through croner (DST-correct: 09:00 in
// Europe/Berlin is 08:00 UTC in winter and 07:00 UTC in summer). IO-free.
// Invariant: times are instants (Date); `dueTimes` lists the runs in (after, upTo],
// oldest first: at most `max` of them, and always the newest.

import { Cron } from 'croner';

const job = (pattern: string, timezone: string): Cron => new Cron(pattern, { timezone, paused: true });

/** The next run strictly after `after`. */
export const nextRunAfter = (pattern: string, timezone: string, after: Date): Date | null =>
  job(pattern, timezone).nextRun(after);

/**
 * The runs in (after, upTo], oldest first, walking forward from `after` (cheap when few
 * are due, the usual case); past `max` of them, the newest is added after the first `max`.
 */
export const dueTimes = (pattern: string, timezone: string, after: Date, upTo: Date, max = 50): Date[] => {
  if (upTo.getTime() <= after.getTime()) return [];
  const cron = job(pattern, timezone);
  const out: Date[] = [];
  let t = cron.nextRun(after);
  while (t && t.getTime() <= upTo.getTime() && out.length < max) {
    out.push(t);
    t = cron.nextRun(t);
  }
  if (t && t.getTime() <= upTo.getTime()) {
    const newest = cron.previousRuns(1, new Date(upTo.getTime() + 1000))[0];
    const last = out[out.length - 1];
    if (newest && newest.getTime() <= upTo.getTime() && (!last || newest.getTime() > last.getTime()))
      out.push(newest);
  }
  return out;
};
