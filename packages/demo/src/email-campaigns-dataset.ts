// email_campaigns: one row per send, straight from the email plan. Pure.

import type { DemoDataset, DemoRow } from './demo-types.js';
import type { DemoWorld } from './demo-world.js';
import type { EmailSend } from './email-plan.js';

export const EMAIL_COLUMNS = [
  'send_id',
  'date',
  'campaign',
  'sent',
  'delivered',
  'opens',
  'clicks',
  'unsubscribes',
  'revenue',
] as const;

export const emailCampaignsDataset = (w: DemoWorld, sends: readonly EmailSend[]): DemoDataset => ({
  name: 'email_campaigns',
  columns: EMAIL_COLUMNS,
  *rows(): Generator<DemoRow> {
    for (const s of sends)
      yield [
        s.id,
        w.dates[s.day] ?? '',
        s.campaign,
        s.sent,
        s.delivered,
        s.opens,
        s.clicks,
        s.unsubscribes,
        s.revenue,
      ];
  },
});
