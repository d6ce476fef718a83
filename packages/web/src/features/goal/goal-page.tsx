// The goal dashboard (/goals/:goal): the goal's title and deadline first, its KPIs as cards
// with leading and lagging paired, then the supporting metrics, collapsed. data-ready on
// the root turns "true" only once the scorecard is in and every sparkline SVG is drawn
// (the bench times navigation -> data-ready). Edit links only for editors.

import { useMemo } from 'react';
import { Link } from 'wouter';
import type { GoalDef, Scorecard } from '../../api/api-types';
import { useApi } from '../../api/use-api';
import { preloadSparkline } from '../../charts/sparkline-lazy';
import { useAuth } from '../../auth/auth-context';
import { ErrorBox, Loading } from '../../ui/page-state';
import { GoalHeader } from './goal-header';
import { ReportLinks } from '../report/report-links';
import { ShareButton } from '../share/share-button';
import { hasSparkline } from './kpi-card';
import { KpiGroups } from './kpi-groups';
import { SupportingMetrics } from './supporting-table';
import { useDrawnCount } from './use-drawn-count';

export const GoalPage = ({ name }: { name: string }) => <GoalDashboard key={name} name={name} />;

const GoalDashboard = ({ name }: { name: string }) => {
  void preloadSparkline(); // the chart chunk loads while the scorecard is fetched
  const { canEdit } = useAuth();
  const path = `/api/goals/${encodeURIComponent(name)}`;
  const sc = useApi<Scorecard>(`${path}/scorecard`);
  const def = useApi<GoalDef>(path);
  // GET /api/goals/{name}/scorecard: the scorecard of this one goal.
  const goal = sc.data?.goals.find((g) => g.goal === name) ?? sc.data?.goals[0];
  const parentName = goal?.parent ?? def.data?.parent;
  const goals = useApi<readonly GoalDef[]>(parentName ? '/api/goals' : undefined);
  const [drawn, onDrawn] = useDrawnCount();

  const expected = goal ? goal.kpis.filter((r) => hasSparkline(r.series)).length : 0;
  const ready = goal !== undefined && drawn >= expected;
  const supporting = useMemo(() => {
    const all = sc.data?.supporting ?? [];
    const wanted = def.data?.supporting;
    return wanted ? all.filter((m) => wanted.includes(m.metric)) : all;
  }, [sc.data, def.data]);
  const parent = parentName
    ? { name: parentName, title: goals.data?.find((g) => g.name === parentName)?.title ?? parentName }
    : undefined;

  return (
    <div className="goal-dashboard" data-testid="goal-dashboard" data-ready={ready ? 'true' : 'false'}>
      <nav aria-label="Breadcrumb" className="breadcrumb small">
        <Link href="/">Overview</Link> <span aria-hidden="true">›</span> <span>Goal</span>
      </nav>
      {!goal && sc.state === 'error' && (
        <>
          <ErrorBox error={sc.error} title={`Could not load the goal “${name}”`} />
          {(sc.error.status === 0 || sc.error.status >= 500) && (
            <button type="button" className="button" onClick={sc.reload}>
              Try again
            </button>
          )}
        </>
      )}
      {!goal && sc.state === 'loading' && <Loading what="the goal dashboard" />}
      {goal && sc.data && (
        <>
          <GoalHeader
            goal={goal}
            asOf={sc.data.asOf}
            description={def.data?.description}
            unit={def.data?.unit}
            parent={parent}
            actions={
              <>
                <ReportLinks goal={name} />
                <Link className="button" href={`/goals/${encodeURIComponent(name)}/budget`}>
                  Budget plan
                </Link>
                {canEdit && (
                  <>
                    <ShareButton goal={name} />
                    <Link className="button" href={`/goals/${encodeURIComponent(name)}/edit`}>
                      Edit goal
                    </Link>
                    <Link className="button-primary" href={`/kpis/new?goal=${encodeURIComponent(name)}`}>
                      Add KPI
                    </Link>
                  </>
                )}
              </>
            }
          />
          {sc.state === 'error' && <ErrorBox error={sc.error} title="Could not refresh the figures" />}
          <KpiGroups goal={name} readings={goal.kpis} onDrawn={onDrawn} />
          <SupportingMetrics readings={supporting} />
        </>
      )}
    </div>
  );
};
