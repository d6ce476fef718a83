// Login limiting over real HTTP: per account (back-off, whatever the client address) and
// per client (behind a trusted proxy, the X-Forwarded-For client), the Secure cookie flag
// both ways. The server's auth clock is injected: back-off expiry is tested by moving it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { PASSWORD, startFixture, type Fixture } from '../test/server-fixture.js';

let f: Fixture;
let clock = Date.UTC(2026, 10, 15, 9, 0, 0);

interface Answer {
  readonly status: number;
  readonly code: string | undefined;
  readonly retryAfter: string | undefined;
  readonly cookies: readonly string[];
}

/** POST /api/auth/login from a chosen loopback source address, with optional X-Forwarded-For. */
const login = (
  email: string,
  password: string,
  from: { localAddress?: string; forwardedFor?: string } = {},
  url = f.url,
): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const body = JSON.stringify({ email, password });
    const req = request(
      `${url}/api/auth/login`,
      {
        method: 'POST',
        agent: false,
        ...(from.localAddress ? { localAddress: from.localAddress } : {}),
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(from.forwardedFor ? { 'x-forwarded-for': from.forwardedFor } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          const parsed = JSON.parse(text) as { error?: { code?: string } };
          resolve({
            status: res.statusCode ?? 0,
            code: parsed.error?.code,
            retryAfter: res.headers['retry-after'],
            cookies: res.headers['set-cookie'] ?? [],
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });

const WRONG = 'wrong password, again';

describe('login limits', () => {
  before(async () => {
    f = await startFixture({ serve: { trustedProxies: ['127.0.0.1'], authClock: () => clock } });
  });
  after(async () => {
    await f.close();
  });

  test('100 guesses at one account over 20 X-Forwarded-For clients: 5 answered, 95 refused', async () => {
    // The real user signs in first from home (client 192.0.2.1).
    assert.equal((await login('admin@example.com', PASSWORD, { forwardedFor: '192.0.2.1' })).status, 200);
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      const a = await login('admin@example.com', WRONG, { forwardedFor: `203.0.113.${(i % 20) + 1}` });
      statuses.push(a.status);
      if (a.status === 429) {
        assert.equal(a.code, 'auth.login_backoff');
        assert.equal(a.retryAfter, '2', 'no time passed since the fifth failure: 2^1 s');
      }
    }
    assert.deepEqual(statuses, [...Array<number>(5).fill(401), ...Array<number>(95).fill(429)]);
    // Even the right password from a new client waits; another account from another client does not.
    const newDevice = await login('admin@example.com', PASSWORD, { forwardedFor: '198.51.100.50' });
    assert.deepEqual([newDevice.status, newDevice.code], [429, 'auth.login_backoff']);
    assert.equal((await login('editor@example.com', PASSWORD, { forwardedFor: '198.51.100.7' })).status, 200);
    // The home client signed in before: it skips the account's back-off, and its success resets it.
    assert.equal((await login('admin@example.com', PASSWORD, { forwardedFor: '192.0.2.1' })).status, 200);
    assert.equal((await login('admin@example.com', PASSWORD, { forwardedFor: '198.51.100.50' })).status, 200);
  });

  test('100 guesses at one account from 20 loopback source addresses: 5 answered, 95 refused', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++)
      statuses.push(
        (await login('viewer@example.com', WRONG, { localAddress: `127.0.0.${(i % 20) + 2}` })).status,
      );
    assert.deepEqual(statuses, [...Array<number>(5).fill(401), ...Array<number>(95).fill(429)]);
    assert.equal((await login('you@example.com', PASSWORD, { localAddress: '127.0.0.99' })).status, 200);
  });

  test('the back-off doubles and expires with the clock; it is capped; a success resets it', async () => {
    const at = (n: number) => ({ forwardedFor: `198.18.0.${n}` }); // a fresh client each time
    let n = 1;
    // viewer@ has 5 failures (the last test) and the clock has not moved: it waits 2 s.
    const first = await login('viewer@example.com', WRONG, at(n++));
    assert.deepEqual([first.status, first.retryAfter], [429, '2']);
    clock += 2000;
    assert.equal((await login('viewer@example.com', WRONG, at(n++))).status, 401); // 6 failures: 4 s
    clock += 3000;
    const second = await login('viewer@example.com', WRONG, at(n++));
    assert.deepEqual([second.status, second.retryAfter], [429, '1']);
    clock += 1000;
    assert.equal((await login('viewer@example.com', WRONG, at(n++))).status, 401); // 7 failures: 8 s
    // Keep guessing as soon as allowed: the wait grows 8, 16 ... and stops at the cap (300 s).
    const waits: number[] = [];
    while (waits.length < 12) {
      const a = await login('viewer@example.com', WRONG, at(n++));
      if (a.status === 429) {
        waits.push(Number(a.retryAfter));
        clock += Number(a.retryAfter) * 1000;
      }
    }
    assert.deepEqual(waits, [8, 16, 32, 64, 128, 256, 300, 300, 300, 300, 300, 300]);
    assert.equal((await login('viewer@example.com', WRONG, at(n++))).status, 401); // the wait is over
    // Right after the last failure the real user waits too — at most the cap, never forever.
    const locked = await login('viewer@example.com', PASSWORD, at(n++));
    assert.deepEqual([locked.status, locked.retryAfter], [429, '300']);
    clock += 300_000;
    assert.equal((await login('viewer@example.com', PASSWORD, at(n++))).status, 200);
    for (let i = 0; i < 5; i++) assert.equal((await login('viewer@example.com', WRONG, at(n++))).status, 401);
    assert.equal((await login('viewer@example.com', WRONG, at(n++))).status, 429);
  });

  test('per client: X-Forwarded-For counts only from a trusted proxy', async () => {
    clock += 3_600_000;
    // From an untrusted socket (127.0.0.40) a new X-Forwarded-For each time does not help:
    // 10 attempts a minute for that address, on 11 different accounts.
    const untrusted: (string | undefined)[] = [];
    for (let i = 0; i < 11; i++) {
      const a = await login(`nobody${i}@example.com`, WRONG, {
        localAddress: '127.0.0.40',
        forwardedFor: `203.0.113.${100 + i}`,
      });
      untrusted.push(`${a.status} ${a.code}`);
    }
    assert.deepEqual(untrusted, [
      ...Array<string>(10).fill('401 auth.bad_login'),
      '429 request.rate_limited',
    ]);
    // Through the trusted proxy (127.0.0.1) each forwarded client has its own count.
    for (let i = 0; i < 11; i++) {
      const a = await login(`someone${i}@example.com`, WRONG, { forwardedFor: `203.0.113.${150 + i}` });
      assert.equal(a.status, 401, `forwarded client ${i}`);
    }
    // And one forwarded client is limited like any other: 10 a minute.
    const one: number[] = [];
    for (let i = 0; i < 11; i++)
      one.push((await login(`other${i}@example.com`, WRONG, { forwardedFor: '203.0.113.200' })).status);
    assert.deepEqual(one, [...Array<number>(10).fill(401), 429]);
    clock += 60_000;
    assert.equal((await login('other11@example.com', WRONG, { forwardedFor: '203.0.113.200' })).status, 401);
  });

  test('session cookies: no Secure flag by default', async () => {
    const a = await login('editor@example.com', PASSWORD, { forwardedFor: '198.51.100.8' });
    assert.equal(a.status, 200);
    assert.equal(a.cookies.length, 2);
    for (const c of a.cookies) assert.doesNotMatch(c, /;\s*Secure/i);
  });
});

describe('secure cookies', () => {
  let g: Fixture;
  before(async () => {
    g = await startFixture({ serve: { secureCookies: true } });
  });
  after(async () => {
    await g.close();
  });

  test('with secureCookies, both login cookies carry Secure (and the session one HttpOnly)', async () => {
    const a = await login('editor@example.com', PASSWORD, {}, g.url);
    assert.equal(a.status, 200);
    const [session, csrf] = [
      a.cookies.find((c) => c.startsWith('kpi_session=')),
      a.cookies.find((c) => c.startsWith('kpi_csrf=')),
    ];
    assert.match(session ?? '', /; Secure(;|$)/);
    assert.match(session ?? '', /; HttpOnly/);
    assert.match(csrf ?? '', /; Secure(;|$)/);
  });
});
