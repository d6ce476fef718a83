// `kpi alerts list | test NAME | snooze NAME --for D | --until T | --off | secret`: the
// alerts of kpi.yaml with their state and last fired / not fired / failed; a test
// message now; snoozing; a new webhook signing secret.
import {
  findProjectDir,
  listAlerts,
  newWebhookSecret,
  openProject,
  snoozeAlert,
  systemClock,
  testAlert,
  type AlertListing,
} from '@kpi/app';
import { UsageError } from '@kpi/core';
import { parse } from '../args.js';
import type { CliContext, Command } from '../cli-context.js';
import { bold, dim, green, red } from '../cli-context.js';
import { baseUrlOf, secretsOf } from '../delivery-secrets.js';
import { renderJson } from '../output/table-output.js';

const usage =
  'kpi alerts list [--json] | kpi alerts test NAME [--secrets FILE] | kpi alerts snooze NAME (--for 2h|3d | --until TIME | --off) | kpi alerts secret';

const CONDITION: Readonly<Record<AlertListing['condition'], string>> = {
  verdict: 'verdict changes',
  probability_below: 'probability of a hit falls',
  anomaly: 'an unusual day',
  guard: 'the Goodhart guard trips',
  review_overdue: 'review overdue',
  stale_import: 'no recent import',
};

const when = (o: AlertListing['lastFired']): string =>
  o ? `${o.at.slice(0, 16).replace('T', ' ')}` : 'never';

const listing = (ctx: CliContext, a: AlertListing): string =>
  `${bold(ctx, a.name)}  ${a.phase === 'firing' ? red(ctx, 'firing') : green(ctx, 'armed')}  ${CONDITION[a.condition]}${a.kpi ? ` on ${a.kpi}` : ''} → ${a.to.join(', ')}\n` +
  `  last fired: ${when(a.lastFired)}   not fired: ${when(a.lastNotFired)}${a.lastNotFired?.detail ? dim(ctx, ` (${a.lastNotFired.detail})`) : ''}   failed: ${when(a.lastFailed)}${a.lastFailed?.detail ? dim(ctx, ` (${a.lastFailed.detail})`) : ''}\n` +
  (a.snoozedUntil ? `  snoozed until ${a.snoozedUntil}\n` : '');

const DURATION = /^(\d+)(m|h|d)$/;
const MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export const alertsCommand: Command = {
  name: 'alerts',
  summary: 'list the alerts with their last outcome, send a test, snooze',
  help: `usage: ${usage}

Alerts are defined under alerts: in kpi.yaml (see docs/webhooks.md). Each one fires once
when its condition starts, resolves when it ends, and re-arms.

actions:
  list                 each alert: armed or firing, last fired, last not fired (and why),
                       last failed delivery (and the error)
  test NAME            send the alert's message as it would read now to each of its
                       channels, marked as a test; changes no state
  snooze NAME          --for 2h / 3d / 30m, or --until 2026-03-02T09:00:00Z; --off wakes it
  secret               print a new webhook signing secret ("whsec_" + base64) to put in
                       the environment or the secrets file

options:
  --secrets FILE       the channels' secrets (also KPI_SECRETS), outside the project
  --base-url URL       the web app's address for links (also KPI_PUBLIC_URL)
  --json               machine-readable output
  --project, -p DIR    project folder
`,
  async run(args, ctx) {
    const { values, positionals } = parse(
      args,
      {
        json: { type: 'boolean' },
        secrets: { type: 'string' },
        'base-url': { type: 'string' },
        for: { type: 'string' },
        until: { type: 'string' },
        off: { type: 'boolean' },
      },
      usage,
    );
    const [action, name] = positionals;
    if (action === 'secret') {
      ctx.out(`${newWebhookSecret()}\n`);
      return 0;
    }
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    if (action === 'list' || action === undefined) {
      const alerts = await listAlerts(lp);
      if (values.json) ctx.out(renderJson(alerts));
      else
        ctx.out(
          alerts.length
            ? alerts.map((a) => listing(ctx, a)).join('')
            : 'no alerts: add an alerts: section to kpi.yaml (docs/webhooks.md)\n',
        );
      return 0;
    }
    if (name === undefined)
      throw new UsageError(
        'cli.bad_arguments',
        `kpi alerts ${action} needs the name of an alert`,
        `usage: ${usage}`,
      );
    if (action === 'test') {
      const baseUrl = baseUrlOf(ctx, values['base-url']);
      const results = await testAlert(lp, name, {
        secrets: secretsOf(ctx, values.secrets, lp.dir),
        ...(baseUrl ? { baseUrl } : {}),
      });
      if (values.json) ctx.out(renderJson(results));
      else
        for (const r of results)
          ctx.out(
            r.ok
              ? `${green(ctx, 'sent')} to ${r.channel}\n`
              : `${red(ctx, 'failed')} ${r.channel}: ${r.error ?? ''}\n`,
          );
      return results.every((r) => r.ok) ? 0 : 1;
    }
    if (action === 'snooze') {
      let until: string | null;
      if (values.off) until = null;
      else if (values.until !== undefined) until = values.until;
      else {
        const m = DURATION.exec(values.for ?? '');
        if (!m?.[1] || !m[2])
          throw new UsageError(
            'cli.bad_arguments',
            'snooze needs --for 30m / 2h / 3d, --until TIME or --off',
            `usage: ${usage}`,
          );
        until = new Date(
          (lp.clock ?? systemClock).now().getTime() + Number(m[1]) * MS[m[2] as keyof typeof MS],
        ).toISOString();
      }
      await snoozeAlert(lp, name, until);
      ctx.out(
        until === null ? `${name} is awake\n` : `${name} snoozed until ${new Date(until).toISOString()}\n`,
      );
      return 0;
    }
    throw new UsageError('cli.bad_arguments', `unknown action "${action}"`, `usage: ${usage}`);
  },
};
