// `kpi schedule run-once`: one scheduler pass for cron users — queue the report runs and
// alert checks that fell due, deliver what is due, print what happened.
import { randomUUID } from 'node:crypto';
import {
  closeSharedStore,
  findProjectDir,
  openProject,
  openSharedStore,
  runSchedule,
  stakeholderReportRenderer,
} from '@kpi/app';
import { UsageError } from '@kpi/core';
import { parse } from '../args.js';
import type { Command } from '../cli-context.js';
import { baseUrlOf, secretsOf } from '../delivery-secrets.js';
import { renderJson } from '../output/table-output.js';

const usage = 'kpi schedule run-once [--secrets FILE] [--base-url URL] [--no-pdf] [--json]';

export const scheduleCommand: Command = {
  name: 'schedule',
  summary: 'run the scheduler once: send the reports and alerts that are due (for cron)',
  help: `usage: ${usage}

Runs one pass of the scheduler that \`kpi serve\` runs every 30 seconds: the report runs
(reports: in kpi.yaml, cron in the project time zone) and alert checks (alerts:) whose time
came since the last pass are queued, and every due delivery is sent. Run it from cron
every few minutes when kpi serve is not running, e.g.

  */5 * * * *  cd /srv/marketing-kpis && kpi schedule run-once --secrets /etc/kpi/secrets.env

Each run has an idempotent key, so running it twice, or beside a restarted server, never
sends twice; a run missed while nothing ran is sent once, marked late. The first pass
after a schedule is added only starts its clock. See docs/webhooks.md.

options:
  --secrets FILE       NAME=value lines (or JSON) holding the channels' secrets, outside
                       the project folder (also KPI_SECRETS); the environment is read too
  --base-url URL       the web app's address for links in messages (also KPI_PUBLIC_URL)
  --no-pdf             do not print the report PDF (chromium)
  --json               machine-readable output
  --project, -p DIR    project folder
`,
  async run(args, ctx) {
    const { values, positionals } = parse(
      args,
      {
        secrets: { type: 'string' },
        'base-url': { type: 'string' },
        'no-pdf': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      usage,
    );
    if (positionals[0] !== 'run-once' || positionals.length > 1)
      throw new UsageError(
        'cli.bad_arguments',
        'the schedule command has one action: run-once',
        `usage: ${usage}`,
      );
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    const secrets = secretsOf(ctx, values.secrets, lp.dir);
    const baseUrl = baseUrlOf(ctx, values['base-url']);
    // One engine for the pass: the report use-case opens the store too.
    await openSharedStore(lp);
    try {
      const s = await runSchedule(lp, {
        secrets,
        owner: `${process.pid}-${randomUUID().slice(0, 8)}`,
        renderReport: stakeholderReportRenderer({ pdf: values['no-pdf'] !== true, env: ctx.env }),
        ...(baseUrl === undefined ? {} : { baseUrl }),
      });
      if (values.json) ctx.out(renderJson(s));
      else
        ctx.out(
          `${s.alertsChecked} alert check${s.alertsChecked === 1 ? '' : 's'}, ${s.events} event${s.events === 1 ? '' : 's'}, ` +
            `${s.queued} queued, ${s.sent} sent, ${s.retrying} to retry, ${s.failed} failed\n`,
        );
      return s.failed > 0 ? 1 : 0;
    } finally {
      await closeSharedStore(lp.dir);
    }
  },
};
