// The message of an alert event: what happened to which KPI, its verdict, its number
// against the target, the cause in a sentence, and a link. Pure. Invariant: the words
// are the reading's own (the verdict phrase, the KPI sentence), so an alert says what
// the scorecard says.

import { formatValue, type AlertDef } from '@kpi/core';
import { simpleHtml, type AlertEvent, type DeliveryMessage } from '@kpi/delivery';
import type { KpiReading } from '@kpi/scorecard';
import { verdictWords } from './alert-observations.js';

export interface AlertMessageInput {
  readonly alert: string;
  readonly def: AlertDef;
  readonly event: Pick<AlertEvent, 'kind' | 'at' | 'summary'>;
  readonly reading?: KpiReading;
  readonly project: string;
  readonly link?: string;
  readonly test?: boolean;
}

const HEADLINE: Readonly<Record<string, string>> = {
  fired: 'alert',
  escalated: 'worse',
  resolved: 'resolved',
};

/** "312 against 450 expected by now (target 1,000 by 2026-03-31)". */
export const numberWords = (r: KpiReading): string => {
  const v = formatValue(r.value, r.format);
  const t = r.target;
  if (!t) return v;
  const expected = t.expected === null ? '' : ` against ${formatValue(t.expected, r.format)} expected by now`;
  return `${v}${expected} (target ${formatValue(t.value, r.format)} by ${t.deadline})`;
};

export const alertMessage = (m: AlertMessageInput): DeliveryMessage => {
  const r = m.reading;
  const what = r ? r.label : m.def.when.kind === 'stale_import' ? m.def.when.dataset : m.alert;
  const state =
    m.def.when.kind === 'verdict' && r
      ? m.event.kind === 'resolved'
        ? `back on track (${verdictWords(r)})`
        : verdictWords(r)
      : m.event.summary;
  const subject = `${m.test ? '[test] ' : ''}${what}: ${state}`;
  const facts = r
    ? { verdict: verdictWords(r), value: numberWords(r), cause: r.sentence }
    : { verdict: m.event.summary };
  const text = [
    `${HEADLINE[m.event.kind] ?? m.event.kind} — ${m.alert} (${m.project})`,
    m.event.summary,
    ...(r ? [numberWords(r), r.sentence] : []),
    ...(m.test ? ['This is a test message sent with `kpi alerts test`; nothing changed.'] : []),
  ].join('\n\n');
  const base = {
    type: m.test ? 'kpi.test' : `kpi.alert.${m.event.kind}`,
    subject,
    text,
    facts,
    ...(m.link ? { link: m.link } : {}),
    data: {
      alert: m.alert,
      event: m.event.kind,
      at: m.event.at,
      condition: m.def.when.kind,
      summary: m.event.summary,
      project: m.project,
      ...(r
        ? {
            kpi: r.kpi,
            label: r.label,
            status: r.status,
            verdict: verdictWords(r),
            probability: r.verdict?.probability ?? null,
            value: r.value,
            target: r.target
              ? { value: r.target.value, deadline: r.target.deadline, expected: r.target.expected }
              : null,
            asOf: r.asOf,
            sentence: r.sentence,
          }
        : {}),
      ...(m.link ? { link: m.link } : {}),
      test: m.test === true,
    },
  };
  return { ...base, html: simpleHtml(base) };
};
