// Readings of KPIs over static reference data (`time: none`): such data has one current
// version and no past, so the reading carries no comparison, no driver and no forecast,
// and says why in plain words. Pure once the project is loaded. Invariant: the note names
// the datasets by name and is the same on every surface (CLI, API, web).

import { metricDatasets, ownGet, type Project } from '@kpi/core';
import type { KpiReading } from '@kpi/scorecard';

/** The static datasets (`time: none`) a metric reads, sorted; empty for time-based metrics. */
export const staticDatasetsOf = (project: Project, metric: string): string[] =>
  metricDatasets(project.metrics, metric).filter((d) => ownGet(project.datasets, d)?.static === true);

/** The plain-words reason a metric over these datasets has no comparison and no forecast. */
export const staticNote = (datasets: readonly string[]): string =>
  `reference data with no history (${datasets.length === 1 ? 'dataset' : 'datasets'} ${datasets.join(', ')}: time: none), so there is no earlier period to compare with and nothing to forecast`;

/** The reading without comparisons, drivers or forecast, with the reason, when its metric reads static data. */
export const withStaticData = (project: Project, r: KpiReading): KpiReading => {
  const datasets = staticDatasetsOf(project, r.metric);
  if (datasets.length === 0) return r;
  const note = staticNote(datasets);
  const {
    forecast: _forecast,
    forecastPeriods: _periods,
    anomalies: _anomalies,
    levelShifts: _shifts,
    ...rest
  } = r;
  return {
    ...rest,
    comparisons: [],
    cause: { against: r.cause.against, change: null, dimensions: [], drivers: [], note },
    staticNote: note,
    ...(r.target ? { forecastNote: note } : {}),
  };
};
