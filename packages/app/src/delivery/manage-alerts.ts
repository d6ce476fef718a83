// Use-cases: the alerts and their last outcomes (`kpi alerts list`), a test message now
// (`kpi alerts test`, the "send test" button), snoozing, and the delivery log
// (`kpi deliveries`). IO. Invariants: a test message is sent at once to every channel of
// the alert, marked as a test in its words and its payload, logged as kind "test", and
// changes no alert state; a snooze is kept in the store, not the YAML.

import { NotFoundError, UsageError, ownGet, type AlertDef } from '@kpi/core';
import {
  ensureDeliveryTables,
  logDelivery,
  parseAlertState,
  readAlertState,
  readDeliveries,
  sendMessage,
  snoozeAlert as storeSnooze,
  type DeliveryRecord,
  type Secrets,
} from '@kpi/delivery';
import { systemClock, yesterdayIn } from '../dates.js';
import type { LoadedProject } from '../project-files.js';
import { withStore } from '../store.js';
import { evaluateScorecardOn } from '../use-cases/evaluate-scorecard.js';
import { alertMessage } from './alert-message.js';
import { alertFacts } from './alert-facts.js';
import { cadenceDays, observeAlert } from './alert-observations.js';
import { linkTo } from './run-schedule.js';

export interface AlertOutcome {
  readonly at: string;
  readonly detail: string | null;
  readonly channel: string | null;
}

export interface AlertListing {
  readonly name: string;
  readonly condition: AlertDef['when']['kind'];
  readonly kpi: string | null;
  readonly to: readonly string[];
  readonly check: string;
  readonly phase: 'armed' | 'firing';
  readonly since: string | null;
  readonly snoozedUntil: string | null;
  readonly lastFired: AlertOutcome | null;
  readonly lastNotFired: AlertOutcome | null;
  readonly lastFailed: AlertOutcome | null;
  readonly lastSent: AlertOutcome | null;
}

const alertDef = (lp: LoadedProject, name: string): AlertDef => {
  const def = ownGet(lp.project.alerts ?? {}, name);
  if (!def)
    throw new NotFoundError(
      'alert.not_found',
      `no alert named "${name}"`,
      `alerts: ${Object.keys(lp.project.alerts ?? {}).join(', ') || '(none: add an alerts: section to kpi.yaml)'}`,
    );
  return def;
};

const outcome = (
  log: readonly DeliveryRecord[],
  pick: (d: DeliveryRecord) => boolean,
): AlertOutcome | null => {
  const d = log.find(pick);
  return d ? { at: d.at, detail: d.detail, channel: d.channel } : null;
};

export const listAlerts = (lp: LoadedProject): Promise<AlertListing[]> =>
  withStore(lp, async (engine) => {
    await ensureDeliveryTables(engine);
    const out: AlertListing[] = [];
    for (const [name, def] of Object.entries(lp.project.alerts ?? {})) {
      const stored = await readAlertState(engine, name);
      const state = parseAlertState(stored.state);
      const log = await readDeliveries(engine, { name, kind: 'alert', limit: 500 });
      out.push({
        name,
        condition: def.when.kind,
        kpi: def.kpi ?? null,
        to: def.to,
        check: def.check,
        phase: state.phase,
        since: state.since,
        snoozedUntil: stored.snoozedUntil,
        lastFired: outcome(log, (d) => d.outcome === 'fired' || d.outcome === 'escalated'),
        lastNotFired: outcome(log, (d) => d.outcome === 'not_fired'),
        lastFailed: outcome(log, (d) => d.outcome === 'failed' || d.outcome === 'retrying'),
        lastSent: outcome(log, (d) => d.outcome === 'sent'),
      });
    }
    return out;
  });

export interface TestResult {
  readonly channel: string;
  readonly ok: boolean;
  readonly error?: string;
}

/** Sends the alert's message, as it would read now, to each of its channels, marked as a test. */
export const testAlert = (
  lp: LoadedProject,
  name: string,
  opts: { readonly secrets: Secrets; readonly baseUrl?: string },
): Promise<TestResult[]> => {
  const def = alertDef(lp, name);
  return withStore(lp, async (engine) => {
    await ensureDeliveryTables(engine);
    const clock = lp.clock ?? systemClock;
    const now = clock.now();
    const asOf = yesterdayIn(lp.project.settings.timezone, now);
    const reading =
      def.kpi === undefined
        ? undefined
        : (
            await evaluateScorecardOn(engine, lp.project, { asOf, kpis: [def.kpi], withoutSupporting: true })
          ).goals
            .flatMap((g) => g.kpis)
            .find((k) => k.kpi === def.kpi);
    const facts = await alertFacts(engine, lp, def, reading, now);
    const kpiDef = def.kpi === undefined ? undefined : ownGet(lp.project.kpis, def.kpi);
    const obs = observeAlert(def, facts, cadenceDays(kpiDef?.cadence));
    const link = linkTo(opts.baseUrl, def.kpi);
    const message = alertMessage({
      alert: name,
      def,
      event: { kind: 'fired', at: now.toISOString(), summary: obs.summary },
      ...(reading ? { reading } : {}),
      project: lp.project.settings.name,
      ...(link ? { link } : {}),
      test: true,
    });
    const results: TestResult[] = [];
    for (const channel of def.to) {
      const ch = ownGet(lp.project.channels ?? {}, channel);
      let error: string | undefined;
      try {
        if (!ch) throw new Error(`channel ${channel} is not defined`);
        await sendMessage(channel, ch, message, {
          secrets: opts.secrets,
          now,
          messageId: `msg_test|${name}|${now.toISOString()}|${channel}`,
        });
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      await logDelivery(engine, {
        at: clock.now().toISOString(),
        kind: 'test',
        name,
        channel,
        jobKey: null,
        outcome: error === undefined ? 'sent' : 'failed',
        attempt: 1,
        late: false,
        scheduledFor: null,
        detail: error ?? 'test message',
      });
      results.push(error === undefined ? { channel, ok: true } : { channel, ok: false, error });
    }
    return results;
  });
};

/** Snoozes an alert until `until` (ISO instant), or wakes it (null). */
export const snoozeAlert = (lp: LoadedProject, name: string, until: string | null): Promise<void> => {
  alertDef(lp, name);
  if (until !== null && Number.isNaN(Date.parse(until)))
    throw new UsageError(
      'alert.snooze_until',
      `"${until}" is not a date and time`,
      'write it like 2026-03-02T09:00:00Z',
    );
  return withStore(lp, async (engine) => {
    await ensureDeliveryTables(engine);
    await storeSnooze(
      engine,
      name,
      until === null ? null : new Date(until).toISOString(),
      (lp.clock ?? systemClock).now(),
    );
  });
};

/** The delivery log, newest first. */
export const listDeliveries = (
  lp: LoadedProject,
  opts: { readonly name?: string; readonly limit?: number } = {},
): Promise<DeliveryRecord[]> =>
  withStore(lp, async (engine) => {
    await ensureDeliveryTables(engine);
    return readDeliveries(engine, opts);
  });
