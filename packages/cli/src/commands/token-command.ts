// `kpi token create|list|revoke`: API tokens for scripts. The secret is printed once.
import {
  createToken,
  findProjectDir,
  findUser,
  listTokens,
  listUsers,
  openProject,
  revokeToken,
} from '@kpi/app';
import { NotFoundError, UsageError } from '@kpi/core';
import { parse, splitList } from '../args.js';
import { dim, type Command } from '../cli-context.js';
import { renderJson, renderTable } from '../output/table-output.js';

const usage =
  'kpi token create <name> --user EMAIL [--read-only | --push DATASET[,DATASET]] [--expires 30d] | kpi token list | kpi token revoke <id>';

/** --expires 30d -> 30 (days). */
const parseExpiry = (v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const m = /^(\d{1,4})d$/.exec(v.trim());
  const days = m ? Number(m[1]) : NaN;
  if (!(days >= 1 && days <= 3650))
    throw new UsageError(
      'cli.bad_expiry',
      `--expires must be a number of days from 1d to 3650d, got "${v}"`,
      'e.g. --expires 30d (the token stops working 30 days from now)',
    );
  return days;
};

export const tokenCommand: Command = {
  name: 'token',
  summary: 'create, list or revoke API tokens for scripts',
  help: `usage: ${usage}

A token acts for its user (never beyond the user's role). --read-only tokens only read;
--push tokens may only push rows into the named datasets. The secret is shown once and
stored only as a hash: keep it in your secret store. Send it as
Authorization: Bearer <token>. Stop kpi serve first (or use POST /api/tokens).
With --expires the token stops working after that many days (it is then refused with
"token expired"; create a new one). kpi token list shows each token's expiry and when it
was last used (recorded by kpi serve, at most once a minute).

options:
  --user EMAIL         the user the token acts for (create)
  --read-only          the token may only read
  --push DATASETS      the token may only push rows into these datasets
  --expires Nd         the token expires N days from now (default: never)
  --json               machine-readable output
  --project, -p DIR    project folder
`,
  async run(args, ctx) {
    const { values, positionals } = parse(
      args,
      {
        user: { type: 'string' },
        'read-only': { type: 'boolean' },
        push: { type: 'string', multiple: true },
        expires: { type: 'string' },
        json: { type: 'boolean' },
      },
      usage,
    );
    const [sub, arg, ...extra] = positionals;
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    if (sub === 'list' && arg === undefined) {
      const tokens = await listTokens(lp);
      const rows = tokens.map((t) => ({
        ...t,
        datasets: (t.datasets ?? []).join(','),
        revokedAt: t.revokedAt ?? '',
        expiresAt: t.expiresAt ?? 'never',
        lastUsedAt: t.lastUsedAt ?? 'never',
      }));
      ctx.out(
        values.json
          ? renderJson(tokens)
          : renderTable(
              [
                { name: 'id' },
                { name: 'name' },
                { name: 'email' },
                { name: 'access' },
                { name: 'datasets' },
                { name: 'revokedAt' },
                { name: 'expiresAt' },
                { name: 'lastUsedAt' },
              ],
              rows,
            ),
      );
      return 0;
    }
    if (sub === 'revoke' && arg !== undefined && extra.length === 0) {
      const admin = (await listUsers(lp)).find((u) => u.role === 'admin');
      if (!admin)
        throw new NotFoundError('user.no_admin', 'no admin exists', 'add one with kpi user add --role admin');
      const t = await revokeToken(lp, arg, { user: admin });
      ctx.out(values.json ? renderJson(t) : `revoked ${t.id} (${t.name})\n`);
      return 0;
    }
    if (sub !== 'create' || arg === undefined || extra.length > 0 || values.user === undefined)
      throw new UsageError(
        'cli.bad_arguments',
        'expected: token create <name> --user EMAIL',
        `usage: ${usage}`,
      );
    if (values['read-only'] && values.push)
      throw new UsageError('cli.bad_arguments', '--read-only and --push exclude each other');
    if (!(await findUser(lp, values.user)))
      throw new NotFoundError('user.not_found', `no user ${values.user}`, 'add it with kpi user add');
    const datasets = splitList(values.push);
    const expiresInDays = parseExpiry(values.expires);
    const created = await createToken(lp, values.user, {
      name: arg,
      access: values['read-only'] ? 'read' : datasets.length ? 'push' : 'full',
      ...(datasets.length ? { datasets } : {}),
      ...(expiresInDays === undefined ? {} : { expiresInDays }),
    });
    if (values.json) ctx.out(renderJson(created));
    else {
      ctx.out(`${created.token}\n`);
      ctx.err(
        dim(
          ctx,
          `token ${created.info.id} "${created.info.name}" for ${created.info.email} (${created.info.access}${created.info.expiresAt ? `, expires ${created.info.expiresAt}` : ''}); shown once — store it now\n`,
        ),
      );
    }
    return 0;
  },
};
