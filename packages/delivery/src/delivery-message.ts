// What a channel sends: one message with a subject, a plain-text/Markdown body, an HTML
// body, the facts a chat message shows (verdict, number, cause, link), the JSON data of
// the webhook payload and any attachments (the report's PDF). Pure data.
// Invariant: the message is built once and every channel sends the same words.

export interface MessageAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Uint8Array;
}

export interface MessageFacts {
  /** The verdict in words ("off track, 12% likely"). */
  readonly verdict?: string;
  /** The KPI's number, formatted ("312 leads against 450 by now"). */
  readonly value?: string;
  /** The cause in one sentence. */
  readonly cause?: string;
}

export interface DeliveryMessage {
  /** The event type of the webhook payload (docs/webhooks.md), e.g. kpi.alert.fired. */
  readonly type: string;
  readonly subject: string;
  /** Plain text that reads as Markdown too (Slack fallback, e-mail text part). */
  readonly text: string;
  readonly html: string;
  readonly facts?: MessageFacts;
  readonly link?: string;
  /** The `data` of the webhook payload. */
  readonly data: Readonly<Record<string, unknown>>;
  readonly attachments?: readonly MessageAttachment[];
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe inside HTML. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** A small HTML e-mail body: a heading, the facts as a list, the text's paragraphs, the link. */
export const simpleHtml = (m: Omit<DeliveryMessage, 'html'>): string => {
  const facts = m.facts
    ? [
        m.facts.verdict && `<li><strong>${escapeHtml(m.facts.verdict)}</strong></li>`,
        m.facts.value && `<li>${escapeHtml(m.facts.value)}</li>`,
        m.facts.cause && `<li>${escapeHtml(m.facts.cause)}</li>`,
      ].filter(Boolean)
    : [];
  const paras = m.text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
  return (
    `<!doctype html><html><body style="font-family:system-ui,sans-serif;max-width:640px">` +
    `<h2>${escapeHtml(m.subject)}</h2>${facts.length ? `<ul>${facts.join('')}</ul>` : ''}${paras}` +
    (m.link ? `<p><a href="${escapeHtml(m.link)}">Open in kpi</a></p>` : '') +
    `</body></html>`
  );
};
