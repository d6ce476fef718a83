// Use-case: one scheduler pass (`kpi schedule run-once`, each tick of `kpi serve`): queue
// the report runs that fell due, check the alerts whose check time came, then deliver
// every due job. IO. Invariants: what is due is decided by the project's clock and the
// stored cursors, never by a timer; a run is queued under its idempotent key in the same
// transaction that moves its cursor, so a restart or a second scheduler never queues it
// twice; when several runs of one report were missed, the newest is sent (marked late)
// and the older ones are logged as skipped; one scorecard evaluation serves every alert.

import { ownGet, type AlertDef, type Project } from '@kpi/core';
import type { Engine } from '@kpi/engines';
import {
  deliverDueJobs,
  dueTimes,
  enqueueJob,
  ensureDeliveryTables,
  logDelivery,
  parseAlertState,
  readAlertStates,
  readCursors,
  readCursor,
  simpleHtml,
  stepAlert,
  writeAlertState,
  writeCursor,
  type AlertStep,
  type DeliveryMessage,
  type StoredAlertState,
  type DeliverySummary,
  type Job,
  type Secrets,
} from '@kpi/delivery';
import type { KpiReading } from '@kpi/scorecard';
import { ensureAccessTables } from '../access/access-tables.js';
import { systemClock, yesterdayIn, type Clock } from '../dates.js';
import { evaluateScorecardOn } from '../use-cases/evaluate-scorecard.js';
import type { LoadedProject } from '../project-files.js';
import { withStore } from '../store.js';
import { alertMessage } from './alert-message.js';
import { alertFacts } from './alert-facts.js';
import { cadenceDays, observeAlert } from './alert-observations.js';
import type { ReportRenderer } from './report-renderer.js';

export interface ScheduleOptions {
  readonly secrets: Secrets;
  readonly renderReport: ReportRenderer;
  /** Who holds the leases (process id and a random part). */
  readonly owner: string;
  /** The web app's address, for links in messages. */
  readonly baseUrl?: string;
  readonly leaseMs?: number;
  readonly timeoutMs?: number;
}

export interface ScheduleSummary extends DeliverySummary {
  readonly queued: number;
  readonly alertsChecked: number;
  readonly events: number;
}

const clockOf = (lp: LoadedProject): Clock => lp.clock ?? systemClock;

/** The link of a KPI (or the scorecard) in the web app. */
export const linkTo = (baseUrl: string | undefined, kpi?: string): string | undefined =>
  baseUrl === undefined
    ? undefined
    : `${baseUrl.replace(/\/+$/, '')}${kpi ? `/kpis/${encodeURIComponent(kpi)}` : '/'}`;

/** The runs of `cron` due since the cursor `name` (first sight: none; the cursor starts now). */
const dueSince = async (
  engine: Engine,
  name: string,
  cron: string,
  tz: string,
  now: Date,
): Promise<Date[]> => {
  const through = await readCursor(engine, name);
  if (through === null) {
    await writeCursor(engine, name, now.toISOString());
    return [];
  }
  return dueTimes(cron, tz, new Date(through), now);
};

const queueReports = async (engine: Engine, p: Project, now: Date): Promise<number> => {
  let queued = 0;
  for (const [name, r] of Object.entries(p.reports ?? {})) {
    const due = await dueSince(engine, `report:${name}`, r.schedule, p.settings.timezone, now);
    if (due.length === 0) continue;
    const newest = due[due.length - 1] as Date;
    await engine.transaction(async () => {
      for (const old of due.slice(0, -1))
        await logDelivery(engine, {
          at: now.toISOString(),
          kind: 'report',
          name,
          channel: null,
          jobKey: null,
          outcome: 'skipped',
          attempt: null,
          late: true,
          scheduledFor: old.toISOString(),
          detail: `missed while kpi was not running; the run of ${newest.toISOString()} is sent instead`,
        });
      for (const channel of r.to)
        if (
          await enqueueJob(
            engine,
            {
              kind: 'report',
              name,
              channel,
              scheduledFor: newest.toISOString(),
              payload: JSON.stringify({ report: name }),
            },
            now,
          )
        )
          queued += 1;
      await writeCursor(engine, `report:${name}`, now.toISOString());
    });
  }
  return queued;
};

interface AlertOutcomeStep {
  readonly name: string;
  readonly def: AlertDef;
  readonly reading: KpiReading | undefined;
  readonly step: AlertStep;
}

/** Steps one alert at `at` from its stored state (reads only the facts its condition needs). */
const stepOne = async (
  engine: Engine,
  lp: LoadedProject,
  name: string,
  def: AlertDef,
  reading: KpiReading | undefined,
  at: Date,
  stored: StoredAlertState | undefined,
): Promise<AlertOutcomeStep> => {
  const facts = await alertFacts(engine, lp, def, reading, at);
  const kpiDef = def.kpi === undefined ? undefined : ownGet(lp.project.kpis, def.kpi);
  const obs = observeAlert(def, facts, cadenceDays(kpiDef?.cadence));
  const step = stepAlert(parseAlertState(stored?.state), obs, {
    ...(def.min_volume === undefined ? {} : { minVolume: def.min_volume }),
    snoozedUntil: stored?.snoozedUntil ?? null,
  });
  return { name, def, reading, step };
};

/** Writes the new states, logs the events and queues the messages: one transaction for the pass. */
const recordSteps = async (
  engine: Engine,
  lp: LoadedProject,
  steps: readonly AlertOutcomeStep[],
  now: Date,
  baseUrl: string | undefined,
): Promise<number> => {
  let queued = 0;
  await engine.transaction(async () => {
    for (const { name, def, reading, step } of steps) {
      await writeAlertState(engine, name, JSON.stringify(step.state), now);
      for (const e of step.events) {
        const notify =
          e.kind !== 'not_fired' &&
          (e.kind !== 'resolved' || def.when.kind !== 'verdict' || def.when.to.includes('back_on_track'));
        await logDelivery(engine, {
          at: now.toISOString(),
          kind: 'alert',
          name,
          channel: null,
          jobKey: null,
          outcome: e.kind,
          attempt: null,
          late: false,
          scheduledFor: e.at,
          detail: e.reason ? `${e.summary} — not fired: ${e.reason}` : e.summary,
        });
        if (!notify) continue;
        const link = linkTo(baseUrl, def.kpi);
        const message = alertMessage({
          alert: name,
          def,
          event: e,
          ...(reading ? { reading } : {}),
          project: lp.project.settings.name,
          ...(link ? { link } : {}),
        });
        for (const channel of def.to)
          if (
            await enqueueJob(
              engine,
              {
                kind: 'alert',
                name,
                channel,
                variant: e.kind,
                scheduledFor: e.at,
                payload: JSON.stringify(message),
              },
              now,
            )
          )
            queued += 1;
      }
      await writeCursor(engine, `alert:${name}`, now.toISOString());
    }
  });
  return queued;
};

const checkAlerts = async (
  engine: Engine,
  lp: LoadedProject,
  now: Date,
  baseUrl: string | undefined,
  readings: (kpis: readonly string[]) => Promise<ReadonlyMap<string, KpiReading>>,
): Promise<{ checked: number; events: number; queued: number }> => {
  const p = lp.project;
  const cursors = await readCursors(engine);
  const due: [string, AlertDef, Date][] = [];
  const fresh: string[] = [];
  for (const [name, a] of Object.entries(p.alerts ?? {})) {
    const through = cursors.get(`alert:${name}`);
    if (through === undefined) {
      fresh.push(name);
      continue;
    }
    const last = dueTimes(a.check, p.settings.timezone, new Date(through), now).at(-1);
    if (last) due.push([name, a, last]);
  }
  // First sight of an alert: its clock starts now.
  if (fresh.length)
    await engine.transaction(async () => {
      for (const name of fresh) await writeCursor(engine, `alert:${name}`, now.toISOString());
    });
  if (due.length === 0) return { checked: 0, events: 0, queued: 0 };
  const kpis = [...new Set(due.map(([, a]) => a.kpi).filter((k): k is string => k !== undefined))];
  const byKpi = kpis.length ? await readings(kpis) : new Map<string, KpiReading>();
  const states = await readAlertStates(engine);
  const steps: AlertOutcomeStep[] = [];
  for (const [name, a, at] of due)
    steps.push(
      await stepOne(
        engine,
        lp,
        name,
        a,
        a.kpi === undefined ? undefined : byKpi.get(a.kpi),
        at,
        states.get(name),
      ),
    );
  const queued = await recordSteps(engine, lp, steps, now, baseUrl);
  return { checked: due.length, events: steps.reduce((n, s) => n + s.step.events.length, 0), queued };
};

/** Builds the message of a job at send time: an alert's was built when it fired; a report is rendered now. */
export const jobMessage =
  (lp: LoadedProject, engine: Engine, opts: Pick<ScheduleOptions, 'renderReport' | 'baseUrl'>) =>
  async (job: Job, ctx: { late: boolean; now: Date }): Promise<DeliveryMessage> => {
    if (job.kind !== 'report') return JSON.parse(job.payload) as DeliveryMessage;
    const def = ownGet(lp.project.reports ?? {}, job.name);
    if (!def) throw new Error(`report ${job.name} is no longer defined under reports:`);
    const r = await opts.renderReport({
      lp,
      engine,
      name: job.name,
      def,
      scheduledFor: job.scheduledFor,
      now: ctx.now,
    });
    const lateNote = ctx.late
      ? `Sent late: this report was due at ${job.scheduledFor} and kpi was not running then.`
      : '';
    const link = linkTo(opts.baseUrl);
    const base = {
      type: 'kpi.report',
      subject: `${ctx.late ? '(late) ' : ''}${r.title}`,
      text: [r.summary, lateNote].filter(Boolean).join('\n\n'),
      facts: { verdict: r.summary.split('\n')[0] ?? '' },
      ...(link ? { link } : {}),
      data: { report: job.name, scheduledFor: job.scheduledFor, late: ctx.late, ...r.data },
      ...(r.pdf
        ? {
            attachments: [
              {
                filename: `${job.name}-${job.scheduledFor.slice(0, 10)}.pdf`,
                contentType: 'application/pdf',
                content: r.pdf,
              },
            ],
          }
        : {}),
    };
    const html = lateNote
      ? r.html.replace(/<body([^>]*)>/, `<body$1><p><strong>${lateNote}</strong></p>`)
      : r.html;
    return { ...base, html: html || simpleHtml(base) };
  };

/** The readings of some KPIs as of the last complete day, in one scorecard evaluation. */
const readingsOn =
  (engine: Engine, lp: LoadedProject, asOf: string) =>
  async (kpis: readonly string[]): Promise<ReadonlyMap<string, KpiReading>> => {
    const sc = await evaluateScorecardOn(engine, lp.project, { asOf, kpis, withoutSupporting: true });
    return new Map(sc.goals.flatMap((g) => g.kpis.map((k) => [k.kpi, k] as const)));
  };

/** One pass of the scheduler on the project's store. */
export const runSchedule = (lp: LoadedProject, opts: ScheduleOptions): Promise<ScheduleSummary> =>
  withStore(lp, async (engine) => {
    await ensureAccessTables(engine);
    await ensureDeliveryTables(engine);
    const clock = clockOf(lp);
    const now = clock.now();
    const queued = await queueReports(engine, lp.project, now);
    const alerts = await checkAlerts(
      engine,
      lp,
      now,
      opts.baseUrl,
      readingsOn(engine, lp, yesterdayIn(lp.project.settings.timezone, now)),
    );
    const delivered = await deliverDueJobs(engine, {
      owner: opts.owner,
      clock,
      channels: lp.project.channels ?? {},
      secrets: opts.secrets,
      build: jobMessage(lp, engine, opts),
      ...(opts.leaseMs === undefined ? {} : { leaseMs: opts.leaseMs }),
      ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
    });
    return {
      ...delivered,
      queued: queued + alerts.queued,
      alertsChecked: alerts.checked,
      events: alerts.events,
    };
  });
