// `kpi utm build | parse | lint | report`: campaign links with GA4's nine parameters, checked
// against the project's naming rules (utm: in kpi.yaml, or the defaults outside a project);
// the lint of an export's tags; attribution by campaign. Parses, calls core or app, prints.
// Exit codes: 0 clean, 1 problems found, 2 usage (a bad base URL, unknown flags), 3 IO.
import {
  findProjectDir,
  lintUtmDataset,
  lintUtmExport,
  openProject,
  utmAttribution,
  utmRules,
  type LoadedProject,
  type UtmLintOutcome,
} from '@kpi/app';
import {
  NotFoundError,
  UTM_LABELS,
  UTM_PARAMS,
  UsageError,
  buildUtmUrl,
  formatIssue,
  formatValue,
  isIsoDate,
  parseUtmUrl,
  type Issue,
  type UtmParam,
} from '@kpi/core';
import { resolve } from 'node:path';
import { parse } from '../args.js';
import { bold, dim, type CliContext, type Command } from '../cli-context.js';
import { renderJson, renderTable } from '../output/table-output.js';

const usage =
  'kpi utm build URL --source S --medium M --campaign C [...] | parse URL | lint FILE|--dataset | report';

/** --source for utm_source, --source-platform for utm_source_platform, ... */
const flagOf = (p: UtmParam): string => p.slice(4).replace(/_/g, '-');
const PARAM_OPTIONS = Object.fromEntries(
  UTM_PARAMS.map((p) => [flagOf(p), { type: 'string' as const, multiple: p === 'utm_content' }]),
) as Record<string, { type: 'string'; multiple: boolean }>;

const help = `usage: kpi utm <build|parse|lint|report> [options]

Campaign links with GA4's nine parameters, checked against the project's naming rules
(utm: in kpi.yaml: sources, mediums, lowercase, allow_spaces, separator, required; outside
a project: lower case, no spaces, source, medium and campaign required).

  kpi utm build URL --source S --medium M --campaign C [--id --term --content
                --source-platform --creative-format --marketing-tactic] [--normalize]
      The tagged URL: values percent-encoded, the URL's own query and #fragment kept,
      utm pairs it already has replaced. Give --content several times for one link per
      variant. --normalize writes values the rules' way (lower case, separator).
  kpi utm parse URL
      The parameters of a tagged URL, and what breaks the rules.
  kpi utm lint FILE [--column PARAM=HEADER ...] [--url-column HEADER]
  kpi utm lint --dataset [--from DATE] [--to DATE]
      Broken or inconsistent tags in a sessions or clicks export (CSV/TSV; columns found by
      their names, e.g. "Session source", or read from a URL column) or in the project's
      sessions dataset: capitals, spaces, separators, unknown sources and mediums, missing
      parameters, and one campaign spelled several ways. Each problem once, with its row
      count and first rows.
  kpi utm report [--from DATE] [--to DATE]
      Attribution by campaign: spend (utm.paid datasets), sessions and conversions
      (utm.sessions), cost per conversion, and the campaigns found on one side only.

options:
  --json               machine-readable output
  --project, -p DIR    project folder

Exit codes: 0 no problems, 1 problems found, 2 usage error, 3 IO failure.
`;

/** The project when there is one (rules and datasets); none outside a project folder. */
const maybeProject = (ctx: CliContext, explicit: string | undefined): LoadedProject | undefined => {
  try {
    return openProject(findProjectDir(ctx.cwd, explicit));
  } catch (e) {
    if (explicit === undefined && e instanceof NotFoundError && e.code === 'project.not_found')
      return undefined;
    throw e;
  }
};

const printIssues = (ctx: CliContext, issues: readonly Issue[]): void => {
  for (const i of issues) ctx.err(formatIssue(i) + '\n');
};

const dateFlag = (v: string | undefined, flag: string): string | undefined => {
  if (v !== undefined && !isIsoDate(v))
    throw new UsageError('cli.bad_date', `${flag} "${v}" is not a date written YYYY-MM-DD`);
  return v;
};

const build = (args: readonly string[], ctx: CliContext): number => {
  const { values, positionals } = parse(
    args,
    { ...PARAM_OPTIONS, normalize: { type: 'boolean' }, json: { type: 'boolean' } },
    'kpi utm build URL --source S --medium M --campaign C [--content X ...] [--normalize] [--json]',
  );
  const base = positionals[0];
  if (base === undefined || positionals.length > 1)
    throw new UsageError(
      'cli.bad_arguments',
      'utm build takes one base URL',
      'e.g. kpi utm build https://example.com/shop --source google --medium cpc --campaign spring_sale',
    );
  const rules = utmRules(maybeProject(ctx, values.project));
  const raw = values as Record<string, string | string[] | boolean | undefined>;
  const single = ownValues(raw);
  const contents = (raw['content'] as string[] | undefined) ?? [];
  const variants = contents.length > 1 ? contents : [contents[0]];
  const built = variants.map((content) =>
    buildUtmUrl(base, { ...single, ...(content !== undefined ? { utm_content: content } : {}) }, rules, {
      normalize: values.normalize === true,
    }),
  );
  const baseProblem = built[0]?.issues.find((i) => i.path[0] === 'base');
  if (baseProblem) throw new UsageError(baseProblem.code, baseProblem.message, baseProblem.hint);
  if (values.json) ctx.out(renderJson(built.length === 1 ? built[0] : built));
  else for (const b of built) ctx.out(`${b.url ?? ''}\n`);
  const issues = dedupe(built.flatMap((b) => b.issues));
  if (!values.json) {
    const replaced = [...new Set(built.flatMap((b) => b.replaced))];
    if (replaced.length) ctx.err(dim(ctx, `replaced in the base URL: ${replaced.join(', ')}`) + '\n');
    printIssues(ctx, issues);
    if (issues.length) ctx.err(dim(ctx, "  hint: --normalize writes the values the rules' way") + '\n');
  }
  return issues.some((i) => i.severity === 'error') ? 1 : 0;
};

const dedupe = (issues: readonly Issue[]): Issue[] => {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.code}|${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

const ownValues = (raw: Record<string, unknown>): Partial<Record<UtmParam, string>> => {
  const out: Partial<Record<UtmParam, string>> = {};
  for (const p of UTM_PARAMS) {
    if (p === 'utm_content') continue;
    const v = Object.hasOwn(raw, flagOf(p)) ? raw[flagOf(p)] : undefined;
    if (typeof v === 'string') out[p] = v;
  }
  return out;
};

const parseCmd = (args: readonly string[], ctx: CliContext): number => {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } }, 'kpi utm parse URL [--json]');
  const url = positionals[0];
  if (url === undefined || positionals.length > 1)
    throw new UsageError(
      'cli.bad_arguments',
      'utm parse takes one URL',
      'e.g. kpi utm parse "https://example.com/?utm_source=google"',
    );
  const r = parseUtmUrl(url, utmRules(maybeProject(ctx, values.project)));
  if (values.json) ctx.out(renderJson({ ...r, params: { ...r.params } }));
  else {
    const rows = UTM_PARAMS.flatMap((p) => {
      const v = r.params[p];
      return v === undefined ? [] : [{ parameter: UTM_LABELS[p], name: p, value: v }];
    });
    ctx.out(
      rows.length
        ? renderTable([{ name: 'parameter' }, { name: 'name' }, { name: 'value' }], rows)
        : 'no campaign parameters in this URL\n',
    );
    ctx.out(`${dim(ctx, 'without the tags:')} ${r.base}\n`);
    printIssues(ctx, r.issues);
  }
  return r.issues.length ? 1 : 0;
};

const lintText = (ctx: CliContext, o: UtmLintOutcome): void => {
  const r = o.report;
  const n = (x: number) => formatValue(x, { unit: 'count' });
  ctx.out(
    `${bold(ctx, `Campaign tags in ${o.source}`)}: ${n(r.rows)} rows, ${n(r.taggedRows)} tagged, ${n(r.untaggedRows)} untagged (organic, referral, direct; not checked)\n`,
  );
  ctx.out(
    dim(
      ctx,
      `read from: ${o.mapping.map((m) => `${UTM_LABELS[m.param].toLowerCase()} ← ${m.column}`).join(', ')}`,
    ) + '\n',
  );
  if (!r.problems.length) {
    ctx.out('No problems: every tag follows the rules.\n');
    return;
  }
  ctx.out(`${n(r.problems.length)} problem${r.problems.length === 1 ? '' : 's'}:\n`);
  for (const p of r.problems) {
    const where = p.firstRefs.length ? `; first: ${p.firstRefs.join(', ')}` : '';
    ctx.out(
      `  ${p.severity === 'error' ? '✖' : '!'} ${p.message} — ${n(p.count)} row${p.count === 1 ? '' : 's'}${where}\n`,
    );
    if (p.hint) ctx.out(dim(ctx, `      ${p.hint}`) + '\n');
  }
};

const lint = async (args: readonly string[], ctx: CliContext): Promise<number> => {
  const { values, positionals } = parse(
    args,
    {
      dataset: { type: 'boolean' },
      from: { type: 'string' },
      to: { type: 'string' },
      column: { type: 'string', multiple: true },
      'url-column': { type: 'string' },
      json: { type: 'boolean' },
    },
    'kpi utm lint FILE [--column PARAM=HEADER] [--url-column HEADER] | kpi utm lint --dataset [--from DATE] [--to DATE]',
  );
  const from = dateFlag(values.from, '--from');
  const to = dateFlag(values.to, '--to');
  let out: UtmLintOutcome;
  if (values.dataset) {
    if (positionals.length)
      throw new UsageError('cli.bad_arguments', 'give a file or --dataset, not both', `usage: ${usage}`);
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    out = await lintUtmDataset(lp, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
  } else {
    const file = positionals[0];
    if (file === undefined || positionals.length > 1)
      throw new UsageError(
        'cli.bad_arguments',
        'utm lint takes one export file (or --dataset)',
        'e.g. kpi utm lint sessions.csv',
      );
    if (from || to)
      throw new UsageError(
        'cli.bad_arguments',
        '--from and --to go with --dataset',
        'a file is linted whole',
      );
    const columns = new Map<string, string>();
    for (const c of values.column ?? []) {
      const eq = c.indexOf('=');
      if (eq <= 0)
        throw new UsageError(
          'cli.bad_arguments',
          `--column "${c}" is not PARAM=HEADER`,
          'e.g. --column utm_campaign="Session campaign"',
        );
      columns.set(c.slice(0, eq).trim(), c.slice(eq + 1).trim());
    }
    out = lintUtmExport(maybeProject(ctx, values.project), resolve(ctx.cwd, file), {
      columns,
      ...(values['url-column'] !== undefined ? { urlColumn: values['url-column'] } : {}),
    });
  }
  if (values.json) ctx.out(renderJson(out));
  else lintText(ctx, out);
  return out.report.problems.length ? 1 : 0;
};

const report = async (args: readonly string[], ctx: CliContext): Promise<number> => {
  const { values, positionals } = parse(
    args,
    { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
    'kpi utm report [--from DATE] [--to DATE] [--json]',
  );
  if (positionals.length)
    throw new UsageError('cli.bad_arguments', 'utm report takes no names', `usage: ${usage}`);
  const from = dateFlag(values.from, '--from');
  const to = dateFlag(values.to, '--to');
  const lp = openProject(findProjectDir(ctx.cwd, values.project));
  const r = await utmAttribution(lp, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
  if (values.json) {
    ctx.out(renderJson(r));
    return 0;
  }
  const money = { unit: 'currency' as const, currency: r.currency };
  const period = from || to ? ` from ${from ?? 'the start'} to ${to ?? 'the last day'}` : '';
  ctx.out(
    `${bold(ctx, 'Attribution by campaign')}${period}: sessions from ${r.sessionsDataset}, spend from ${r.paidDatasets.join(', ')}\n\n`,
  );
  ctx.out(
    renderTable(
      [
        { name: 'campaign' },
        { name: 'spend', ...money },
        { name: 'sessions', unit: 'count' },
        { name: 'conversions', unit: 'count' },
        { name: 'cost per conversion', ...money },
        { name: 'conversion rate', unit: 'percent', decimals: 1 },
      ],
      r.campaigns.map((c) => ({
        campaign: c.campaign,
        spend: c.spend,
        sessions: c.sessions,
        conversions: c.conversions,
        'cost per conversion': c.costPerConversion,
        'conversion rate': c.conversionRate,
      })),
    ),
  );
  const t = r.totals;
  const pct = (a: number, b: number) => formatValue(b > 0 ? a / b : 0, { unit: 'percent', decimals: 0 });
  ctx.out(
    `\nMatched: ${pct(t.matchedSpend, t.spend)} of the spend, ${pct(t.matchedSessions, t.sessions)} of the sessions (${formatValue(r.untagged.sessions, { unit: 'count' })} sessions carry no campaign).\n`,
  );
  if (r.unmatchedSpend.length) {
    ctx.out(
      `\nSpend with no tagged sessions (${r.unmatchedSpend.length}): untagged ads, or tags spelt differently\n`,
    );
    for (const u of r.unmatchedSpend.slice(0, 20))
      ctx.out(`  ${u.campaign}: ${formatValue(u.spend, money)} (${u.dataset})\n`);
  }
  if (r.unmatchedSessions.length) {
    ctx.out(
      `\nCampaigns with sessions and no spend (${r.unmatchedSessions.length}): email, organic posts, or misspelt tags\n`,
    );
    for (const u of r.unmatchedSessions.slice(0, 20))
      ctx.out(
        `  ${u.campaign}: ${formatValue(u.sessions, { unit: 'count' })} sessions, ${formatValue(u.conversions, { unit: 'count' })} conversions\n`,
      );
    if (r.unmatchedSessions.length > 20)
      ctx.out(dim(ctx, `  … and ${r.unmatchedSessions.length - 20} more (--json lists them all)`) + '\n');
  }
  return 0;
};

export const utmCommand: Command = {
  name: 'utm',
  summary: 'campaign links: build and read UTM-tagged URLs, lint exported tags, attribution by campaign',
  help,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    if (sub === 'build') return build(rest, ctx);
    if (sub === 'parse') return parseCmd(rest, ctx);
    if (sub === 'lint') return lint(rest, ctx);
    if (sub === 'report' || sub === 'attribution') return report(rest, ctx);
    throw new UsageError(
      'cli.bad_arguments',
      sub === undefined ? 'utm needs a subcommand' : `unknown utm subcommand "${sub}"`,
      'subcommands: build, parse, lint, report (see kpi utm --help)',
    );
  },
};
