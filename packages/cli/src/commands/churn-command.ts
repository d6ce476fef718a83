// `kpi churn [NAME]`: churn risk for the next period from a churn definition — the expected
// churners with an interval, revenue at risk, the segments whose risk rose, and (with --list)
// the riskiest customers, exportable for a win-back campaign. Parses, calls the use-case, prints.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { churnRisk, findProjectDir, likelihoodText, openProject } from '@kpi/app';
import { IoError, UsageError, formatValue, isIsoDate } from '@kpi/core';
import { parse, parsePositiveInt } from '../args.js';
import { bold, dim, type Command } from '../cli-context.js';
import { renderCsv, renderJson, renderTable } from '../output/table-output.js';

const usage = 'kpi churn [NAME] [--list] [--top N] [--csv FILE] [--as-of DATE] [--json]';

export const churnCommand: Command = {
  name: 'churn',
  summary: 'who is about to leave: churn risk, expected churners, revenue at risk, riskiest customers',
  help: `usage: ${usage}

Learns who churned in past periods (the churn definition in YAML: no activity for N days,
or a cancel event) from recency, frequency, tenure, trend and spend, and scores today's
active customers for the next period. Shows the churn rate of the last period, the
expected churners with an 80% interval, the revenue at risk, and the segments whose risk
rose. --list shows the riskiest customers with the main reason; --csv writes them.

options:
  --list               list the riskiest customers
  --top N              how many to list or export (default 20)
  --csv FILE           write the riskiest customers as CSV (for a win-back campaign)
  --as-of DATE         treat DATE as the last complete day (default: yesterday)
  --json               machine-readable output
  --project, -p DIR    project folder
`,
  async run(args, ctx) {
    const { values, positionals } = parse(
      args,
      {
        list: { type: 'boolean' },
        top: { type: 'string' },
        csv: { type: 'string' },
        'as-of': { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
    );
    if (positionals.length > 1)
      throw new UsageError('cli.bad_arguments', 'churn takes at most one name', `usage: ${usage}`);
    const asOf = values['as-of'];
    if (asOf !== undefined && !isIsoDate(asOf))
      throw new UsageError('cli.bad_date', `--as-of "${asOf}" is not a date written YYYY-MM-DD`);
    const top = parsePositiveInt(values.top, '--top');
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    const out = await churnRisk(lp, {
      ...(positionals[0] !== undefined ? { name: positionals[0] } : {}),
      ...(asOf !== undefined ? { asOf } : {}),
      ...(top !== undefined ? { top } : {}),
    });
    const dims = out.segments.length
      ? [...new Set(out.customers.flatMap((c) => Object.keys(c.segments)))]
      : Object.keys(out.customers[0]?.segments ?? {});
    const rows = out.customers.map((c) => ({
      customer: c.customer,
      risk: Math.round(c.risk * 1000) / 1000,
      last_activity: c.lastActivity,
      days_since_activity: c.daysSinceActivity,
      amount_90_days: Math.round(c.amount90 * 100) / 100,
      reason: c.reason,
      ...Object.fromEntries(dims.map((d) => [d, c.segments[d] ?? ''])),
    }));
    if (values.csv !== undefined) {
      const path = resolve(ctx.cwd, values.csv);
      const cols = [
        'customer',
        'risk',
        'last_activity',
        'days_since_activity',
        'amount_90_days',
        'reason',
        ...dims,
      ].map((name) => ({ name }));
      try {
        writeFileSync(path, renderCsv(cols, rows));
      } catch (e) {
        throw new IoError('churn.write_failed', `cannot write ${path}: ${(e as Error).message}`, {
          cause: e,
        });
      }
    }
    if (values.json) {
      ctx.out(renderJson(out));
      return 0;
    }
    const n = (x: number) => formatValue(Math.round(x), { unit: 'count' });
    const pct = (x: number) => formatValue(x, { unit: 'percent', decimals: 1 });
    const money = (x: number) =>
      formatValue(Math.round(x), { unit: 'currency', currency: out.currency, decimals: 0 });
    const how = [
      out.rule.inactiveDays !== undefined ? `${out.rule.inactiveDays} days without activity` : '',
      out.rule.cancel ? 'a cancel' : '',
    ]
      .filter(Boolean)
      .join(' or ');
    ctx.out(
      `${bold(ctx, out.label)} as of ${out.asOf} (churn: ${how}; next period: ${out.horizonDays} days)\n`,
    );
    ctx.out(
      `Last ${out.horizonDays} days: ${n(out.lastPeriod.churned)} of ${n(out.lastPeriod.active)} customers left (${pct(out.lastPeriod.rate)}).\n`,
    );
    ctx.out(
      `Next ${out.horizonDays} days: ${n(out.expected.mean)} of ${n(out.activeCustomers)} active customers expected to leave (${pct(out.expectedRate)}; ${Math.round(out.expected.level * 100)}%: ${n(out.expected.low)}–${n(out.expected.high)}), ${money(out.revenueAtRisk)} of their last 90 days' revenue at risk.\n`,
    );
    if (out.segments.length) {
      ctx.out(`Cause: churn rose in `);
      ctx.out(
        out.segments
          .slice(0, 3)
          .map(
            (s) =>
              `${s.label} (${s.dimensionLabel.toLowerCase()}): ${pct(s.rateBefore)} → ${pct(s.rateNow)} of ${n(s.customers)} customers left, ${likelihoodText(s.riskNext)} risk next`,
          )
          .join('; ') + '\n',
      );
    } else ctx.out('Cause: churn rose clearly in no segment over the last period.\n');
    if (values.list) {
      ctx.out('\n');
      ctx.out(
        renderTable(
          [
            { name: 'customer' },
            { name: 'risk', unit: 'percent', decimals: 0 },
            { name: 'last_activity' },
            { name: 'amount_90_days', unit: 'currency', currency: out.currency },
            { name: 'reason' },
            ...dims.map((name) => ({ name })),
          ],
          rows,
        ),
      );
    }
    ctx.out(
      dim(
        ctx,
        `\nModel checked on the last period it had not learned from: AUC ${out.validation.auc.toFixed(2)}, Brier ${out.validation.brier.toFixed(3)} (${n(out.validation.customers)} customers).\n`,
      ),
    );
    if (values.csv !== undefined) ctx.out(dim(ctx, `${rows.length} customers written to ${values.csv}\n`));
    return 0;
  },
};
