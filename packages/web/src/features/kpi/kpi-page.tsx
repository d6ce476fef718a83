// The KPI page (/kpis/:kpi): header, chart, "will we make it?", drivers, the themes of a
// sentiment KPI's negative mentions, target history,
// reviews and check findings, in that order. Each section loads on its own and shows its
// own loading and error state, so one failing request never blanks the page.
// Invariant: the forecast band is optional — when its request fails or it has no points,
// the page falls back to the reading's forecast summary and says so.

import { useEffect, useMemo } from 'react';
import { Link } from 'wouter';
import type {
  Annotation,
  ChangeRow,
  CheckReport,
  ForecastBand,
  KpiDef,
  KpiExplanation,
  Review,
} from '../../api/api-types';
import { useApi } from '../../api/use-api';
import { humanize } from '../../ui/format';
import { ErrorBox, Loading } from '../../ui/page-state';
import { KpiChartSection, type BandStatus } from './kpi-chart-section';
import { KpiChecksSection } from './kpi-checks-section';
import { whereOfFilter } from './kpi-drill-model';
import type { DrillScope } from './kpi-drill-panel';
import { KpiDriversSection } from './kpi-drivers-section';
import { KpiForecastSection } from './kpi-forecast-section';
import { KpiHeaderSection } from './kpi-header-section';
import { KpiHistoryList } from './kpi-history-section';
import { KpiReviewsSection } from './kpi-reviews-section';
import { KpiThemesSection } from './kpi-themes-section';
import { changeOf } from './kpi-shapes';

const NO_ANNOTATIONS: readonly Annotation[] = [];

const Pending = ({ what }: { what: string }) => (
  <section className="panel kpi-section">
    <Loading what={what} />
  </section>
);

export const KpiPage = ({ name }: { name: string }) => {
  const base = `/api/kpis/${encodeURIComponent(name)}`;
  const sc = useApi<KpiExplanation>(`${base}/scorecard`);
  const def = useApi<KpiDef>(base);
  const band = useApi<ForecastBand>(`${base}/forecast`);
  const history = useApi<ChangeRow[]>(`${base}/history`);
  const reviews = useApi<Review[]>(`${base}/reviews`);
  const checksQuery = useMemo(() => ({ kpi: name }), [name]);
  const checks = useApi<CheckReport>('/api/checks', checksQuery);
  const annotations = useApi<Annotation[]>('/api/annotations');

  const reading = sc.data?.reading;
  const changes = useMemo(() => history.data?.map(changeOf) ?? [], [history.data]);
  const label = reading?.label ?? def.data?.label ?? humanize(name);
  // The drill-down queries carry the KPI's own filter, so they wait for its definition.
  const defError = def.state === 'error' ? def.error : undefined;
  const drillScope = useMemo<DrillScope>(
    () =>
      def.data
        ? { state: 'ready', filter: whereOfFilter(def.data.filter) }
        : defError
          ? { state: 'error', error: defError }
          : { state: 'loading' },
    [def.data, defError],
  );
  useEffect(() => {
    document.title = `${label} · kpi`;
  }, [label]);

  const bandStatus: BandStatus =
    band.state === 'loading'
      ? { kind: 'loading' }
      : band.state === 'error'
        ? {
            kind: 'missing',
            why: `${band.error.message}${band.error.status > 0 ? ` (${band.error.code})` : ''}`,
          }
        : band.data.points.length === 0
          ? { kind: 'missing', why: band.data.note ?? 'no points were returned' }
          : { kind: 'ready' };
  const bandData = band.state === 'ready' ? band.data : undefined;

  const problem =
    sc.state === 'error' ? (
      <ErrorBox error={sc.error} title="Could not load this KPI's reading" />
    ) : sc.state === 'loading' && !reading ? (
      <Loading what="the reading" />
    ) : null;

  if (sc.state === 'error' && sc.error.status === 404 && def.state === 'error' && def.error.status === 404)
    return (
      <section className="panel kpi-page" data-testid="kpi-page" data-kpi={name}>
        <h1>No KPI “{name}”</h1>
        <ErrorBox error={sc.error} title="This KPI does not exist" />
        <p>
          <Link href="/">Back to the overview</Link>
        </p>
      </section>
    );

  return (
    <div className="kpi-page" data-testid="kpi-page" data-kpi={name}>
      <KpiHeaderSection
        name={name}
        reading={reading}
        def={def.data}
        goalTitle={sc.data?.goalTitle}
        problem={problem}
      />
      {def.state === 'error' && def.error.status !== 404 && (
        <ErrorBox error={def.error} title="Could not load the KPI's definition" />
      )}
      {reading ? (
        <>
          <KpiChartSection
            reading={reading}
            band={bandData}
            bandStatus={bandStatus}
            annotations={annotations.data ?? NO_ANNOTATIONS}
            filter={def.data?.filter}
          />
          <KpiForecastSection reading={reading} band={bandData} />
          <KpiDriversSection reading={reading} scope={drillScope} />
          <KpiThemesSection reading={reading} onChanged={sc.reload} />
        </>
      ) : (
        sc.state === 'loading' && <Pending what="the chart, forecast and drivers" />
      )}
      <section className="panel kpi-section" aria-labelledby="kpi-history-h">
        <h2 id="kpi-history-h">Target history</h2>
        {history.state === 'loading' && history.data === undefined && <Loading what="the history" />}
        {history.state === 'error' && <ErrorBox error={history.error} title="Could not load the history" />}
        {history.data !== undefined && <KpiHistoryList changes={changes} format={reading?.format ?? {}} />}
      </section>
      <KpiReviewsSection
        name={name}
        owner={reading?.owner ?? def.data?.owner}
        reviews={reviews}
        afterSave={checks.reload}
      />
      <KpiChecksSection name={name} checks={checks} />
    </div>
  );
};
