// The goal dashboard (/goals/:goal): the goal's title and deadline first, its KPIs as cards
// with leading and lagging paired, then the supporting metrics, collapsed. data-ready on
// the root turns "true" only once the scorecard is in and every sparkline SVG is drawn
// (the bench times navigation -> data-ready). Edit links only for editors.

import { useMemo } from 'react';
import { Link } from 'wouter';
import type { GoalDef, GoalScore, MetricReading, Scorecard } from '../../api/api-types';
import { useApi } from '../../api/use-api';
import { preloadSparkline } from '../../charts/sparkline-lazy';
import { useAuth } from '../../auth/auth-context';
import { ErrorBox, Loading } from '../../ui/page-state';
import { GoalHeader } from './goal-header';
import { hasSparkline } from './kpi-card';
import { KpiGroups } from './kpi-groups';
import { SupportingMetrics } from './supporting-table';
import { useDrawnCount } from './use-drawn-count';

interface GoalView {
  readonly goal: GoalScore;
  readonly asOf: string;
  readonly supporting: readonly MetricReading[];
}

/** GET /api/goals/{name}/scorecard answers a scorecard with one goal (or, older, the GoalScore). */
const toView = (data: Scorecard | GoalScore, name: string): GoalView | undefined => {
  if ('kind' in data && data.kind === 'scorecard') {
    const goal = data.goals.find((g) => g.goal === name) ?? data.goals[0];
    return goal && { goal, asOf: data.asOf, supporting: data.supporting };
  }
  const goal = data as GoalScore;
  return { goal, asOf: goal.kpis[0]?.asOf ?? '', supporting: [] };
};

export const GoalPage = ({ name }: { name: string }) => <GoalDashboard key={name} name={name} />;

const GoalDashboard = ({ name }: { name: string }) => {
  void preloadSparkline(); // the chart chunk loads while the scorecard is fetched
  const { canEdit } = useAuth();
  const path = `/api/goals/${encodeURIComponent(name)}`;
  const sc = useApi<Scorecard | GoalScore>(`${path}/scorecard`);
  const def = useApi<GoalDef>(path);
  const view = useMemo(() => (sc.data ? toView(sc.data, name) : undefined), [sc.data, name]);
  const parentName = view?.goal.parent ?? def.data?.parent;
  const goals = useApi<readonly GoalDef[]>(parentName ? '/api/goals' : undefined);
  const [drawn, onDrawn] = useDrawnCount();

  const expected = view ? view.goal.kpis.filter((r) => hasSparkline(r.series)).length : 0;
  const ready = view !== undefined && drawn >= expected;
  const supporting = useMemo(() => {
    const wanted = def.data?.supporting;
    if (!view || !wanted) return view?.supporting ?? [];
    return view.supporting.filter((m) => wanted.includes(m.metric));
  }, [view, def.data]);
  const parent = parentName
    ? { name: parentName, title: goals.data?.find((g) => g.name === parentName)?.title ?? parentName }
    : undefined;

  return (
    <div className="goal-dashboard" data-testid="goal-dashboard" data-ready={ready ? 'true' : 'false'}>
      <nav aria-label="Breadcrumb" className="breadcrumb small">
        <Link href="/">Overview</Link> <span aria-hidden="true">›</span> <span>Goal</span>
      </nav>
      {!view && sc.state === 'error' && (
        <>
          <ErrorBox error={sc.error} title={`Could not load the goal “${name}”`} />
          {(sc.error.status === 0 || sc.error.status >= 500) && (
            <button type="button" className="button" onClick={sc.reload}>
              Try again
            </button>
          )}
        </>
      )}
      {!view && sc.state === 'loading' && <Loading what="the goal dashboard" />}
      {view && (
        <>
          <GoalHeader
            goal={view.goal}
            asOf={view.asOf}
            description={def.data?.description}
            unit={def.data?.unit}
            parent={parent}
            actions={
              canEdit && (
                <>
                  <Link className="button" href={`/goals/${encodeURIComponent(name)}/edit`}>
                    Edit goal
                  </Link>
                  <Link className="button-primary" href={`/kpis/new?goal=${encodeURIComponent(name)}`}>
                    Add KPI
                  </Link>
                </>
              )
            }
          />
          {sc.state === 'error' && <ErrorBox error={sc.error} title="Could not refresh the figures" />}
          <KpiGroups goal={name} readings={view.goal.kpis} onDrawn={onDrawn} />
          <SupportingMetrics readings={supporting} />
        </>
      )}
    </div>
  );
};
