// "Open findings" of the KPI checks (GET /api/checks): counts by severity, then the errors
// and warnings (message, hint, the KPI or goal, file:line when known; the rule id only in a
// closed details line), the first ten shown and the rest behind a disclosure.

import { Link } from 'wouter';
import type { CheckReport, Finding } from '../../api/api-types';
import { useApi } from '../../api/use-api';
import { issueWhere, ErrorBox, Loading } from '../../ui/page-state';
import { RuleDetails } from '../../ui/rule-details';
import type { Labels } from './scorecard-labels';
import { openFindings, SEVERITIES, type Severity } from './findings-model';

const SHOWN = 10;
const SEVERITY_WORD: Readonly<Record<Severity, [string, string, string]>> = {
  error: ['✕', 'error', 'errors'],
  warning: ['!', 'warning', 'warnings'],
  info: ['i', 'note', 'notes'],
};

const SeverityTag = ({ s }: { s: Severity }) => (
  <span className={`severity severity-${s}`}>
    <span aria-hidden="true">{SEVERITY_WORD[s][0]}</span> {SEVERITY_WORD[s][1]}
  </span>
);

const FindingItem = ({ f, labels }: { f: Finding; labels: Labels }) => {
  const where = f.position?.line !== undefined ? issueWhere(f) : '';
  return (
    <li className="finding">
      <div>
        <SeverityTag s={f.severity} /> {f.message}
      </div>
      {f.hint && <div className="issue-hint">{f.hint}</div>}
      <div className="finding-where small">
        {f.kpi && (
          <Link href={`/kpis/${encodeURIComponent(f.kpi)}`}>KPI: {labels.get(`kpi:${f.kpi}`) ?? f.kpi}</Link>
        )}
        {f.goal && (
          <Link href={`/goals/${encodeURIComponent(f.goal)}`}>
            Goal: {labels.get(`goal:${f.goal}`) ?? f.goal}
          </Link>
        )}
        {where !== '' && <code className="issue-where">{where}</code>}
      </div>
      <RuleDetails rule={f.rule} />
    </li>
  );
};

export const OpenFindings = ({ labels }: { labels: Labels }) => {
  const checks = useApi<CheckReport>('/api/checks');
  if (!checks.data)
    return checks.state === 'error' ? (
      <ErrorBox error={checks.error} title="Could not run the KPI checks" />
    ) : (
      <Loading what="the KPI checks" />
    );
  const { counts, findings } = checks.data;
  const open = openFindings(findings);
  return (
    <div>
      <ul className="finding-counts" aria-label="Findings by severity">
        {SEVERITIES.map((s) => (
          <li key={s} className={`finding-count severity-${s}`}>
            <span aria-hidden="true">{SEVERITY_WORD[s][0]}</span> <span className="num">{counts[s]}</span>{' '}
            {SEVERITY_WORD[s][counts[s] === 1 ? 1 : 2]}
          </li>
        ))}
      </ul>
      {open.length === 0 ? (
        <p className="muted small">No errors or warnings: the KPI checks pass.</p>
      ) : (
        <ul className="finding-list">
          {open.slice(0, SHOWN).map((f, n) => (
            <FindingItem key={n} f={f} labels={labels} />
          ))}
        </ul>
      )}
      {open.length > SHOWN && (
        <details className="more">
          <summary>Show {open.length - SHOWN} more findings</summary>
          <ul className="finding-list">
            {open.slice(SHOWN).map((f, n) => (
              <FindingItem key={n} f={f} labels={labels} />
            ))}
          </ul>
        </details>
      )}
    </div>
  );
};
