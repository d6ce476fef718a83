// Section 7 of the KPI page: what the KPI checks say about this KPI (SMART, vanity,
// Goodhart, stale reviews...): severity in words and icon, message, hint, file:line; the
// rule id only in a closed details line.
// Invariant: findings are filtered to this KPI here too, whatever the server did with ?kpi=.

import type { CheckReport } from '../../api/api-types';
import type { Loaded } from '../../api/use-api';
import { ErrorBox, issueWhere, Loading } from '../../ui/page-state';
import { RuleDetails } from '../../ui/rule-details';

const SEVERITY: Readonly<Record<string, { icon: string; word: string }>> = {
  error: { icon: '✕', word: 'Error' },
  warning: { icon: '!', word: 'Warning' },
  info: { icon: 'i', word: 'Note' },
};

export const KpiChecksSection = ({ name, checks }: { name: string; checks: Loaded<CheckReport> }) => {
  // Errors first, then warnings, then notes: the server's order.
  const findings = (checks.data?.findings ?? []).filter((f) => f.kpi === name);
  return (
    <section className="panel kpi-section" aria-labelledby="kpi-checks-h">
      <h2 id="kpi-checks-h">Checks</h2>
      {checks.state === 'loading' && checks.data === undefined && <Loading what="the checks" />}
      {checks.state === 'error' && <ErrorBox error={checks.error} title="Could not run the checks" />}
      {checks.data !== undefined &&
        (findings.length === 0 ? (
          <p className="muted">The checks found nothing to fix for this KPI.</p>
        ) : (
          <ul className="kpi-findings">
            {findings.map((f, i) => {
              const s = SEVERITY[f.severity] ?? { icon: '?', word: f.severity };
              const where = issueWhere(f);
              return (
                <li key={`${f.code}${i}`} className={`kpi-finding issue-${f.severity}`}>
                  <span className={`kpi-sev kpi-sev-${f.severity}`}>
                    <span aria-hidden="true">{s.icon}</span> {s.word}
                  </span>{' '}
                  {f.message}
                  {f.hint && <div className="issue-hint">{f.hint}</div>}
                  {where !== '' && (
                    <div className="small muted">
                      at <code>{where}</code>
                    </div>
                  )}
                  <RuleDetails rule={f.rule} />
                </li>
              );
            })}
          </ul>
        ))}
    </section>
  );
};
