// Sends one message over one channel: e-mail over SMTP (nodemailer), a Slack incoming
// webhook, or a signed generic webhook. IO.
// Invariants: secrets are read from `Secrets` at send time, never from the YAML and never
// put into an error message (a URL is shown by its host only); a non-2xx answer or an SMTP
// refusal throws `DeliveryError`, so the job is retried; `messageId` is the same on every
// attempt of one delivery (the webhook-id, the e-mail Message-ID).

import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { IoError, type ChannelDef } from '@kpi/core';
import type { DeliveryMessage } from '../delivery-message.js';
import type { Secrets } from '../secrets.js';
import { signWebhook } from '../webhook-signature.js';
import { slackPayload } from './slack-blocks.js';

export class DeliveryError extends IoError {
  constructor(code: string, message: string, cause?: unknown) {
    super(code, message, cause === undefined ? {} : { cause });
    this.name = 'DeliveryError';
  }
}

export interface SendContext {
  readonly secrets: Secrets;
  /** The attempt's time (webhook-timestamp). */
  readonly now: Date;
  /** Stable across retries of one delivery. */
  readonly messageId: string;
  readonly timeoutMs?: number;
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return '(not a URL)';
  }
};

const postJson = async (
  channel: string,
  url: string,
  body: string,
  headers: Readonly<Record<string, string>>,
  timeoutMs: number,
): Promise<void> => {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'kpi-delivery/1', ...headers },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw new DeliveryError(
      'delivery.http_failed',
      `channel ${channel}: cannot reach ${hostOf(url)}: ${(e as Error).message}`,
      e,
    );
  }
  await res.arrayBuffer().catch(() => undefined);
  if (res.status < 200 || res.status > 299)
    throw new DeliveryError(
      'delivery.http_status',
      `channel ${channel}: ${hostOf(url)} answered HTTP ${res.status}`,
    );
};

/** The webhook payload: {type, timestamp, data} (docs/webhooks.md). */
export const webhookBody = (m: DeliveryMessage, at: Date): string =>
  JSON.stringify({ type: m.type, timestamp: at.toISOString(), data: m.data });

export const sendMessage = async (
  name: string,
  def: ChannelDef,
  m: DeliveryMessage,
  ctx: SendContext,
): Promise<void> => {
  const timeoutMs = ctx.timeoutMs ?? 30_000;
  if (def.kind === 'slack') {
    const url = ctx.secrets.get(def.url_secret, name);
    return postJson(name, url, JSON.stringify(slackPayload(m)), {}, timeoutMs);
  }
  if (def.kind === 'webhook') {
    const url = ctx.secrets.get(def.url_secret, name);
    const secret = ctx.secrets.get(def.signing_secret, name);
    const body = webhookBody(m, ctx.now);
    return postJson(name, url, body, { ...signWebhook(secret, ctx.messageId, ctx.now, body) }, timeoutMs);
  }
  const password = def.password_secret === undefined ? undefined : ctx.secrets.get(def.password_secret, name);
  const transport = nodemailer.createTransport({
    host: def.host,
    port: def.port,
    secure: def.secure,
    ...(def.user !== undefined ? { auth: { user: def.user, pass: password ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({
      from: def.from,
      to: [...def.to],
      subject: m.subject,
      text: m.link ? `${m.text}\n\n${m.link}\n` : m.text,
      html: m.html,
      messageId: `<${createHash('sha256').update(ctx.messageId).digest('hex').slice(0, 32)}@kpi.local>`,
      attachments: (m.attachments ?? []).map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.content),
      })),
    });
  } catch (e) {
    throw new DeliveryError(
      'delivery.smtp_failed',
      `channel ${name}: the SMTP server ${def.host}:${def.port} refused the message: ${(e as Error).message}`,
      e,
    );
  } finally {
    transport.close();
  }
};
