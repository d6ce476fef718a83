// The supporting metrics of a goal (context, not KPIs): collapsed by default so the KPIs
// stay the headline. One row per metric: its value and the change against the previous
// period (arrow + word + colour).

import type { MetricReading } from '../../api/api-types';
import { fmt, humanize } from '../../ui/format';
import { ChangeText } from './kpi-comparisons';

export const SupportingMetrics = ({ readings }: { readings: readonly MetricReading[] }) =>
  readings.length === 0 ? null : (
    <details className="panel supporting">
      <summary>
        Context — supporting metrics (not KPIs) <span className="muted">({readings.length})</span>
      </summary>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col" className="num">
                Value
              </th>
              <th scope="col" className="num">
                vs previous period
              </th>
            </tr>
          </thead>
          <tbody>
            {readings.map((m) => (
              <tr key={m.metric}>
                <th scope="row">{m.label ?? humanize(m.metric)}</th>
                <td className="num">{fmt(m.value, m.format)}</td>
                <td className="num">
                  {m.previous ? (
                    <>
                      <span className="muted">{fmt(m.previous.value, m.format)}</span>{' '}
                      <ChangeText c={m.previous} format={m.format} />
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
