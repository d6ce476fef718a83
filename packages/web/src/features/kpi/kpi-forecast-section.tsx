// Section 3 of the KPI page, "Will we make it?": the forecast at the deadline with its 80%
// and 95% ranges against the target (as numbers and as a simple range bar), the chance of
// hitting the target, the model and how much history it saw; or why there is no forecast;
// and the level shifts found in the history. Numbers through ui/format.ts.

import type { ForecastBand, KpiReading } from '../../api/api-types';
import { fmt, fmtDate, fmtProbability } from '../../ui/format';

const chanceWords = (p: number): string =>
  p >= 0.9
    ? 'very likely'
    : p >= 0.6
      ? 'likely'
      : p >= 0.4
        ? 'a toss-up'
        : p >= 0.1
          ? 'unlikely'
          : 'very unlikely';

/** A horizontal bar: the 95% range, the 80% range inside it, the forecast and the target as ticks. */
const RangeBar = ({ reading }: { reading: KpiReading }) => {
  const f = reading.forecast;
  if (!f) return null;
  const tv = reading.target?.value;
  const lo = Math.min(f.low95, tv ?? f.low95);
  const hi = Math.max(f.high95, tv ?? f.high95);
  const span = hi - lo || 1;
  const at = (v: number) => `${(((v - lo) / span) * 100).toFixed(2)}%`;
  const width = (a: number, b: number) => `${(((b - a) / span) * 100).toFixed(2)}%`;
  return (
    <div className="kpi-rangebar" aria-hidden="true">
      <div className="kpi-rangebar-track">
        <span className="kpi-rangebar-95" style={{ left: at(f.low95), width: width(f.low95, f.high95) }} />
        <span className="kpi-rangebar-80" style={{ left: at(f.low80), width: width(f.low80, f.high80) }} />
        <span className="kpi-rangebar-mean" style={{ left: at(f.atDeadline) }} />
        {tv !== undefined && <span className="kpi-rangebar-target" style={{ left: at(tv) }} />}
      </div>
      <div className="kpi-rangebar-keys small muted">
        <span>
          <span className="kpi-key kpi-key-mean" /> forecast
        </span>
        {tv !== undefined && (
          <span>
            <span className="kpi-key kpi-key-target" /> target {fmt(tv, reading.format)}
          </span>
        )}
        <span>
          <span className="kpi-key kpi-key-80" /> 80%
        </span>
        <span>
          <span className="kpi-key kpi-key-95" /> 95%
        </span>
      </div>
    </div>
  );
};

export const KpiForecastSection = ({
  reading,
  band,
}: {
  reading: KpiReading;
  band: ForecastBand | undefined;
}) => {
  const f = reading.forecast;
  const fmtv = (v: number) => fmt(v, reading.format);
  const deadline = reading.target?.deadline;
  const total = reading.target?.kind === 'cumulative';
  const lastPoint = band?.points[band.points.length - 1];
  return (
    <section className="panel kpi-section" aria-labelledby="kpi-forecast-h">
      <h2 id="kpi-forecast-h">Will we make it?</h2>
      {f ? (
        <>
          <dl className="kpi-forecast">
            <div>
              <dt>
                {total ? 'Forecast total' : 'Forecast'}{' '}
                {deadline ? `at the deadline (${fmtDate(deadline)})` : 'at the end'}
              </dt>
              <dd className="num kpi-forecast-value">{fmtv(f.atDeadline)}</dd>
            </div>
            <div>
              <dt>80% range</dt>
              <dd className="num">
                {fmtv(f.low80)} – {fmtv(f.high80)}
              </dd>
            </div>
            <div>
              <dt>95% range</dt>
              <dd className="num">
                {fmtv(f.low95)} – {fmtv(f.high95)}
              </dd>
            </div>
            {f.probability !== undefined && (
              <div>
                <dt>Chance of hitting the target</dt>
                <dd className="num">
                  <strong data-testid="kpi-probability">{fmtProbability(f.probability)}</strong>{' '}
                  <span className="muted">({chanceWords(f.probability)})</span>
                </dd>
              </div>
            )}
          </dl>
          <RangeBar reading={reading} />
          <p className="small muted">
            Model: <code>{f.model}</code>, fitted on {f.historyDays.toLocaleString('en-US')} days of history.
            {band?.model && band.model !== f.model ? (
              <>
                {' '}
                The chart's band by period uses <code>{band.model}</code>.
              </>
            ) : null}
          </p>
        </>
      ) : (
        <>
          <p>
            {reading.forecastNote
              ? `No forecast at the deadline: ${reading.forecastNote}.`
              : 'No forecast at the deadline for this KPI.'}
          </p>
          {lastPoint && (
            <p>
              The forecast by period (drawn on the chart) ends with {lastPoint.label}:{' '}
              <strong className="num">{fmtv(lastPoint.value)}</strong> (80% range{' '}
              <span className="num">
                {fmtv(lastPoint.low80)} – {fmtv(lastPoint.high80)}
              </span>
              , 95% range{' '}
              <span className="num">
                {fmtv(lastPoint.low95)} – {fmtv(lastPoint.high95)}
              </span>
              )
              {band?.model ? (
                <>
                  , model <code>{band.model}</code>
                </>
              ) : null}
              .
            </p>
          )}
        </>
      )}
      {f && reading.forecastNote && <p className="small muted">{reading.forecastNote}</p>}
      {band?.note && <p className="small muted">Forecast by period: {band.note}.</p>}
      {(reading.levelShifts?.length ?? 0) > 0 && (
        <>
          <h3>Level shifts</h3>
          <ul className="kpi-shifts">
            {reading.levelShifts?.map((s) => (
              <li key={s.date}>
                From {fmtDate(s.date)} the level moved from <span className="num">{fmtv(s.before)}</span> to{' '}
                <span className="num">{fmtv(s.after)}</span>.
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
};
