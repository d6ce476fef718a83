// `kpi serve`: the web app and the HTTP API on the project folder, until Ctrl-C (or
// SIGTERM), then a graceful stop that lets running imports finish. Logs are JSON lines on
// stdout; what a person needs to read (address, setup link, warnings) goes to stderr.
import { findProjectDir, openProject } from '@kpi/app';
import { IoError } from '@kpi/core';
import { startServer, trustedProxies, type RunningServer } from '@kpi/server';
import { parse, parsePositiveInt, splitList } from '../args.js';
import { bold, dim, yellow, type Command } from '../cli-context.js';
import { findWebRoot } from '../web-root.js';
import { baseUrlOf, secretsOf } from '../delivery-secrets.js';

const usage =
  'kpi serve [--port N] [--host ADDRESS] [--no-web] [--secure-cookies] [--trusted-proxy LIST] [--secrets FILE] [--base-url URL] [--no-scheduler] [--project DIR]';
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** An on/off environment setting: 1, true, yes or on (any case) turn it on. */
const envFlag = (env: Readonly<Record<string, string | undefined>>, name: string): boolean =>
  /^(1|true|yes|on)$/i.test(env[name]?.trim() ?? '');

/** Starts the server; a busy port becomes an error that says so (exit 3), not an internal error. */
const listenOrExplain = async (
  host: string,
  port: number,
  start: () => Promise<RunningServer>,
): Promise<RunningServer> => {
  try {
    return await start();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'EADDRINUSE')
      throw new IoError('serve.port_busy', `port ${port} on ${host} is already in use by another program`, {
        hint: `stop that program, or pick another port: kpi serve --port ${port + 1}`,
        cause: e,
      });
    if (code === 'EACCES' || code === 'EADDRNOTAVAIL')
      throw new IoError('serve.cannot_listen', `cannot listen on ${host}:${port} (${String(code)})`, {
        hint: code === 'EACCES' ? 'ports below 1024 need privileges: use --port 8787' : 'check --host',
        cause: e,
      });
    throw e;
  }
};

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the web app and the HTTP API (docs at /api/docs)',
  help: `usage: ${usage}

Serves the project over HTTP: the web app (scorecard, goals, KPIs, checks, imports) at
the root, and the API under /api — datasets, pushes, metric queries, goals, KPIs,
reviews and annotations, documented at /api/docs (OpenAPI 3.1 at /api/openapi.json).
Edits made in the app or through the API are written back into the YAML files. People
sign in (create them with kpi user add); scripts send an API token (kpi token create).

The web app is served from the built @kpi/web package (npm run build); when it is not
built, the API is served alone and a line says so.

Request bodies are limited in size (413), and pushed or uploaded data is checked against
the structural limits of project.limits in kpi.yaml (see kpi import --help) before it is
read (422). Uploads are streamed to private temporary folders (kpi-upload-<pid>-...),
removed after each request; at start, folders left by kpi processes that died are removed.

The first time, when the project has no user, a one-time setup link is printed: open it
to create the first admin (or create one with kpi user add --role admin first).

options:
  --port N             port (default 8787; 0 picks a free one)
  --host ADDRESS       address to listen on (default 127.0.0.1: this machine only)
  --no-web             serve the API only, not the web app
  --secure-cookies     mark the session cookies Secure (sent over HTTPS only): use it
                       when HTTPS is in front of kpi (also KPI_SECURE_COOKIES=1)
  --trusted-proxy LIST addresses or CIDR ranges of your reverse proxies, comma-separated
                       (e.g. 127.0.0.1,10.0.0.0/8; also KPI_TRUSTED_PROXY). Only when a
                       request comes from one of them is X-Forwarded-For believed: the
                       right-most address in it that is not a trusted proxy is the client.
  --secrets FILE       the secrets of the delivery channels (SMTP password, webhook URLs
                       and keys): NAME=value lines outside the project folder (also
                       KPI_SECRETS); the environment is read too
  --base-url URL       the address people open kpi at, for links in reports and alerts
                       (also KPI_PUBLIC_URL; default: the server's own address)
  --no-scheduler       do not send scheduled reports and alerts from this server (run
                       \`kpi schedule run-once\` from cron instead)
  --project, -p DIR    project folder

The scheduler: while the server runs, the reports and alerts of kpi.yaml (reports:,
alerts:) are checked every 30 seconds and at start — a run missed while the server was
down goes out once, marked late. See docs/webhooks.md and \`kpi deliveries\`.

Sign-in limits: each client may try 10 logins a minute; after 5 failed logins on one
account, every further attempt on it waits 2, 4, 8 ... seconds, at most 5 minutes
(answered 429 with Retry-After), until a login succeeds. The trade-off: anyone can slow
down sign-ins to an account by guessing at it, so the wait is capped (a guesser gets at
most one try per 5 minutes, a real user is never locked out for longer), and a client
that signed in to an account before skips that account's wait (it keeps its per-client
limit) — so people behind the same address as a guesser still get in. Without
--trusted-proxy behind a proxy, all clients share the proxy's address and its limit.
`,
  async run(args, ctx) {
    const { values } = parse(
      args,
      {
        port: { type: 'string' },
        host: { type: 'string' },
        'no-web': { type: 'boolean' },
        'secure-cookies': { type: 'boolean' },
        'trusted-proxy': { type: 'string', multiple: true },
        secrets: { type: 'string' },
        'base-url': { type: 'string' },
        'no-scheduler': { type: 'boolean' },
      },
      usage,
    );
    const port = values.port === '0' ? 0 : (parsePositiveInt(values.port, '--port') ?? 8787);
    const host = values.host ?? '127.0.0.1';
    const secureCookies = values['secure-cookies'] === true || envFlag(ctx.env, 'KPI_SECURE_COOKIES');
    const proxyList = splitList(values['trusted-proxy'] ?? ctx.env['KPI_TRUSTED_PROXY'] ?? []);
    const proxies = trustedProxies(proxyList).entries; // refuses a bad entry before anything opens
    const lp = openProject(findProjectDir(ctx.cwd, values.project));
    const web = values['no-web'] ? undefined : findWebRoot();
    if (web && 'missing' in web)
      ctx.err(
        yellow(
          ctx,
          web.missing === 'build'
            ? `the web app is not built (no ${web.looked}/index.html): run \`npm run build\`; serving the API only\n`
            : 'the web app (@kpi/web) is not installed; serving the API only\n',
        ),
      );
    const webRoot = web && 'dir' in web ? web.dir : undefined;
    // Read before the server starts: a bad secrets file stops it with the reason.
    const secrets = values['no-scheduler'] ? undefined : secretsOf(ctx, values.secrets, lp.dir);
    const baseUrl = baseUrlOf(ctx, values['base-url']);
    const server = await listenOrExplain(host, port, () =>
      startServer({
        project: lp,
        host,
        port,
        log: (line) => ctx.out(line),
        secureCookies,
        trustedProxies: proxies,
        ...(webRoot === undefined ? {} : { webRoot }),
        ...(secrets === undefined
          ? {}
          : { scheduler: { secrets, ...(baseUrl === undefined ? {} : { baseUrl }) } }),
      }),
    );
    // One write, so a reader of stderr sees the address and the invitation together.
    ctx.err(
      `${bold(ctx, 'kpi')} ${webRoot ? 'web app and API' : 'API'} for ${lp.project.settings.name} on ${server.url} (API docs: ${server.url}/api/docs)\n` +
        (webRoot
          ? `${bold(ctx, `Open ${server.url} in a browser`)}\n${dim(ctx, '(Ctrl-C stops the server)')}\n`
          : ''),
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
