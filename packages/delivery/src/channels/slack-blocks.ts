// The Slack Block Kit message of a delivery: a header, the verdict and the number, the
// cause, a button to open kpi. Pure. Invariant: Slack's limits are kept (header text 150
// characters, section text 3,000), and the plain `text` is always set (notifications).

import type { DeliveryMessage } from '../delivery-message.js';

const cut = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** Slack's mrkdwn needs &, < and > escaped. */
const mrkdwn = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const slackPayload = (m: DeliveryMessage): Record<string, unknown> => {
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: cut(m.subject, 150), emoji: false } },
  ];
  const f = m.facts;
  if (f?.verdict || f?.value)
    blocks.push({
      type: 'section',
      fields: [
        ...(f.verdict ? [{ type: 'mrkdwn', text: cut(`*Verdict*\n${mrkdwn(f.verdict)}`, 2000) }] : []),
        ...(f.value ? [{ type: 'mrkdwn', text: cut(`*Number*\n${mrkdwn(f.value)}`, 2000) }] : []),
      ],
    });
  if (f?.cause)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(`*Why*\n${mrkdwn(f.cause)}`, 3000) } });
  else blocks.push({ type: 'section', text: { type: 'mrkdwn', text: cut(mrkdwn(m.text), 3000) } });
  if (m.link)
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in kpi' }, url: m.link }],
    });
  return { text: cut(`${m.subject}${f?.verdict ? `: ${f.verdict}` : ''}`, 3000), blocks };
};
