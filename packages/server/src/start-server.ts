// Starts the HTTP API on a project: one shared store, the routes, the setup link while
// the project has no user, and a graceful close. IO.
// Invariants: listens on 127.0.0.1 unless told otherwise; `close()` stops accepting,
// lets requests in flight (imports included) finish within `graceMs`, then closes the
// store; the setup secret is returned to the caller, never logged; with `webRoot` the
// web app is served on every path outside /api/ that no route answers; at start, upload
// folders left by kpi processes that died are removed.

import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import {
  closeSharedStore,
  countUsers,
  newSecret,
  openSharedStore,
  sweepStaleUploads,
  type Clock,
  type LoadedProject,
} from '@kpi/app';
import { handleRequest } from './handle-request.js';
import { trustedProxies } from './http/client-address.js';
import { jsonLogger, type LogSink } from './http/json-log.js';
import { createRouter } from './http/router.js';
import { staticFiles } from './http/static-files.js';
import type { RouteDef } from './http/route-types.js';
import { openApiDocument } from './openapi/openapi-document.js';
import { authRoutes } from './routes/auth-routes.js';
import { datasetRoutes } from './routes/dataset-routes.js';
import { definitionRoutes } from './routes/definition-routes.js';
import { docRoutes } from './routes/doc-routes.js';
import { metricRoutes } from './routes/metric-routes.js';
import { projectRoutes } from './routes/project-routes.js';
import { sentimentRoutes } from './routes/sentiment-routes.js';
import { reviewRoutes } from './routes/review-routes.js';
import { scorecardRoutes } from './routes/scorecard-routes.js';
import { deliveryRoutes } from './routes/delivery-routes.js';
import { reportRoutes } from './routes/report-routes.js';
import { predictRoutes } from './routes/predict-routes.js';
import { shareRoutes } from './routes/share-routes.js';
import { accountRoutes } from './routes/account-routes.js';
import { utmRoutes } from './routes/utm-routes.js';
import { DEFAULT_LIMITS, createServerState, type ServerLimits, type ServerState } from './server-state.js';
import { recoverEdits } from '@kpi/app';
import { startServerScheduler, type SchedulerOptions } from './server-scheduler.js';

export interface ServeOptions {
  readonly project: LoadedProject;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly limits?: Partial<ServerLimits>;
  readonly log?: LogSink;
  /** Session cookies get the Secure flag (serve behind HTTPS). */
  readonly secureCookies?: boolean;
  /** Proxies (addresses, CIDR ranges) whose X-Forwarded-For names the client. */
  readonly trustedProxies?: readonly string[];
  /** The clock of login limits and token expiry (default Date.now). */
  readonly authClock?: () => number;
  readonly tmpDir?: string;
  /** Where "today" comes from for default dates (default: the project's, else the system clock). */
  readonly clock?: Clock;
  readonly version?: string;
  /** How long close() waits for requests in flight (ms). */
  readonly graceMs?: number;
  /** The built web app (a folder with index.html and assets/), served outside /api/. */
  readonly webRoot?: string;
  /** Run the scheduler (reports and alerts) in this process; left out: no scheduler. */
  readonly scheduler?: SchedulerOptions;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** The one-time link that creates the first admin, when the project has no user yet. */
  readonly setupUrl: string | undefined;
  readonly state: ServerState;
  readonly routes: readonly RouteDef[];
  /** Requests being answered right now. */
  inFlight(): number;
  close(): Promise<void>;
}

/** Every route of the API, in documentation order. */
export const apiRoutes = (document: () => unknown): readonly RouteDef[] => [
  ...projectRoutes,
  ...authRoutes,
  ...accountRoutes,
  ...datasetRoutes,
  ...metricRoutes,
  ...definitionRoutes,
  ...reviewRoutes,
  ...sentimentRoutes,
  ...scorecardRoutes,
  ...deliveryRoutes,
  ...reportRoutes,
  ...predictRoutes,
  ...shareRoutes,
  ...utmRoutes,
  ...docRoutes(document),
];

const listen = (server: Server, port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });

export const startServer = async (opts: ServeOptions): Promise<RunningServer> => {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const log = jsonLogger(opts.log ?? ((line) => void process.stdout.write(line)));
  const lp = opts.project;
  // Checked before the store opens: a missing web folder fails fast and leaves nothing open.
  const web = opts.webRoot === undefined ? undefined : staticFiles(opts.webRoot);
  const proxies = trustedProxies(opts.trustedProxies ?? []);
  await openSharedStore(lp, { queryTimeoutMs: limits.queryTimeoutMs });
  // Edits cut short by a crash: their history rows written (or dropped), stale temp files removed.
  const recovered = await recoverEdits(lp.dir, { sweep: true }).catch(async (e: unknown) => {
    await closeSharedStore(lp.dir);
    throw e;
  });
  const state = createServerState(lp, {
    limits,
    log,
    secureCookies: opts.secureCookies ?? false,
    tmpDir: opts.tmpDir ?? tmpdir(),
    ...(opts.clock === undefined ? {} : { clock: opts.clock }),
    trustedProxies: proxies,
    now: opts.authClock ?? Date.now,
  });
  // Uploads left behind by kpi processes that crashed or were killed.
  const swept = sweepStaleUploads(state.tmpDir, { now: Date.now() });
  if (swept.length > 0) log.log('info', 'uploads.swept', { removed: swept.length });
  // The document lists every route, the docs route included: built once all are known.
  const routes: readonly RouteDef[] = apiRoutes(() => doc);
  const doc = openApiDocument(routes, opts.version ?? '0.1.0');
  const router = createRouter(routes);
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = createServer({ requestTimeout: 300_000, headersTimeout: 30_000 }, (req, res) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) drained?.();
    });
    void handleRequest(req, res, state, router, web);
  });
  server.keepAliveTimeout = 5_000;
  const host = opts.host ?? '127.0.0.1';
  let port: number;
  try {
    port = await listen(server, opts.port ?? 8787, host);
  } catch (e) {
    await closeSharedStore(lp.dir);
    throw e;
  }
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if ((await countUsers(lp)) === 0) state.setupSecret = newSecret();
  if (recovered.recorded.length + recovered.dropped.length + recovered.unresolved.length > 0)
    log.log(recovered.unresolved.length > 0 ? 'warn' : 'info', 'edit.recovered', {
      recorded: recovered.recorded.map((e) => `${e.change.entity} ${e.change.name} (${e.file})`),
      dropped: recovered.dropped.map((e) => `${e.change.entity} ${e.change.name} (${e.file})`),
      unresolved: recovered.unresolved,
    });
  log.log('info', 'server.started', {
    url,
    project: lp.project.settings.name,
    needsSetup: state.setupSecret !== undefined,
  });
  if (opts.scheduler)
    state.delivery = { secrets: opts.scheduler.secrets, baseUrl: opts.scheduler.baseUrl ?? url };
  const scheduler = opts.scheduler ? startServerScheduler(state, url, opts.scheduler) : undefined;
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    setupUrl: state.setupSecret === undefined ? undefined : `${url}/setup#${state.setupSecret}`,
    state,
    routes,
    inFlight: () => inFlight,
    close() {
      closing ??= (async () => {
        log.log('info', 'server.stopping', { inFlight });
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        if (inFlight > 0) {
          const grace = new Promise<void>((resolve) => setTimeout(resolve, opts.graceMs ?? 30_000).unref());
          await Promise.race([new Promise<void>((resolve) => (drained = resolve)), grace]);
        }
        server.closeAllConnections();
        await stopped;
        // The running scheduler pass finishes (its deliveries are recorded) before the store closes.
        await scheduler?.stop();
        await closeSharedStore(lp.dir);
        log.log('info', 'server.stopped', {});
      })();
      return closing;
    },
  };
};
