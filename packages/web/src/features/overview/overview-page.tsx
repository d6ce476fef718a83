// The overview (/): the cascade of goals with each goal's status summary, what changed
// since the user's last visit, and the open findings of the KPI checks. Editors also get
// "New goal". Every part loads on its own, so one failing call never blanks the page.

import { useEffect, useMemo } from 'react';
import { Link } from 'wouter';
import type { GoalDef, ProjectInfo, Scorecard } from '../../api/api-types';
import { useApi } from '../../api/use-api';
import { useAuth } from '../../auth/auth-context';
import { preloadSparkline } from '../../charts/sparkline-lazy';
import { fmtDate } from '../../ui/format';
import { ErrorBox, Loading } from '../../ui/page-state';
import { ChangesSinceVisit } from './changes-since-visit';
import { buildCascade, GoalCascade } from './goal-cascade';
import { OpenFindings } from './open-findings';
import { labelMap } from './scorecard-labels';
import { ReportLinks } from '../report/report-links';
import { ShareButton } from '../share/share-button';

export const OverviewPage = () => {
  const { user, canEdit } = useAuth();
  // The goal dashboards are one click away: fetch their chart chunk while the user reads.
  useEffect(() => {
    const t = window.setTimeout(() => void preloadSparkline(), 300);
    return () => window.clearTimeout(t);
  }, []);
  const project = useApi<ProjectInfo>('/api/project');
  const goals = useApi<readonly GoalDef[]>('/api/goals');
  const sc = useApi<Scorecard>('/api/scorecard');
  const scores = sc.data?.goals ?? [];
  const labels = useMemo(() => labelMap(sc.data), [sc.data]);
  const ready = goals.data !== undefined || sc.data !== undefined;
  const projectName = project.data?.name ?? sc.data?.project;

  return (
    <div className="overview">
      <header className="overview-head">
        <div>
          <h1>Overview</h1>
          <p className="muted small">
            {projectName ?? ''}
            {sc.data && <> · figures as of {fmtDate(sc.data.asOf)}</>}
          </p>
        </div>
        <div className="goal-actions">
          <Link className="button" href="/meeting">
            Meeting mode
          </Link>
          <ReportLinks />
          {canEdit && <ShareButton />}
          {canEdit && (
            <Link className="button-primary" href="/goals/new">
              New goal
            </Link>
          )}
        </div>
      </header>
      <div className="overview-grid">
        <section className="panel" aria-labelledby="goals-heading">
          <h2 id="goals-heading">Goals</h2>
          {sc.state === 'error' && <ErrorBox error={sc.error} title="Could not evaluate the scorecard" />}
          {goals.state === 'error' && !sc.data && (
            <ErrorBox error={goals.error} title="Could not load the goals" />
          )}
          {ready ? (
            <GoalCascade nodes={buildCascade(goals.data, scores)} loading={sc.state === 'loading'} />
          ) : (
            (goals.state === 'loading' || sc.state === 'loading') && <Loading what="the goals" />
          )}
        </section>
        <div className="overview-side">
          <section className="panel" aria-labelledby="changed-heading">
            <h2 id="changed-heading">What changed since your last visit</h2>
            {sc.data && projectName && user ? (
              <ChangesSinceVisit project={projectName} email={user.email} scorecard={sc.data} />
            ) : sc.state === 'error' ? (
              <p className="muted small">Needs the scorecard, which could not be loaded.</p>
            ) : (
              <Loading what="the latest figures" />
            )}
          </section>
          <section className="panel" aria-labelledby="findings-heading">
            <h2 id="findings-heading">Open findings</h2>
            <p className="small muted">What the KPI checks (SMART, vanity, Goodhart, reviews…) found.</p>
            <OpenFindings labels={labels} />
          </section>
        </div>
      </div>
    </div>
  );
};
