// `kpi deliveries`: the delivery log, newest first — sent, retrying, failed, and the alert
// events (fired, resolved, not fired) and skipped runs.
import { findProjectDir, listDeliveries, openProject, type DeliveryRecord } from '@kpi/app';
import { parse, parsePositiveInt } from '../args.js';
import type { CliContext, Command } from '../cli-context.js';
import { dim, green, red, yellow } from '../cli-context.js';
import { renderJson } from '../output/table-output.js';

const usage = 'kpi deliveries [--name NAME] [--limit N] [--json]';

const WORDS: Readonly<Record<DeliveryRecord['outcome'], string>> = {
  sent: 'sent',
  failed: 'failed',
  retrying: 'failed, will retry',
  fired: 'fired',
  escalated: 'fired (worse)',
  resolved: 'resolved',
  not_fired: 'not fired',
  skipped: 'skipped',
};

export const deliveryLine = (ctx: CliContext, d: DeliveryRecord): string => {
  const word = WORDS[d.outcome];
  const painted =
    d.outcome === 'sent'
      ? green(ctx, word)
      : d.outcome === 'failed' || d.outcome === 'retrying'
        ? red(ctx, word)
        : d.outcome === 'not_fired' || d.outcome === 'skipped'
          ? yellow(ctx, word)
          : word;
  const what = `${d.kind} ${d.name}${d.channel ? ` → ${d.channel}` : ''}`;
  const extra = [d.attempt !== null && d.attempt > 1 ? `attempt ${d.attempt}` : '', d.late ? 'late' : '']
    .filter(Boolean)
    .join(', ');
  return `${dim(ctx, d.at.slice(0, 19).replace('T', ' '))}  ${painted}  ${what}${extra ? ` (${extra})` : ''}${d.detail ? dim(ctx, ` — ${d.detail}`) : ''}\n`;
};

export const deliveriesCommand: Command = {
  name: 'deliveries',
  summary: 'the delivery log of reports and alerts: sent, failed, fired, not fired',
  help: `usage: ${usage}

The log of the scheduler, newest first: each delivery attempt (sent; failed, will retry;
failed after the last attempt — with the error), each alert event (fired, resolved, not
fired with the reason: snoozed, volume below the minimum) and each skipped run. Times are
UTC.

options:
  --name NAME          only this report or alert
  --limit N            at most N lines (default 50)
  --json               machine-readable output
  --project, -p DIR    project folder
`,
  async run(args, ctx) {
    const { values } = parse(
      args,
      { name: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
      usage,
    );
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    const log = await listDeliveries(lp, {
      ...(values.name === undefined ? {} : { name: values.name }),
      limit: parsePositiveInt(values.limit, '--limit') ?? 50,
    });
    if (values.json) ctx.out(renderJson(log));
    else ctx.out(log.length ? log.map((d) => deliveryLine(ctx, d)).join('') : 'nothing delivered yet\n');
    return 0;
  },
};
