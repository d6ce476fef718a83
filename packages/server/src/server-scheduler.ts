// The scheduler inside `kpi serve`: a scheduler pass (runSchedule) on the served project
// every `intervalMs`, right away at start (so a run missed while the server was down goes
// out now, marked late), and stopped before the store closes. IO.
// Invariants: the pass reads the project as last loaded (edits and reloads included);
// a project without reports or alerts costs nothing; a failing pass is logged and the
// next one runs; the lease owner names this process.

import { randomUUID } from 'node:crypto';
import {
  runSchedule,
  stakeholderReportRenderer,
  startSchedulerLoop,
  type SchedulerLoop,
  type Secrets,
} from '@kpi/app';
import type { ServerState } from './server-state.js';

export interface SchedulerOptions {
  readonly secrets: Secrets;
  /** How often the scheduler looks for due work (default 30 s). */
  readonly intervalMs?: number;
  /** The address in links (default: the server's own URL). */
  readonly baseUrl?: string;
  /** Print the report PDF with chromium (default true). */
  readonly pdf?: boolean;
}

export const startServerScheduler = (
  state: ServerState,
  url: string,
  opts: SchedulerOptions,
): SchedulerLoop => {
  const owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const renderReport = stakeholderReportRenderer({ pdf: opts.pdf !== false });
  let first = true;
  return startSchedulerLoop({
    intervalMs: opts.intervalMs ?? 30_000,
    onError: (e) =>
      state.log.log('warn', 'schedule.failed', { message: e instanceof Error ? e.message : String(e) }),
    async tick() {
      state.refresh();
      const lp = state.project();
      const p = lp.project;
      const busy = Object.keys(p.reports ?? {}).length + Object.keys(p.alerts ?? {}).length > 0;
      if (!busy) {
        if (first) state.log.log('info', 'schedule.ready', { reports: 0, alerts: 0 });
        first = false;
        return;
      }
      const s = await runSchedule(lp, {
        secrets: opts.secrets,
        owner,
        renderReport,
        baseUrl: opts.baseUrl ?? url,
      });
      if (first || s.queued + s.sent + s.failed + s.retrying + s.events > 0)
        state.log.log('info', first ? 'schedule.ready' : 'schedule.ran', { ...s });
      first = false;
    },
  });
};
