// The web app served beside the API over real HTTP: files with their types and caching,
// gzip, the SPA fallback for client-side routes, 404s, HEAD, and path traversal refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { call, startFixture, type Fixture } from '../test/server-fixture.js';

const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/app-abc.js"></script></head><body><div id="root"></div></body></html>\n';
const APP_JS = `export const greet = () => ${JSON.stringify('hello '.repeat(200))};\n`;

interface Raw {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** A request with the path sent exactly as written (fetch would normalise dot segments). */
const raw = (f: Fixture, method: string, path: string, headers: Record<string, string> = {}): Promise<Raw> =>
  new Promise((resolve, reject) => {
    const u = new URL(f.url);
    const req = request({ host: u.hostname, port: u.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });

let f: Fixture;
let web: string;

describe('the web app served by startServer({webRoot})', () => {
  before(async () => {
    web = mkdtempSync(join(tmpdir(), 'kpi-web-test-'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), INDEX);
    writeFileSync(join(web, 'assets', 'app-abc.js'), APP_JS);
    writeFileSync(join(web, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    // A link inside the folder to a file outside it must not be followed.
    writeFileSync(`${web}-secret.txt`, 'root:secret');
    symlinkSync(`${web}-secret.txt`, join(web, 'leak.txt'));
    f = await startFixture({ webRoot: web });
  });
  after(async () => {
    await f.close();
    rmSync(web, { recursive: true, force: true });
    rmSync(`${web}-secret.txt`, { force: true });
  });

  test('an asset: its type, immutable caching, the security headers', async () => {
    const r = await raw(f, 'GET', '/assets/app-abc.js');
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['content-encoding'], undefined);
    assert.equal(r.body.toString(), APP_JS);
    assert.match(String(r.headers['content-security-policy']), /script-src 'self';/);
    assert.match(String(r.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.ok(r.headers['x-request-id']);
  });

  test('gzip when the client accepts it, with Vary', async () => {
    const r = await raw(f, 'GET', '/assets/app-abc.js', { 'accept-encoding': 'br, gzip' });
    assert.equal(r.headers['content-encoding'], 'gzip');
    assert.equal(r.headers['vary'], 'Accept-Encoding');
    assert.ok(r.body.length < APP_JS.length);
    assert.equal(gunzipSync(r.body).toString(), APP_JS);
    const refused = await raw(f, 'GET', '/assets/app-abc.js', { 'accept-encoding': 'gzip;q=0' });
    assert.equal(refused.headers['content-encoding'], undefined);
  });

  test('index.html at / and for client-side routes (no-cache); other files by type', async () => {
    for (const path of ['/', '/index.html', '/goals/grow_signups', '/kpis/conversion_rate/edit?x=1']) {
      const r = await raw(f, 'GET', path);
      assert.equal(r.status, 200, path);
      assert.equal(r.headers['content-type'], 'text/html; charset=utf-8', path);
      assert.equal(r.headers['cache-control'], 'no-cache', path);
      assert.equal(r.body.toString(), INDEX, path);
    }
    const svg = await raw(f, 'GET', '/favicon.svg');
    assert.deepEqual([svg.status, svg.headers['content-type']], [200, 'image/svg+xml']);
  });

  test('a missing file with an extension is a 404, not the app', async () => {
    for (const path of ['/assets/missing.js', '/robots.txt', '/assets']) {
      const r = await raw(f, 'GET', path);
      // /assets is a folder: never listed; it has no extension, so the app answers it.
      if (path === '/assets') assert.equal(r.body.toString(), INDEX);
      else assert.equal(r.status, 404, path);
    }
  });

  test('HEAD: the headers of GET, no body', async () => {
    const r = await raw(f, 'HEAD', '/assets/app-abc.js');
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-length'], String(Buffer.byteLength(APP_JS)));
    assert.equal(r.body.length, 0);
    const spa = await raw(f, 'HEAD', '/goals/x');
    assert.deepEqual([spa.status, spa.body.length], [200, 0]);
  });

  test('path traversal is refused and leaks nothing', async () => {
    for (const path of [
      '/..%2f..%2fetc/passwd',
      '/%2e%2e/',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%2f..%2fpackage.json',
      '/../../etc/passwd',
      '/index.html%00.js',
      '/goals%00',
      '/..%5c..%5cetc%5cpasswd',
      '/%E0%A4%A',
      '/.env',
      '/leak.txt',
    ]) {
      const r = await raw(f, 'GET', path);
      assert.equal(r.status, 404, path);
      assert.ok(!/root:|"name"|<html/.test(r.body.toString()), `${path} leaked ${r.body.toString()}`);
    }
  });

  test('the API is untouched: routes answer, unknown /api paths stay JSON 404s', async () => {
    assert.equal((await call(f, 'GET', '/api/health')).status, 200);
    const missing = await call(f, 'GET', '/api/nope');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'route.not_found');
    assert.match(String((await call(f, 'GET', '/setup')).body), /first admin/);
    // Writes to an app path are not the app's: the API's 404.
    const post = await call(f, 'POST', '/goals/x', { body: {} });
    assert.equal(post.body.error.code, 'route.not_found');
  });
});

describe('without webRoot', () => {
  test('paths outside /api answer the JSON 404 as before', async () => {
    const plain = await startFixture({ users: false });
    try {
      const r = await call(plain, 'GET', '/goals/x');
      assert.equal(r.status, 404);
      assert.equal(r.body.error.code, 'route.not_found');
    } finally {
      await plain.close();
    }
  });
});
