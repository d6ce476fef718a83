// The PostgreSQL engine on a real PostgreSQL server started for this file: the one engine
// suite, and what only a server does (statement timeouts, refused connections, pooled
// connections handed back clean).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engineSuite } from '../testing/engine-suite.js';
import { startTestPostgres, type TestPostgres } from '../testing/test-postgres.js';
import { openPostgres } from './postgres-engine.js';

let server: TestPostgres;
let n = 0;
const freshUrl = async (): Promise<string> => server.createDatabase(`suite_${++n}`);

before(async () => {
  server = await startTestPostgres();
});
after(async () => {
  await server.stop();
});

engineSuite('postgres', async () => openPostgres(await freshUrl()));

describe('postgres engine', () => {
  test('a read running past queryTimeoutMs is cancelled with engine.timeout; the engine stays usable', async () => {
    const e = await openPostgres(await freshUrl(), { queryTimeoutMs: 50 });
    try {
      await assert.rejects(
        e.query('SELECT pg_sleep(5) AS s'),
        (err: Error & { code?: string }) => err.code === 'engine.timeout',
      );
      assert.equal((await e.query('SELECT 1 AS one')).rows[0]?.['one'], 1);
      // Inside a section (an import) there is no timeout.
      const slow = await e.exclusive(() => e.query('SELECT pg_sleep(0.1) IS NULL AS done'));
      assert.equal(slow.rows[0]?.['done'], false);
    } finally {
      await e.close();
    }
  });

  test('session state left behind by a section is discarded before its connection is reused', async () => {
    const e = await openPostgres(await freshUrl(), { poolSize: 1 });
    try {
      await e.exclusive(async () => {
        await e.exec(`SET TimeZone = 'Asia/Tokyo'`);
        await e.exec('CREATE TEMP TABLE leftover AS SELECT 1 AS x');
      });
      // One connection in the pool: this is the same connection, reset.
      assert.equal((await e.query(`SELECT current_setting('TimeZone') AS tz`)).rows[0]?.['tz'], 'UTC');
      await assert.rejects(
        e.query('SELECT * FROM leftover'),
        (err: Error & { code?: string }) => err.code === 'engine.query_failed',
      );
    } finally {
      await e.close();
    }
  });

  test('a server that does not answer is engine.open_failed, with the password kept out of the message', async () => {
    const url = `postgres://kpi:s3cret@127.0.0.1:${server.port + 1}/postgres`;
    await assert.rejects(openPostgres(url), (err: Error & { code?: string; hint?: string }) => {
      assert.equal(err.code, 'engine.open_failed');
      assert.doesNotMatch(err.message, /s3cret/);
      assert.match(err.message, /\*\*\*/);
      assert.ok(err.hint);
      return true;
    });
  });
});
