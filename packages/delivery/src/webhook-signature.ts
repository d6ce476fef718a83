// Signing a webhook the Standard Webhooks way (standardwebhooks.com, docs/webhooks.md):
// HMAC-SHA256 over `${id}.${timestamp}.${body}` with the key that follows "whsec_" in
// the secret (base64), sent as "v1," + base64 in the webhook-signature header. IO-free
// but uses node:crypto (delivery is an IO package).
// Invariants: the id stays the same on every retry of one message (receivers use it to
// drop duplicates); the timestamp is integer Unix seconds of the attempt.

import { createHmac, randomBytes } from 'node:crypto';
import { UsageError } from '@kpi/core';

/** The HMAC key inside a "whsec_<base64>" secret. */
export const webhookKey = (secret: string): Buffer => {
  const m = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret.trim());
  if (!m?.[1])
    throw new UsageError(
      'delivery.webhook_secret_format',
      'a webhook signing secret must be "whsec_" followed by base64 (e.g. from `kpi alerts secret`)',
    );
  return Buffer.from(m[1], 'base64');
};

/** A new signing secret: "whsec_" + 32 random bytes in base64. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

export interface WebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/** The three Standard Webhooks headers for `body` sent as message `id` at `at`. */
export const signWebhook = (secret: string, id: string, at: Date, body: string): WebhookHeaders => {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const mac = createHmac('sha256', webhookKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${mac}` };
};
