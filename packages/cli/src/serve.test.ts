// `kpi serve` end to end: a real process on a free port answering HTTP, the web app found
// (or reported missing) through @kpi/web's package, a busy port explained, and a clean
// stop on SIGTERM.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runKpi } from '../test/run-kpi.js';
import { findWebRoot } from './web-root.js';

const BIN = new URL('../bin/kpi.js', import.meta.url).pathname;
let root = '';
let project = '';

before(() => {
  root = mkdtempSync(join(tmpdir(), 'kpi-serve-'));
  project = join(root, 'p');
  assert.equal(runKpi(['init', project], root).code, 0);
});
after(() => rmSync(root, { recursive: true, force: true }));

/** Starts `kpi serve` and resolves with the process once stderr shows the address. */
const serve = (args: string[], env: Record<string, string> = {}) =>
  new Promise<{ child: ReturnType<typeof spawn>; err: () => string; url: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
      cwd: project,
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    let err = '';
    child.stdout.resume();
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m?.[1]) resolve({ child, err: () => err, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`kpi serve exited with ${code}: ${err}`)));
  });

const exited = (child: ReturnType<typeof spawn>) =>
  new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

describe('kpi serve', () => {
  test('--help documents --no-web and the web app', () => {
    const r = runKpi(['serve', '--help'], project);
    assert.equal(r.code, 0);
    assert.match(r.out, /--no-web/);
    assert.match(r.out, /npm run build/);
  });

  test('--no-web: the API answers; SIGTERM stops it cleanly (exit 0)', async () => {
    const s = await serve(['--no-web']);
    const health = await fetch(`${s.url}/api/health`);
    assert.equal(health.status, 200);
    const app = await fetch(`${s.url}/goals/x`);
    assert.equal(app.status, 404, 'no web app with --no-web');
    assert.doesNotMatch(s.err(), /Open http/);
    const done = exited(s.child);
    s.child.kill('SIGTERM');
    assert.equal(await done, 0);
  });

  test('a busy port is explained, with another port to try (exit 3)', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = runKpi(['serve', '--port', String(port), '--no-web'], project, { NO_COLOR: '1' });
      assert.equal(r.code, 3, r.err);
      assert.match(r.err, new RegExp(`serve.port_busy: port ${port} on 127.0.0.1 is already in use`));
      assert.match(r.err, new RegExp(`--port ${port + 1}`));
    } finally {
      blocker.close();
    }
  });

  test('the web app is found through @kpi/web/package.json, when built', () => {
    const base = join(root, 'resolve');
    const pkg = join(base, 'node_modules', '@kpi', 'web');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{"name":"@kpi/web","version":"0.1.0"}');
    const from = pathToFileURL(join(base, 'x.js')).href;
    assert.deepEqual(findWebRoot(from), { missing: 'build', looked: join(pkg, 'dist') });
    mkdirSync(join(pkg, 'dist'));
    writeFileSync(join(pkg, 'dist', 'index.html'), '<!doctype html>');
    assert.deepEqual(findWebRoot(from), { dir: join(pkg, 'dist') });
    assert.deepEqual(findWebRoot(pathToFileURL(join(tmpdir(), 'nowhere', 'x.js')).href), {
      missing: 'package',
      looked: '@kpi/web',
    });
  });

  test('serving the app: "Open <url> in a browser", or one line saying it is not built', async () => {
    const s = await serve([]);
    try {
      if ('dir' in findWebRoot()) {
        assert.match(s.err(), new RegExp(`Open ${s.url.replace(/\./g, '\\.')} in a browser`));
        const page = await fetch(`${s.url}/goals/x`);
        assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      } else {
        assert.match(s.err(), /the web app is not built .*run `npm run build`; serving the API only/);
      }
    } finally {
      const done = exited(s.child);
      s.child.kill('SIGTERM');
      await done;
    }
  });
});

describe('kpi serve --secure-cookies and --trusted-proxy', () => {
  const loginCookies = async (url: string): Promise<string[]> => {
    const r = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'cookie@example.com', password: 'correct horse battery' }),
    });
    assert.equal(r.status, 200);
    return r.headers.getSetCookie();
  };
  const stop = async (child: ReturnType<typeof spawn>): Promise<void> => {
    const done = exited(child);
    child.kill('SIGTERM');
    await done;
  };

  before(() => {
    const r = runKpi(['user', 'add', 'cookie@example.com', '--role', 'viewer'], project, {
      KPI_PASSWORD: 'correct horse battery',
    });
    assert.equal(r.code, 0, r.err);
  });

  test('the session cookies get Secure with --secure-cookies or KPI_SECURE_COOKIES=1, not without', async () => {
    for (const [args, env, secure] of [
      [['--secure-cookies'], {}, true],
      [[], { KPI_SECURE_COOKIES: '1' }, true],
      [[], {}, false],
    ] as const) {
      const s = await serve(['--no-web', ...args], env);
      try {
        const cookies = await loginCookies(s.url);
        assert.equal(cookies.length, 2);
        for (const c of cookies)
          assert.equal(/; Secure(;|$)/.test(c), secure, `${args.join(' ')} ${JSON.stringify(env)}: ${c}`);
      } finally {
        await stop(s.child);
      }
    }
  });

  test('a bad --trusted-proxy entry is a usage error naming it (exit 2); --help explains the trade-off', () => {
    const r = runKpi(['serve', '--no-web', '--trusted-proxy', '127.0.0.1,proxy.local'], project, {
      NO_COLOR: '1',
    });
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /trusted proxy "proxy\.local" is not an IP address or a CIDR range/);
    const env = runKpi(['serve', '--no-web'], project, { NO_COLOR: '1', KPI_TRUSTED_PROXY: '10.0.0.0/40' });
    assert.equal(env.code, 2, env.err);
    assert.match(env.err, /trusted proxy "10\.0\.0\.0\/40"/);
    const help = runKpi(['serve', '--help'], project).out;
    assert.match(help, /--trusted-proxy LIST/);
    assert.match(help, /at most 5 minutes/);
  });
});
