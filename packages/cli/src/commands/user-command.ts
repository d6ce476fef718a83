// `kpi user add|list`: the accounts of this project (kept in its store, .kpi/).
import { addUser, findProjectDir, listUsers, openProject } from '@kpi/app';
import { UsageError } from '@kpi/core';
import { parse } from '../args.js';
import { green, type Command } from '../cli-context.js';
import { renderJson, renderTable } from '../output/table-output.js';
import { readPassword } from '../secret-input.js';

const usage =
  'kpi user add <email> [--role viewer|editor|admin] [--name NAME] [--password-stdin] | kpi user list';

export const userCommand: Command = {
  name: 'user',
  summary: 'add or list the users who may log in to kpi serve',
  help: `usage: ${usage}

Roles: viewer (reads), editor (also edits goals and KPIs, imports and pushes rows),
admin (also manages users and everyone's tokens). A KPI's owner (matched by name or
email) may review that KPI whatever the role. The password is read from a prompt, from
stdin with --password-stdin, or from KPI_PASSWORD; never from an argument. Stop
kpi serve first: the store is open in one process at a time.

options:
  --role R             viewer (default), editor or admin
  --name NAME          display name (KPI owners are matched by it)
  --password-stdin     read the password from standard input
  --json               machine-readable output
  --project, -p DIR    project folder
`,
  async run(args, ctx) {
    const { values, positionals } = parse(
      args,
      {
        role: { type: 'string' },
        name: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      usage,
    );
    const [sub, email, ...extra] = positionals;
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    if (sub === 'list' && email === undefined) {
      const users = await listUsers(lp);
      ctx.out(
        values.json
          ? renderJson(users)
          : renderTable(
              [{ name: 'email' }, { name: 'name' }, { name: 'role' }],
              users.map((u) => ({ ...u, name: u.name ?? '' })),
            ),
      );
      return 0;
    }
    if (sub !== 'add' || email === undefined || extra.length > 0)
      throw new UsageError('cli.bad_arguments', 'expected: user add <email> or user list', `usage: ${usage}`);
    const password = await readPassword(ctx, values['password-stdin'] === true);
    const user = await addUser(lp, {
      email,
      password,
      role: values.role ?? 'viewer',
      ...(values.name === undefined ? {} : { name: values.name }),
    });
    ctx.out(values.json ? renderJson(user) : `${green(ctx, 'added')} ${user.email} (${user.role})\n`);
    return 0;
  },
};
