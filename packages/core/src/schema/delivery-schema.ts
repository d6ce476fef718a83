// Schedules, alerts and channels as code: the `reports:`, `alerts:` and `channels:`
// sections. Pure. Invariants: no secret is ever written here — a channel names the
// environment variable (or secrets-file key) that holds its password, URL or signing
// key; a cron pattern is checked by croner (the same library the scheduler runs), and is
// read in the project's time zone.

import { Cron } from 'croner';
import { z } from 'zod';
import { identifierSchema } from './common-schema.js';

/** True when croner accepts `pattern` (5 fields, or 6 with seconds; names like MON allowed). */
export const isCronPattern = (pattern: string): boolean => {
  try {
    new Cron(pattern, { paused: true });
    return true;
  } catch {
    return false;
  }
};

export const cronSchema = z
  .string()
  .refine(isCronPattern, {
    error: 'must be a cron pattern such as "0 9 * * MON" (minute hour day-of-month month day-of-week)',
  })
  .describe('A cron pattern, read in the project time zone: "0 9 * * MON" is 09:00 every Monday.');

/** The name of a secret: an environment variable or a key of the secrets file. */
export const secretNameSchema = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]{0,99}$/, {
    error: 'must name a secret in capitals (an environment variable), e.g. SMTP_PASSWORD; never the secret itself',
  })
  .describe('The name of an environment variable (or key of the secrets file) holding the secret.');

const emailAddress = z.string().regex(/^[^\s@<>]+@[^\s@<>]+$/, { error: 'must be an e-mail address' });

export const emailChannelSchema = z
  .strictObject({
    kind: z.literal('email'),
    to: z.array(emailAddress).min(1).max(100),
    from: emailAddress,
    host: z.string().min(1).describe('SMTP server host name.'),
    port: z.number().int().min(1).max(65535).default(587),
    secure: z.boolean().default(false).describe('TLS from the start (port 465); otherwise STARTTLS when offered.'),
    user: z.string().min(1).optional(),
    password_secret: secretNameSchema.optional(),
  })
  .describe('E-mail over SMTP: an HTML body, and the PDF attached when there is one.');

export const slackChannelSchema = z
  .strictObject({
    kind: z.literal('slack'),
    url_secret: secretNameSchema.describe('The secret holding the Slack incoming-webhook URL.'),
  })
  .describe('A Slack incoming webhook (Block Kit message).');

export const webhookChannelSchema = z
  .strictObject({
    kind: z.literal('webhook'),
    url_secret: secretNameSchema.describe('The secret holding the URL the JSON is posted to.'),
    signing_secret: secretNameSchema.describe('The secret holding the signing key, "whsec_" + base64.'),
  })
  .describe('A generic webhook: JSON signed the Standard Webhooks way (docs/webhooks.md).');

export const channelSchema = z.discriminatedUnion('kind', [
  emailChannelSchema,
  slackChannelSchema,
  webhookChannelSchema,
]);

export const REPORT_PERIODS = ['last-week', 'last-month', 'last-quarter'] as const;

export const reportScheduleSchema = z
  .strictObject({
    title: z.string().min(1).optional(),
    schedule: cronSchema,
    goal: identifierSchema.optional().describe('Only this goal (default: every goal).'),
    period: z.enum(REPORT_PERIODS).default('last-week'),
    to: z.array(identifierSchema).min(1).max(20).describe('Channels (names under channels:).'),
  })
  .describe('A report sent on a schedule.');

export const VERDICT_CHANGES = ['at_risk', 'off_track', 'back_on_track'] as const;

export const alertConditionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('verdict'),
    to: z.array(z.enum(VERDICT_CHANGES)).min(1).default(['at_risk', 'off_track', 'back_on_track']),
  }),
  z.strictObject({ kind: z.literal('probability_below'), value: z.number().gt(0).lt(1) }),
  z.strictObject({
    kind: z.literal('anomaly'),
    days: z.number().int().min(1).max(90).default(1).describe('An unusual day among the last N days.'),
  }),
  z.strictObject({ kind: z.literal('guard') }),
  z.strictObject({
    kind: z.literal('review_overdue'),
    days: z.number().int().min(1).max(366).optional().describe("Default: the KPI's review cadence."),
  }),
  z.strictObject({
    kind: z.literal('stale_import'),
    dataset: identifierSchema,
    days: z.number().int().min(1).max(366),
  }),
]);

export const alertSchema = z
  .strictObject({
    kpi: identifierSchema.optional().describe('The KPI watched (every condition but stale_import).'),
    when: alertConditionSchema,
    check: cronSchema.default('*/15 * * * *').describe('When the condition is checked.'),
    min_volume: z
      .number()
      .min(0)
      .optional()
      .describe("Not fired while the KPI's volume (its denominator, else its value) is below this."),
    to: z.array(identifierSchema).min(1).max(20),
  })
  .describe('An alert: fires once when its condition starts, resolves when it ends, then re-arms.');

export type ChannelDef = z.infer<typeof channelSchema>;
export type ReportScheduleDef = z.infer<typeof reportScheduleSchema>;
export type AlertDef = z.infer<typeof alertSchema>;
export type AlertCondition = z.infer<typeof alertConditionSchema>;
