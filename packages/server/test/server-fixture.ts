// A real server on a real port over a real DuckDB project in a temp dir, for the HTTP
// tests: the starter project with a few rows, and one user per role plus tokens.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addUser, createToken, importDataset, initProject, openProject, type Clock } from '@kpi/app';
import { startServer, type RunningServer, type ServeOptions, type ServerLimits } from '@kpi/server';

export const PASSWORD = 'correct horse battery staple';

export interface Fixture {
  readonly dir: string;
  readonly server: RunningServer;
  readonly url: string;
  /** Secrets by name: admin, editor, viewer, owner (full tokens), read, push (web_sessions only). */
  readonly tokens: Readonly<
    Record<'admin' | 'editor' | 'viewer' | 'owner' | 'read' | 'push' | 'pushOther', string>
  >;
  readonly logs: string[];
  close(): Promise<void>;
}

export const SESSIONS_CSV = `Date,Source,Sessions,Conversions
2026-01-05,google,100,3
2026-01-05,newsletter,40,2
2026-01-06,google,120,4
2026-01-12,google,90,2
`;

export const startFixture = async (
  opts: {
    limits?: Partial<ServerLimits>;
    users?: boolean;
    webRoot?: string;
    clock?: Clock;
    tmpDir?: string;
    /** More server options (trusted proxies, secure cookies, the auth clock). */
    serve?: Partial<Omit<ServeOptions, 'project' | 'port' | 'log' | 'limits'>>;
  } = {},
): Promise<Fixture> => {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-server-test-'));
  await initProject({ dir, name: 'Test', timezone: 'UTC', currency: 'EUR' });
  writeFileSync(join(dir, 'sessions.csv'), SESSIONS_CSV);
  let lp = openProject(dir);
  await importDataset(lp, 'web_sessions', join(dir, 'sessions.csv'));
  const tokens: Record<string, string> = {};
  if (opts.users !== false) {
    await addUser(lp, { email: 'admin@example.com', password: PASSWORD, role: 'admin', name: 'Ada Admin' });
    await addUser(lp, { email: 'editor@example.com', password: PASSWORD, role: 'editor' });
    await addUser(lp, { email: 'viewer@example.com', password: PASSWORD, role: 'viewer' });
    // The starter KPI conversion_rate is owned by you@example.com.
    await addUser(lp, { email: 'you@example.com', password: PASSWORD, role: 'viewer' });
    for (const who of ['admin', 'editor', 'viewer'] as const)
      tokens[who] = (await createToken(lp, `${who}@example.com`, { name: who })).token;
    tokens['owner'] = (await createToken(lp, 'you@example.com', { name: 'owner' })).token;
    tokens['read'] = (await createToken(lp, 'admin@example.com', { name: 'reader', access: 'read' })).token;
    tokens['push'] = (
      await createToken(lp, 'editor@example.com', {
        name: 'pusher',
        access: 'push',
        datasets: ['web_sessions'],
      })
    ).token;
    tokens['pushOther'] = (
      await createToken(lp, 'admin@example.com', {
        name: 'pusher2',
        access: 'push',
        datasets: ['web_sessions'],
      })
    ).token;
  }
  lp = openProject(dir);
  const logs: string[] = [];
  const server = await startServer({
    project: lp,
    port: 0,
    log: (l) => void logs.push(l),
    limits: opts.limits ?? {},
    ...(opts.webRoot === undefined ? {} : { webRoot: opts.webRoot }),
    ...(opts.clock === undefined ? {} : { clock: opts.clock }),
    ...(opts.tmpDir === undefined ? {} : { tmpDir: opts.tmpDir }),
    ...opts.serve,
  });
  return {
    dir,
    server,
    url: server.url,
    tokens: tokens as Fixture['tokens'],
    logs,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

export interface Call {
  readonly token?: string;
  readonly body?: unknown;
  /** Sent as is (no JSON encoding). */
  readonly raw?: string | Buffer;
  readonly type?: string;
  readonly headers?: Record<string, string>;
}

export interface Answer {
  readonly status: number;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly headers: Headers;
}

export const call = async (f: Fixture, method: string, path: string, c: Call = {}): Promise<Answer> => {
  const headers: Record<string, string> = { ...c.headers };
  if (c.token) headers['authorization'] = `Bearer ${c.token}`;
  let body: string | Buffer | undefined;
  if (c.raw !== undefined) body = c.raw;
  else if (c.body !== undefined) body = JSON.stringify(c.body);
  if (body !== undefined) headers['content-type'] = c.type ?? 'application/json';
  const res = await fetch(f.url + path, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // HTML pages stay text
  }
  return { status: res.status, body: parsed, headers: res.headers };
};

/** The project files' text, to show that a refused request changed nothing. */
export const projectFiles = (dir: string): string =>
  [
    'kpi.yaml',
    ...(existsSync(join(dir, 'definitions'))
      ? readdirSync(join(dir, 'definitions')).map((n) => `definitions/${n}`)
      : []),
  ]
    .map((p) => {
      try {
        return `${p}\n${readFileSync(join(dir, p), 'utf8')}`;
      } catch {
        return `${p} (missing)`;
      }
    })
    .join('\n');
