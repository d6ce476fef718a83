// The open findings of GET /api/checks in one shape: the new report ({today, withData,
// counts, findings}) as is, the older {issues, note} answer turned into findings. Pure.

import type { CheckReport, Finding, Issue } from '../../api/api-types';

export type Severity = Finding['severity'];
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export interface LegacyChecks {
  readonly issues: readonly Issue[];
  readonly note?: string;
}

export interface Findings {
  readonly counts: Readonly<Record<Severity, number>>;
  readonly findings: readonly Finding[];
  readonly note?: string | undefined;
}

export const toFindings = (d: CheckReport | LegacyChecks): Findings => {
  if ('findings' in d && Array.isArray(d.findings)) return d;
  const issues: readonly Issue[] = 'issues' in d && Array.isArray(d.issues) ? d.issues : [];
  const findings = issues.map((i) => ({ ...i, rule: i.code }));
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return { counts, findings, note: 'note' in d ? d.note : undefined };
};

/** Errors then warnings (info findings are only counted). Stable within a severity. */
export const openFindings = (findings: readonly Finding[]): Finding[] =>
  findings
    .filter((f) => f.severity !== 'info')
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
