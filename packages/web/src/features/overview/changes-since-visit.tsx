// "What changed since your last visit": KPIs whose status changed (old → new, in words)
// and definition changes since then (who, when, what, why). The visit is read once, when
// the scorecard is in, and the new visit stored right after (so a reload shows "nothing
// new"). A first visit says so plainly.

import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'wouter';
import type { ChangeRow, Scorecard } from '../../api/api-types';
import { useApi } from '../../api/use-api';
import { fmtTimestamp, humanize } from '../../ui/format';
import { ErrorBox } from '../../ui/page-state';
import { StatusBadge } from '../../ui/status-badge';
import { describeChange } from './describe-change';
import {
  readVisit,
  statusChanges,
  statusSnapshot,
  visitKey,
  writeVisit,
  type Visit,
} from './last-visit-store';
import { labelMap } from './scorecard-labels';

const SHOWN = 10;

const ENTITY: Readonly<Record<string, string>> = { kpi: 'KPI', goal: 'Goal', annotation: 'Annotation' };

const entityHref = (r: ChangeRow): string | undefined =>
  r.entity === 'kpi'
    ? `/kpis/${encodeURIComponent(r.name)}`
    : r.entity === 'goal'
      ? `/goals/${encodeURIComponent(r.name)}`
      : undefined;

const ChangeItem = ({ r, labels }: { r: ChangeRow; labels: ReadonlyMap<string, string> }) => {
  const href = entityHref(r);
  const label = r.entity === 'kpi' || r.entity === 'goal' ? labels.get(`${r.entity}:${r.name}`) : undefined;
  return (
    <li className="change-row">
      <div>
        <span className="entity-tag">{ENTITY[r.entity] ?? humanize(r.entity)}</span>{' '}
        {href ? <Link href={href}>{label ?? r.name}</Link> : <strong>{r.name}</strong>}:{' '}
        <span className="change-what">{describeChange(r.action, r.before, r.after)}</span>
      </div>
      <div className="small muted">
        {r.actor}, <time dateTime={r.at}>{fmtTimestamp(r.at)}</time> ·{' '}
        {r.reason ? <>reason: “{r.reason}”</> : 'no reason given'}
      </div>
    </li>
  );
};

export const ChangesSinceVisit = ({
  project,
  email,
  scorecard,
}: {
  project: string;
  email: string;
  scorecard: Scorecard;
}) => {
  const key = visitKey(project, email);
  const [previous, setPrevious] = useState<Visit | null | undefined>(undefined);
  const taken = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (taken.current === key) return;
    taken.current = key;
    setPrevious(readVisit(key));
    writeVisit(key, { at: new Date().toISOString(), statuses: statusSnapshot(scorecard) });
  }, [key, scorecard]);

  // The server filters (strictly after `since`) and orders (newest first).
  const changes = useApi<ChangeRow[]>(
    previous ? '/api/history' : undefined,
    previous ? { since: previous.at } : undefined,
  );
  const labels = useMemo(() => labelMap(scorecard), [scorecard]);
  const moved = useMemo(() => (previous ? statusChanges(previous, scorecard) : []), [previous, scorecard]);

  if (previous === undefined) return null;
  if (previous === null)
    return (
      <p className="first-visit">
        This is your first visit on this browser, so there is nothing to compare yet. From your next visit on,
        this lists the KPIs whose status changed and every definition change made in between.
      </p>
    );
  const rows = changes.state === 'ready' ? changes.data : [];
  return (
    <div aria-live="polite">
      <p className="small muted">
        Since <time dateTime={previous.at}>{fmtTimestamp(previous.at)}</time>
      </p>
      <h3>Status changes</h3>
      {moved.length === 0 ? (
        <p className="muted small">No KPI changed status.</p>
      ) : (
        <ul className="status-changes">
          {moved.map((m) => (
            <li key={m.kpi}>
              <Link href={`/kpis/${encodeURIComponent(m.kpi)}`}>{m.label}</Link>{' '}
              <span className="muted small">({m.goalTitle})</span>
              <div className="status-move">
                <StatusBadge status={m.from} /> <span aria-hidden="true">→</span>
                <span className="visually-hidden">changed to</span> <StatusBadge status={m.to} />
              </div>
            </li>
          ))}
        </ul>
      )}
      <h3>Definition changes</h3>
      {changes.state === 'error' && (
        <ErrorBox error={changes.error} title="Could not load the change history" />
      )}
      {changes.state === 'loading' && <p className="muted small">Loading the change history…</p>}
      {changes.state === 'ready' && rows.length === 0 && (
        <p className="muted small">No goal or KPI definition changed.</p>
      )}
      {rows.length > 0 && (
        <ul className="change-list">
          {rows.slice(0, SHOWN).map((r) => (
            <ChangeItem key={r.id} r={r} labels={labels} />
          ))}
        </ul>
      )}
      {rows.length > SHOWN && (
        <details className="more">
          <summary>Show {rows.length - SHOWN} more changes</summary>
          <ul className="change-list">
            {rows.slice(SHOWN).map((r) => (
              <ChangeItem key={r.id} r={r} labels={labels} />
            ))}
          </ul>
        </details>
      )}
    </div>
  );
};
