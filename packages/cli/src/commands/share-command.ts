// `kpi share create|list|revoke`: read-only share links for a goal dashboard or the report.
// The link is printed once (only its id is stored); the PIN comes from KPI_SHARE_PIN, never
// from an argument (it would show in ps).
import {
  createShare,
  findProjectDir,
  findUser,
  listShares,
  listUsers,
  openProject,
  revokeShare,
} from '@kpi/app';
import { NotFoundError, UsageError } from '@kpi/core';
import { parse } from '../args.js';
import { dim, type Command } from '../cli-context.js';
import { renderJson, renderTable } from '../output/table-output.js';

const usage =
  'kpi share create --goal GOAL [--report] [--expires 30d] [--pin] [--label TEXT] [--user EMAIL] [--url BASE] | kpi share list | kpi share revoke <id>';

/** --expires 30d -> 30 (days), 1..365. */
const parseDays = (v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const m = /^(\d{1,3})d$/.exec(v.trim());
  const days = m ? Number(m[1]) : NaN;
  if (!(days >= 1 && days <= 365))
    throw new UsageError(
      'cli.bad_expiry',
      `--expires must be a number of days from 1d to 365d, got "${v}"`,
      'e.g. --expires 7d (the link stops working 7 days from now)',
    );
  return days;
};

/** The acting admin when no --user is given. */
const firstAdmin = async (lp: Parameters<typeof listUsers>[0]) => {
  const admin = (await listUsers(lp)).find((u) => u.role === 'admin');
  if (!admin)
    throw new NotFoundError('user.no_admin', 'no admin exists', 'add one with kpi user add --role admin');
  return admin;
};

export const shareCommand: Command = {
  name: 'share',
  summary: 'create, list or revoke read-only share links',
  help: `usage: ${usage}

A share link opens one goal's dashboard (or, with --report, the stakeholder report of the
goal or of every goal) in a browser without an account. Nothing on it can be changed, and
the link opens nothing else. Every link expires (default 30 days, at most 365) and can be
revoked at once. The link is printed once: only its id is kept. With --pin the page asks
for a PIN first (digits, from the KPI_SHARE_PIN environment variable); wrong guesses are
slowed down. Stop kpi serve first (or use the Share button / POST /api/shares).

options:
  --goal GOAL          the goal shown (needed unless --report)
  --report             share the stakeholder report instead of the dashboard
  --expires Nd         the link stops working N days from now (default 30d)
  --pin                ask for the PIN in KPI_SHARE_PIN (4 to 12 digits)
  --label TEXT         who or what the link is for (shown in the list)
  --user EMAIL         who creates it (default: the first admin)
  --url BASE           the address of kpi serve, to print the whole link
  --json               machine-readable output
  --project, -p DIR    project folder
`,
  async run(args, ctx) {
    const { values, positionals } = parse(
      args,
      {
        goal: { type: 'string' },
        report: { type: 'boolean' },
        expires: { type: 'string' },
        pin: { type: 'boolean' },
        label: { type: 'string' },
        user: { type: 'string' },
        url: { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
    );
    const [sub, arg, ...extra] = positionals;
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    if (sub === 'list' && arg === undefined) {
      const shares = await listShares(lp);
      const rows = shares.map((s) => ({
        ...s,
        goal: s.goal ?? 'all goals',
        label: s.label ?? '',
        pin: s.hasPin ? 'yes' : 'no',
        revokedAt: s.revokedAt ?? '',
      }));
      ctx.out(
        values.json
          ? renderJson(shares)
          : renderTable(
              [
                { name: 'id' },
                { name: 'view' },
                { name: 'goal' },
                { name: 'label' },
                { name: 'createdBy' },
                { name: 'expiresAt' },
                { name: 'revokedAt' },
                { name: 'pin' },
              ],
              rows,
            ),
      );
      return 0;
    }
    if (sub === 'revoke' && arg !== undefined && extra.length === 0) {
      const s = await revokeShare(lp, arg, { user: await firstAdmin(lp) });
      ctx.out(values.json ? renderJson(s) : `revoked share link ${s.id}; it no longer opens\n`);
      return 0;
    }
    if (sub !== 'create' || arg !== undefined)
      throw new UsageError(
        'cli.bad_arguments',
        'expected: share create | list | revoke <id>',
        `usage: ${usage}`,
      );
    const pin = values.pin ? ctx.env['KPI_SHARE_PIN'] : undefined;
    if (values.pin && (pin === undefined || pin === ''))
      throw new UsageError(
        'cli.pin_missing',
        '--pin takes the PIN from the KPI_SHARE_PIN environment variable, which is not set',
        'e.g. KPI_SHARE_PIN=4821 kpi share create --goal GOAL --pin',
      );
    const user = values.user === undefined ? await firstAdmin(lp) : await findUser(lp, values.user);
    if (!user)
      throw new NotFoundError('user.not_found', `no user ${values.user}`, 'add it with kpi user add');
    if (user.role === 'viewer')
      throw new UsageError('share.viewer', `${user.email} is a viewer; only editors and admins share links`);
    const days = parseDays(values.expires);
    const made = await createShare(lp, user.email, {
      view: values.report ? 'report' : 'dashboard',
      ...(values.goal === undefined ? {} : { goal: values.goal }),
      ...(days === undefined ? {} : { expiresInDays: days }),
      ...(pin === undefined ? {} : { pin }),
      ...(values.label === undefined ? {} : { label: values.label }),
    });
    const link = values.url === undefined ? made.path : `${values.url.replace(/\/+$/, '')}${made.path}`;
    if (values.json) ctx.out(renderJson({ ...made, link }));
    else {
      ctx.out(`${link}\n`);
      ctx.err(
        dim(
          ctx,
          `share link ${made.info.id} (${made.info.view}${made.info.goal ? ` of ${made.info.goal}` : ', all goals'}${made.info.hasPin ? ', PIN' : ''}), expires ${made.info.expiresAt}; shown once${values.url === undefined ? ' — open it on the address of kpi serve' : ''}\n`,
        ),
      );
    }
    return 0;
  },
};
