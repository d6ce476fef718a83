// The open findings of GET /api/checks: the errors and warnings of the report, in the
// order the overview lists them. Pure.

import type { Finding } from '../../api/api-types';

export type Severity = Finding['severity'];
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Errors then warnings (info findings are only counted). Stable within a severity. */
export const openFindings = (findings: readonly Finding[]): Finding[] =>
  findings
    .filter((f) => f.severity !== 'info')
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
