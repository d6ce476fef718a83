// Cross-reference rules of the delivery sections: a report or alert sends to channels that
// exist, a report's goal, an alert's KPI and a stale-import alert's dataset exist. Pure.
// Invariant: returns every problem; the loader adds positions from `path`.

import type { Issue } from '../result.js';
import type { Project } from './project-model.js';
import { ownGet } from '../own-lookup.js';

type Path = readonly (string | number)[];
const err = (code: string, message: string, path: Path, hint: string): Issue => ({
  code,
  severity: 'error',
  message,
  path,
  hint,
});
const names = (r: Readonly<Record<string, unknown>> | undefined): string =>
  Object.keys(r ?? {})
    .sort()
    .join(', ') || '(none)';

const channelRefs = (
  p: Project,
  section: 'reports' | 'alerts',
  name: string,
  to: readonly string[],
): Issue[] =>
  to.flatMap((c, i) =>
    ownGet(p.channels ?? {}, c)
      ? []
      : [
          err(
            `${section === 'reports' ? 'report' : 'alert'}.channel_unknown`,
            `${section}.${name}: channel "${c}" is not defined under channels:`,
            [section, name, 'to', i],
            `channels: ${names(p.channels)}`,
          ),
        ],
  );

export const validateDelivery = (p: Project): Issue[] => {
  const out: Issue[] = [];
  for (const [name, r] of Object.entries(p.reports ?? {})) {
    out.push(...channelRefs(p, 'reports', name, r.to));
    if (r.goal !== undefined && !ownGet(p.goals, r.goal))
      out.push(
        err(
          'report.goal_unknown',
          `reports.${name}: goal "${r.goal}" is not defined`,
          ['reports', name, 'goal'],
          `goals: ${names(p.goals)}`,
        ),
      );
  }
  for (const [name, a] of Object.entries(p.alerts ?? {})) {
    out.push(...channelRefs(p, 'alerts', name, a.to));
    if (a.when.kind === 'stale_import') {
      if (!ownGet(p.datasets, a.when.dataset))
        out.push(
          err(
            'alert.dataset_unknown',
            `alerts.${name}: dataset "${a.when.dataset}" is not defined`,
            ['alerts', name, 'when', 'dataset'],
            `datasets: ${names(p.datasets)}`,
          ),
        );
    } else if (a.kpi === undefined)
      out.push(
        err(
          'alert.kpi_missing',
          `alerts.${name}: a ${a.when.kind} alert needs the KPI it watches`,
          ['alerts', name],
          'add kpi: <name of a KPI>',
        ),
      );
    else if (!ownGet(p.kpis, a.kpi))
      out.push(
        err(
          'alert.kpi_unknown',
          `alerts.${name}: KPI "${a.kpi}" is not defined`,
          ['alerts', name, 'kpi'],
          `KPIs: ${names(p.kpis)}`,
        ),
      );
  }
  return out;
};
