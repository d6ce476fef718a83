// The head of a goal's dashboard (and of a meeting-mode slide): the title and the
// deadline first, then owner, unit, parent goal, status summary and the as-of date.

import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { GoalScore } from '../../api/api-types';
import { fmtDate, humanize } from '../../ui/format';
import { daysBetween, StatusSummary } from './status-summary';

const daysLeftText = (asOf: string, end: string): string => {
  const d = daysBetween(asOf, end);
  return d > 1 ? `${d} days left` : d === 1 ? '1 day left' : d === 0 ? 'ends today' : 'ended';
};

export const GoalHeader = ({
  goal,
  asOf,
  description,
  unit,
  parent,
  actions,
  headingId,
}: {
  goal: GoalScore;
  asOf: string;
  description?: string | undefined;
  unit?: string | undefined;
  parent?: { readonly name: string; readonly title: string } | undefined;
  actions?: ReactNode;
  headingId?: string;
}) => (
  <header className="goal-head">
    <div className="goal-head-main">
      <h1 id={headingId}>{goal.title}</h1>
      {goal.period && (
        <p className="goal-deadline">
          Deadline <strong>{fmtDate(goal.period.end)}</strong>{' '}
          <span className="muted">
            · {daysLeftText(asOf, goal.period.end)} · since {fmtDate(goal.period.start)}
          </span>
        </p>
      )}
      <p className="goal-meta">
        {goal.owner && (
          <span>
            Owner <strong>{goal.ownerName ?? goal.owner}</strong>
          </span>
        )}
        {unit && <span>Unit {humanize(unit)}</span>}
        {parent && (
          <span>
            Part of <Link href={`/goals/${encodeURIComponent(parent.name)}`}>{parent.title}</Link>
          </span>
        )}
        <span className="muted">Figures as of {fmtDate(asOf)}</span>
      </p>
      {description && <p className="goal-description">{description}</p>}
      <StatusSummary counts={goal.statusCounts} />
    </div>
    {actions && <div className="goal-actions">{actions}</div>}
  </header>
);
