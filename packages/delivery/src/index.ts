// Public surface of @kpi/delivery: getting reports and alerts to people — the alert state
// machine, cron times, jobs with leases, channels (SMTP, Slack, signed webhooks), secrets,
// the scheduler loop, and PDF printing through chromium. IO.
export * from './alert-state-machine.js';
export * from './cron-times.js';
export * from './delivery-message.js';
export * from './deliver-jobs.js';
export * from './job-store.js';
export * from './scheduler-loop.js';
export * from './secrets.js';
export * from './webhook-signature.js';
export { sendMessage, webhookBody, DeliveryError, type SendContext } from './channels/send-message.js';
export { slackPayload } from './channels/slack-blocks.js';
export * from './pdf/pdf-printer.js';
