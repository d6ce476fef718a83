// Routes: the alerts with their last outcomes, a test message now, snoozing, and the
// delivery log (editors and admins). IO. Invariant: a test message needs the channels'
// secrets, which only a server running the scheduler holds (else 409 with what to do).

import { z } from 'zod';
import { listAlerts, listDeliveries, snoozeAlert, testAlert } from '@kpi/app';
import { nameSchema } from '@kpi/core';
import { HttpError } from '../http/http-error.js';
import type { RouteDef } from '../http/route-types.js';
import { EDIT, param, route } from './route-helpers.js';
import { nameParams } from './api-schemas.js';

const outcome = z
  .object({ at: z.string(), detail: z.string().nullable(), channel: z.string().nullable() })
  .nullable();

const alertOut = z
  .object({
    name: z.string(),
    condition: z.enum(['verdict', 'probability_below', 'anomaly', 'guard', 'review_overdue', 'stale_import']),
    kpi: z.string().nullable(),
    to: z.array(z.string()),
    check: z.string().describe('The cron pattern of the checks.'),
    phase: z.enum(['armed', 'firing']),
    since: z.string().nullable(),
    snoozedUntil: z.string().nullable(),
    lastFired: outcome,
    lastNotFired: outcome,
    lastFailed: outcome,
    lastSent: outcome,
  })
  .describe('An alert of kpi.yaml with its state and its last outcomes.');

const deliveryOut = z
  .object({
    id: z.number(),
    at: z.string(),
    kind: z.enum(['report', 'alert', 'test']),
    name: z.string(),
    channel: z.string().nullable(),
    jobKey: z.string().nullable(),
    outcome: z.enum(['sent', 'failed', 'retrying', 'fired', 'escalated', 'resolved', 'not_fired', 'skipped']),
    attempt: z.number().nullable(),
    late: z.boolean(),
    scheduledFor: z.string().nullable(),
    detail: z.string().nullable(),
  })
  .describe('One line of the delivery log.');

const deliveriesQuery = z.strictObject({
  name: nameSchema.optional().describe('Only this report or alert.'),
  limit: z.coerce.number().int().min(1).max(1000).optional().describe('At most this many (default 100).'),
});

const snoozeBody = z
  .strictObject({
    until: z.iso
      .datetime({ offset: true })
      .nullable()
      .describe('Snoozed until this instant; null wakes the alert.'),
  })
  .describe('Snooze an alert.');

export const deliveryRoutes: readonly RouteDef[] = [
  route({
    method: 'GET',
    path: '/api/alerts',
    tag: 'alerts',
    summary: 'The alerts with their state and last fired / not fired / failed (editors).',
    access: EDIT,
    response: z.array(alertOut),
    handle: async (ctx) => ({ body: await listAlerts(ctx.state.project()) }),
  }),
  route({
    method: 'POST',
    path: '/api/alerts/{name}/test',
    tag: 'alerts',
    summary: 'Send the alert’s message now to each of its channels, marked as a test (editors).',
    access: EDIT,
    params: nameParams,
    response: z.array(z.object({ channel: z.string(), ok: z.boolean(), error: z.string().optional() })),
    async handle(ctx) {
      const d = ctx.state.delivery;
      if (!d)
        throw new HttpError(
          409,
          'delivery.no_scheduler',
          'this server does not send messages (started with --no-scheduler)',
        );
      return { body: await testAlert(ctx.state.project(), param(ctx, 'name'), d) };
    },
  }),
  route({
    method: 'POST',
    path: '/api/alerts/{name}/snooze',
    tag: 'alerts',
    summary: 'Snooze an alert until an instant, or wake it (editors).',
    access: EDIT,
    params: nameParams,
    body: { kind: 'json', schema: snoozeBody },
    response: z.object({ name: z.string(), snoozedUntil: z.string().nullable() }),
    async handle(ctx, { body }) {
      const { until } = body as z.infer<typeof snoozeBody>;
      await snoozeAlert(ctx.state.project(), param(ctx, 'name'), until);
      return {
        body: {
          name: param(ctx, 'name'),
          snoozedUntil: until === null ? null : new Date(until).toISOString(),
        },
      };
    },
  }),
  route({
    method: 'GET',
    path: '/api/deliveries',
    tag: 'alerts',
    summary: 'The delivery log of reports and alerts, newest first (editors).',
    access: EDIT,
    querySchema: deliveriesQuery,
    response: z.array(deliveryOut),
    handle: async (ctx, { query }) => ({
      body: await listDeliveries(ctx.state.project(), query as z.infer<typeof deliveriesQuery>),
    }),
  }),
];
