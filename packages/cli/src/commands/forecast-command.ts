// `kpi forecast <kpi> [--backtest]`: the KPI's forecast for the next periods, or how the
// forecast would have done over the last periods (errors and interval coverage).
import { findProjectDir, forecastKpi, openProject, runSeriesFile } from '@kpi/app';
import { UsageError, formatValue, isIsoDate, type Unit, ownGet } from '@kpi/core';
import { parse, parsePositiveInt } from '../args.js';
import { bold, dim, type Command } from '../cli-context.js';
import { renderJson, renderTable } from '../output/table-output.js';

const usage =
  'kpi forecast <kpi> [--backtest] [--horizon N] [--origins N] [--as-of DATE] [--json]\n       kpi forecast --series FILE [--horizon N]';

export const forecastCommand: Command = {
  name: 'forecast',
  summary: "forecast a KPI at its review cadence, or backtest the forecast on the KPI's own history",
  help: `usage: ${usage}

Forecasts the KPI's metric (with the KPI's filter) by its review cadence (weekly KPIs by
week, monthly by month), from closed periods only, with 80% and 95% intervals.
With --backtest, replays the last periods as if they were the future: for each origin
it forecasts --horizon periods from the data before it and reports the errors (MAE,
sMAPE, MASE) and how often the actual value fell inside the 80% and 95% intervals.

 With --series FILE, forecasts every series of a file instead of a KPI: JSON lines
{"id","values","period"?,"horizon"?,"start"?,"grain"?,"target"?} or a CSV id,date,value;
writes one JSON line per series, {"id","mean","lo80","hi80","lo95","hi95","probability"?}
(probability: that the last step reaches "target"), or {"id","code","error"} for a series
that cannot be forecast (the run goes on; exit 1 when any was refused).

options:
  --series FILE        forecast every series of FILE (JSON lines, or .csv)
  --backtest           replay the last periods instead of forecasting the next ones
  --horizon N          periods ahead (default: 8 weeks, 3 months, 2 quarters)
  --origins N          backtest: how many forecast origins (default 4)
  --as-of DATE         treat DATE as the last complete day (default: yesterday)
  --json               machine-readable output
  --project, -p DIR    project folder
`,
  async run(args, ctx) {
    const { values, positionals } = parse(
      args,
      {
        backtest: { type: 'boolean' },
        horizon: { type: 'string' },
        origins: { type: 'string' },
        'as-of': { type: 'string' },
        json: { type: 'boolean' },
        series: { type: 'string' },
      },
      usage,
    );
    if (values.series !== undefined) {
      if (positionals.length)
        throw new UsageError('cli.bad_arguments', 'forecast --series takes no KPI name', `usage: ${usage}`);
      const horizon = parsePositiveInt(values.horizon, '--horizon');
      const sum = await runSeriesFile(
        values.series,
        { mode: 'forecast', ...(horizon ? { horizon } : {}) },
        (r) => ctx.out(`${JSON.stringify(r)}\n`),
      );
      return sum.refused > 0 ? 1 : 0;
    }
    const [kpi, ...extra] = positionals;
    if (kpi === undefined || extra.length)
      throw new UsageError('cli.bad_arguments', 'forecast takes one KPI name', `usage: ${usage}`);
    const asOf = values['as-of'];
    if (asOf !== undefined && !isIsoDate(asOf))
      throw new UsageError('cli.bad_date', `--as-of "${asOf}" is not a date written YYYY-MM-DD`);
    const horizon = parsePositiveInt(values.horizon, '--horizon');
    const origins = parsePositiveInt(values.origins, '--origins');
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    const out = await forecastKpi(lp, {
      kpi,
      ...(values.backtest ? { backtest: true } : {}),
      ...(horizon !== undefined ? { horizon } : {}),
      ...(origins !== undefined ? { origins } : {}),
      ...(asOf !== undefined ? { asOf } : {}),
    });
    if (values.json) {
      ctx.out(renderJson(out));
      return 0;
    }
    const m = ownGet(lp.project.metrics, out.metric);
    const unit: Unit = m?.unit ?? 'number';
    const currency = unit === 'currency' ? (m?.currency ?? lp.project.settings.currency) : undefined;
    const col = (name: string) => ({ name, unit, ...(currency ? { currency } : {}) });
    if (out.backtest) {
      const b = out.backtest;
      ctx.out(
        `${bold(ctx, `Backtest of ${kpi}`)} by ${out.grain}: ${b.origins.length} origins, ${b.origins[0]?.actual.length ?? 0} ${out.grain}s ahead each\n`,
      );
      const rows = b.origins.map((o) => ({
        origin: out.periods[o.origin]?.period ?? String(o.origin),
        model: o.model,
        mae: o.mae,
        'sMAPE %': o.smape.toFixed(1),
        mase: o.mase.toFixed(2),
        'in 80%': o.coverage80,
        'in 95%': o.coverage95,
      }));
      rows.push({
        origin: 'all',
        model: '',
        mae: b.mae,
        'sMAPE %': b.smape.toFixed(1),
        mase: b.mase.toFixed(2),
        'in 80%': b.coverage80,
        'in 95%': b.coverage95,
      });
      ctx.out(
        renderTable(
          [
            { name: 'origin' },
            { name: 'model' },
            col('mae'),
            { name: 'sMAPE %', numeric: true },
            { name: 'mase', numeric: true },
            { name: 'in 80%', unit: 'percent' },
            { name: 'in 95%', unit: 'percent' },
          ],
          rows,
        ),
      );
      ctx.out(
        dim(
          ctx,
          `MASE below 1: smaller errors than a naive forecast on the same history. Well-calibrated intervals hold about 80% and 95% of the actual values.\n`,
        ),
      );
      return 0;
    }
    const fc = out.forecast;
    if (!fc) return 0;
    ctx.out(
      `${bold(ctx, `Forecast of ${kpi}`)} by ${out.grain} (model ${fc.model}, ${fc.historyDays} days of history; the same forecast as in kpi status)\n`,
    );
    // Counts are forecast as whole things (the heading says these are forecasts, so no "≈" per cell).
    const f = (x: number | undefined) =>
      formatValue(x === undefined ? null : unit === 'count' ? Math.round(x) : x, {
        unit,
        ...(currency ? { currency } : {}),
      });
    const rows = fc.periods.map((p, i) => ({
      period: p,
      forecast: f(fc.mean[i]),
      '80%': `${f(fc.low80[i])} – ${f(fc.high80[i])}`,
      '95%': `${f(fc.low95[i])} – ${f(fc.high95[i])}`,
    }));
    ctx.out(
      renderTable(
        [
          { name: 'period' },
          { name: 'forecast', numeric: true },
          { name: '80%', numeric: true },
          { name: '95%', numeric: true },
        ],
        rows,
      ),
    );
    return 0;
  },
};
