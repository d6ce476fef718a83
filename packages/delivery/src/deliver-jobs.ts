// One delivery pass: claim the due jobs, build each message, send it over its channel,
// record the outcome in the jobs table and the delivery log. IO.
// Invariants: a job is marked sent only after its channel accepted the message; a job
// whose sender was killed is claimed again only after its lease expires, and keeps its
// key (the webhook-id and Message-ID), so a receiver can always tell a repeat; a failed
// attempt is retried after a wait, at most `maxAttempts` times, each attempt logged;
// a delivery sent more than `lateAfterMs` after its scheduled time is marked late.

import { ownGet, type ChannelDef } from '@kpi/core';
import type { Engine } from '@kpi/engines';
import type { DeliveryMessage } from './delivery-message.js';
import { sendMessage } from './channels/send-message.js';
import { claimJobs, completeJob, failJob, logDelivery, type Job } from './job-store.js';
import type { Secrets } from './secrets.js';

/** Where "now" comes from (the same shape as @kpi/app's Clock). */
export interface Clock {
  now(): Date;
}

export interface BuildContext {
  readonly late: boolean;
  readonly now: Date;
}

export interface DeliverOptions {
  readonly owner: string;
  readonly clock: Clock;
  readonly channels: Readonly<Record<string, ChannelDef>>;
  readonly secrets: Secrets;
  /** Builds the message of a job (a report is rendered here, at send time). */
  readonly build: (job: Job, ctx: BuildContext) => Promise<DeliveryMessage>;
  readonly leaseMs?: number;
  readonly maxAttempts?: number;
  readonly lateAfterMs?: number;
  readonly timeoutMs?: number;
}

export interface DeliverySummary {
  readonly sent: number;
  readonly failed: number;
  readonly retrying: number;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;
export const DEFAULT_LATE_AFTER_MS = 10 * 60_000;

const deliverOne = async (
  engine: Engine,
  job: Job,
  opts: DeliverOptions,
): Promise<'sent' | 'failed' | 'retrying'> => {
  const now = opts.clock.now();
  const late =
    now.getTime() - new Date(job.scheduledFor).getTime() > (opts.lateAfterMs ?? DEFAULT_LATE_AFTER_MS);
  const base = {
    kind: job.kind,
    name: job.name,
    channel: job.channel,
    jobKey: job.key,
    attempt: job.attempts,
    late,
    scheduledFor: job.scheduledFor,
  };
  try {
    const def = ownGet(opts.channels, job.channel);
    if (!def) throw new Error(`channel ${job.channel} is no longer defined under channels:`);
    const message = await opts.build(job, { late, now });
    await sendMessage(job.channel, def, message, {
      secrets: opts.secrets,
      now,
      messageId: `msg_${job.key}`,
      ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
    });
    const done = opts.clock.now();
    const kept = await completeJob(engine, job, done);
    await logDelivery(engine, {
      ...base,
      at: done.toISOString(),
      outcome: 'sent',
      detail: kept
        ? late
          ? `sent late (scheduled ${job.scheduledFor})`
          : null
        : 'sent, but the lease had passed to another process',
    });
    return 'sent';
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = opts.clock.now();
    const result = await failJob(engine, job, at, message, opts.maxAttempts ?? 3);
    await logDelivery(engine, {
      ...base,
      at: at.toISOString(),
      outcome: result === 'failed' ? 'failed' : 'retrying',
      detail: message,
    });
    return result === 'failed' ? 'failed' : 'retrying';
  }
};

/** Delivers every due job (claimed in batches) and says how it went. */
export const deliverDueJobs = async (engine: Engine, opts: DeliverOptions): Promise<DeliverySummary> => {
  const counts = { sent: 0, failed: 0, retrying: 0 };
  for (let round = 0; round < 50; round++) {
    const jobs = await claimJobs(engine, {
      owner: opts.owner,
      now: opts.clock.now(),
      leaseMs: opts.leaseMs ?? DEFAULT_LEASE_MS,
      limit: 20,
    });
    if (jobs.length === 0) break;
    for (const job of jobs) counts[await deliverOne(engine, job, opts)] += 1;
  }
  return counts;
};
