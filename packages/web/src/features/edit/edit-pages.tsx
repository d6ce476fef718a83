// The edit pages: /goals/new, /goals/:goal/edit, /kpis/new(?goal=), /kpis/:kpi/edit.
// They load what the forms need (the entry, goals, metrics, the project's currency) and
// show loading and error states; viewers get a read-only notice and no form.

import { useSearch } from 'wouter';
import type { GoalDef, KpiDef, MetricDef, ProjectInfo } from '../../api/api-types';
import { useApi } from '../../api/use-api';
import { ErrorBox, Loading } from '../../ui/page-state';
import { EditGate } from './edit-fields';
import { GoalEditForm } from './goal-edit-form';
import { KpiEditForm } from './kpi-edit-form';

const GoalEditLoader = ({ name }: { name: string | undefined }) => {
  const goal = useApi<GoalDef>(name === undefined ? undefined : `/api/goals/${encodeURIComponent(name)}`);
  const goals = useApi<GoalDef[]>('/api/goals');
  if (name !== undefined && goal.state === 'error')
    return <ErrorBox error={goal.error} title="Could not load the goal" />;
  if (goals.state === 'error') return <ErrorBox error={goals.error} title="Could not load the goals" />;
  if ((name !== undefined && goal.state !== 'ready') || goals.state !== 'ready')
    return <Loading what="the goal" />;
  return (
    <GoalEditForm
      key={name ?? 'new'}
      original={name === undefined ? undefined : goal.data}
      goals={goals.data}
    />
  );
};

const KpiEditLoader = ({ name }: { name: string | undefined }) => {
  const presetGoal = new URLSearchParams(useSearch()).get('goal') ?? '';
  const kpi = useApi<KpiDef>(name === undefined ? undefined : `/api/kpis/${encodeURIComponent(name)}`);
  const goals = useApi<GoalDef[]>('/api/goals');
  const metrics = useApi<MetricDef[]>('/api/metrics');
  const project = useApi<ProjectInfo>('/api/project');
  for (const [r, what] of [
    [kpi, 'the KPI'],
    [goals, 'the goals'],
    [metrics, 'the metrics'],
  ] as const)
    if (r.state === 'error' && (r !== kpi || name !== undefined))
      return <ErrorBox error={r.error} title={`Could not load ${what}`} />;
  if ((name !== undefined && kpi.state !== 'ready') || goals.state !== 'ready' || metrics.state !== 'ready')
    return <Loading what="the KPI" />;
  return (
    <KpiEditForm
      key={name ?? `new-${presetGoal}`}
      original={name === undefined ? undefined : kpi.data}
      goals={goals.data}
      metrics={metrics.data}
      currency={project.data?.currency}
      presetGoal={presetGoal}
    />
  );
};

export const GoalEditPage = ({ name }: { name?: string }) => (
  <EditGate>
    <GoalEditLoader name={name} />
  </EditGate>
);

export const KpiEditPage = ({ name }: { name?: string }) => (
  <EditGate>
    <KpiEditLoader name={name} />
  </EditGate>
);
