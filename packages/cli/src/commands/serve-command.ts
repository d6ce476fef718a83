// `kpi serve`: the HTTP API on the project folder, until Ctrl-C (or SIGTERM), then a
// graceful stop that lets running imports finish. Logs are JSON lines on stdout.
import { findProjectDir, openProject } from '@kpi/app';
import { startServer } from '@kpi/server';
import { parse, parsePositiveInt } from '../args.js';
import { bold, yellow, type Command } from '../cli-context.js';

const usage = 'kpi serve [--port N] [--host ADDRESS] [--project DIR]';
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the HTTP API (and its docs at /api/docs)',
  help: `usage: ${usage}

Serves the project over HTTP: datasets, pushes, metric queries, goals, KPIs, reviews and
annotations, documented at /api/docs (OpenAPI 3.1 at /api/openapi.json). Edits made
through the API are written back into the YAML files. Callers log in (kpi user add) or
send an API token (kpi token create).

The first time, when the project has no user, a one-time setup link is printed: open it
to create the first admin (or create one with kpi user add --role admin first).

options:
  --port N             port (default 8787; 0 picks a free one)
  --host ADDRESS       address to listen on (default 127.0.0.1: this machine only)
  --project, -p DIR    project folder
`,
  async run(args, ctx) {
    const { values } = parse(args, { port: { type: 'string' }, host: { type: 'string' } }, usage);
    const port = values.port === '0' ? 0 : (parsePositiveInt(values.port, '--port') ?? 8787);
    const host = values.host ?? '127.0.0.1';
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    const server = await startServer({ project: lp, host, port, log: (line) => ctx.out(line) });
    ctx.err(
      `${bold(ctx, 'kpi')} API for ${lp.project.settings.name} on ${server.url} (docs: ${server.url}/api/docs)\n`,
    );
    if (!LOOPBACK.has(host))
      ctx.err(
        yellow(
          ctx,
          `warning: listening on ${host}: other machines can reach this server; put HTTPS in front of it\n`,
        ),
      );
    if (server.setupUrl)
      ctx.err(`no user yet: open this one-time link to create the first admin:\n  ${server.setupUrl}\n`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        ctx.err('stopping: finishing requests in flight...\n');
        void server.close().then(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
};
