// Structural and size limits over real HTTP, on a real DuckDB project: hostile bodies
// (30,000 levels of nesting, 100,000 columns, an alias bomb in a project file, a body
// over the size limit, sent whole or chunked) are each a precise 4xx; the server keeps
// answering, the stored rows and project files are unchanged, and no upload is left in
// the server's temporary folder.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, projectFiles, startFixture, type Fixture } from '../test/server-fixture.js';

let f: Fixture;
let tmp = '';
const UPLOAD_BYTES = 8 * 1024 * 1024;

const rowCount = async (): Promise<number> =>
  (await call(f, 'GET', '/api/datasets', { token: f.tokens.admin })).body[0].stats.rows;

const leftovers = (): string[] => readdirSync(tmp);

/** 30,000 levels of arrays as the value of `date` (about 60 KB). */
const DEEP = `{"date": ${'['.repeat(30_000)}${']'.repeat(30_000)}, "source": "x", "sessions": 1}\n`;

/**
 * The answer to a raw request whose body is written by `send`. A server that answers
 * before the body is complete closes the connection, so a write may then fail: once the
 * answer has arrived, that is the expected end, not an error.
 */
const raw = (
  path: string,
  headers: Record<string, string | number>,
  send: (write: (chunk: string) => boolean) => void,
): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const u = new URL(f.url + path);
    let status = 0;
    let body = '';
    const req = request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'POST', headers },
      (res) => {
        status = res.statusCode ?? 0;
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status, body }));
        res.on('error', () => resolve({ status, body }));
      },
    );
    req.on('error', (e) => (status ? resolve({ status, body }) : reject(e)));
    req.flushHeaders();
    send((chunk) => req.write(chunk));
  });

describe('structural limits over HTTP', () => {
  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'kpi-limits-tmp-'));
    f = await startFixture({ limits: { uploadBytes: UPLOAD_BYTES }, tmpDir: tmp });
  });
  after(async () => {
    await f.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('a 30,000-level NDJSON push (dry run, push token) is a 422 naming the limit; the server stays up', async () => {
    const rows = await rowCount();
    const files = projectFiles(f.dir);
    const r = await call(f, 'POST', '/api/datasets/web_sessions/rows?dryRun=true', {
      token: f.tokens.push,
      raw: DEEP,
      type: 'application/x-ndjson',
    });
    assert.equal(r.status, 422, JSON.stringify(r.body).slice(0, 300));
    assert.equal(r.body.error.code, 'limit.json_depth');
    assert.equal(
      r.body.error.message,
      'request body, line 1, column 73: the data nests deeper than 64 levels; nothing was imported',
    );
    assert.deepEqual(
      [r.body.error.details.limit, r.body.error.details.max, r.body.error.details.line],
      ['json_depth', 64, 1],
    );
    assert.match(
      JSON.stringify(r.body.error.details.issues),
      /raise project\.limits\.json_depth in kpi\.yaml/,
    );
    assert.equal((await call(f, 'GET', '/api/health')).status, 200);
    assert.equal(await rowCount(), rows);
    assert.equal(projectFiles(f.dir), files);
    assert.deepEqual(leftovers(), []);
  });

  test('the same body as a JSON array push and as an /import upload: the same refusal', async () => {
    const rows = await rowCount();
    const asArray = await call(f, 'POST', '/api/datasets/web_sessions/rows', {
      token: f.tokens.push,
      raw: `[${DEEP.trim()}]`,
    });
    // A pushed JSON array must hold flat rows: the nesting is refused as such, at once.
    assert.equal(asArray.status, 422);
    assert.equal(asArray.body.error.code, 'push.invalid_rows');
    assert.match(
      asArray.body.error.details.issues[0].message,
      /^request body, line 1, column 11: row 1 has a value that is an array/,
    );
    const upload = await call(f, 'POST', '/api/datasets/web_sessions/import?filename=deep.ndjson', {
      token: f.tokens.push,
      raw: DEEP,
      type: 'application/x-ndjson',
    });
    assert.equal(upload.status, 422);
    assert.equal(upload.body.error.code, 'limit.json_depth');
    assert.match(upload.body.error.message, /^deep\.ndjson, line 1, column 73: /);
    assert.equal((await call(f, 'GET', '/api/health')).status, 200);
    assert.equal(await rowCount(), rows);
    assert.deepEqual(leftovers(), []);
  });

  test('a deep JSON body on an ordinary route is a 422 before it is parsed', async () => {
    const r = await call(f, 'POST', '/api/query', {
      token: f.tokens.viewer,
      raw: `{"metrics": ["sessions"], "where": {"source": ${'['.repeat(30_000)}${']'.repeat(30_000)}}}`,
    });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'limit.json_depth');
    assert.equal(
      r.body.error.message,
      'the request body, line 1, column 109: the data nests deeper than 64 levels',
    );
    assert.equal(r.body.error.hint, 'raise project.limits.json_depth in kpi.yaml (at most 1,000)');
  });

  test('a JSON push of rows that are not flat objects keeps its 422 push.invalid_rows', async () => {
    const r = await call(f, 'POST', '/api/datasets/web_sessions/rows', {
      token: f.tokens.push,
      body: [
        { date: '2026-02-01', source: 'a', sessions: 1 },
        { date: '2026-02-01', source: { nested: true } },
      ],
    });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'push.invalid_rows');
    assert.match(r.body.error.details.issues[0].message, /row 2 has a value that is an object/);
    assert.deepEqual(leftovers(), []);
  });

  test('a CSV with 100,000 columns is a 422 that says so', async () => {
    const rows = await rowCount();
    const names = ['Date', 'Source', 'Sessions', ...Array.from({ length: 99_997 }, (_, i) => `c${i}`)];
    const r = await call(f, 'POST', '/api/datasets/web_sessions/import?filename=wide.csv', {
      token: f.tokens.push,
      raw: `${names.join(',')}\n2026-02-01,a,1\n`,
      type: 'text/csv',
    });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'limit.csv_columns');
    assert.equal(
      r.body.error.message,
      'wide.csv, line 1, column 1: the header has 100,000 columns (separated by comma (,)); the limit is 4,096; nothing was imported',
    );
    assert.equal(await rowCount(), rows);
    assert.deepEqual(leftovers(), []);
  });

  test('a Content-Length over the limit is a 413 answered before any of the body is sent', async () => {
    const r = await raw(
      '/api/datasets/web_sessions/rows',
      {
        authorization: `Bearer ${f.tokens.push}`,
        'content-type': 'application/x-ndjson',
        'content-length': 10 * 1024 ** 3,
      },
      () => undefined, // not a byte: the answer must come from the headers alone
    );
    assert.equal(r.status, 413);
    assert.equal(JSON.parse(r.body).error.code, 'request.too_large');
    assert.deepEqual(leftovers(), []);
  });

  test('a chunked body is cut at the limit with a 413 while the client is still sending', async () => {
    const line = `{"date":"2026-02-01","source":"a","sessions":1}\n`;
    let sent = 0;
    let answered = false;
    const r = await raw(
      '/api/datasets/web_sessions/rows',
      { authorization: `Bearer ${f.tokens.push}`, 'content-type': 'application/x-ndjson' },
      (write) => {
        // Keeps sending (never ends the body) until the answer arrives.
        const more = (): void => {
          while (sent < UPLOAD_BYTES * 4 && !answered) {
            sent += line.length * 100;
            if (!write(line.repeat(100))) return void setTimeout(more, 5);
          }
        };
        more();
      },
    );
    answered = true;
    assert.equal(r.status, 413);
    assert.ok(sent < UPLOAD_BYTES * 4, 'answered while the client was still sending');
    assert.equal((await call(f, 'GET', '/api/health')).status, 200);
    assert.deepEqual(leftovers(), []);
  });

  test('a JSON push of more than 100,000 rows is refused by the scan, before any row is read', async () => {
    const rows = await rowCount();
    const row = '{"date":"2026-02-03","source":"a","sessions":1}';
    const r = await call(f, 'POST', '/api/datasets/web_sessions/rows', {
      token: f.tokens.push,
      raw: `[${Array(100_001).fill(row).join(',\n')}]`,
    });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'push.invalid_rows');
    assert.equal(
      r.body.error.message,
      'the body must be a JSON array of row objects: request body, line 100,001, column 1: there are more than 100,000 rows; send at most 100,000 at a time; nothing was imported',
    );
    assert.equal(r.body.error.hint, 'split the rows into batches of at most 100,000');
    const small = await call(f, 'POST', '/api/datasets/web_sessions/rows', {
      token: f.tokens.push,
      raw: `[${['a', 'b', 'c'].map((src) => row.replace('"a"', `"${src}"`)).join(',\n')}]`,
    });
    assert.equal(small.status, 201, JSON.stringify(small.body));
    assert.equal(await rowCount(), rows + 3);
  });

  test('a successful push leaves no upload behind either', async () => {
    const r = await call(f, 'POST', '/api/datasets/web_sessions/rows?dryRun=true', {
      token: f.tokens.push,
      body: [{ date: '2026-02-02', source: 'a', sessions: 3 }],
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.rowsRead, 1);
    assert.deepEqual(leftovers(), []);
  });

  test('an alias bomb in a project file: PATCH answers 422 naming the file and the limit; fixed, PATCH works', async () => {
    mkdirSync(join(f.dir, 'definitions'), { recursive: true });
    const bombPath = join(f.dir, 'definitions', 'bomb.yaml');
    const levels = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const bomb =
      'annotations:\n' +
      `  - { date: 2026-01-01, title: x, scope: { s: &a [x, x, x, x, x, x, x, x, x] } }\n` +
      levels
        .slice(1)
        .map(
          (l, i) =>
            `  - { date: 2026-01-01, title: ${l}, scope: &${l} [${Array(9).fill(`*${levels[i]}`).join(', ')}] }\n`,
        )
        .join('');
    writeFileSync(bombPath, bomb);
    const files = projectFiles(f.dir);
    const body = { target: { value: 0.04 }, reason: 'limits test' };
    const refused = await call(f, 'PATCH', '/api/kpis/conversion_rate', { token: f.tokens.editor, body });
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    const issue = refused.body.error.details.issues.find(
      (i: { code: string }) => i.code === 'limit.yaml_aliases',
    );
    assert.equal(issue?.position.file, 'definitions/bomb.yaml', JSON.stringify(refused.body));
    assert.match(issue.message, /limit of 100 alias expansions/);
    assert.match(issue.hint, /project\.limits\.yaml_aliases/);
    assert.equal(projectFiles(f.dir), files, 'nothing written');
    const again = await call(f, 'PATCH', '/api/kpis/conversion_rate', { token: f.tokens.editor, body });
    assert.equal(again.status, 422, 'still a clean refusal, not a 500');
    assert.equal((await call(f, 'GET', '/api/health')).status, 200);
    unlinkSync(bombPath);
    const fixed = await call(f, 'PATCH', '/api/kpis/conversion_rate', { token: f.tokens.editor, body });
    assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
    assert.equal(fixed.body.value.target.value, 0.04);
  });

  test('the upload folder is private', async () => {
    // Seen from inside: a push whose import fails still had its folder at mode 0700 —
    // checked on a folder made the same way (the route's folders are gone after the request).
    const { makeUploadFolder } = await import('@kpi/app');
    const dir = await makeUploadFolder(tmp, 0);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    rmSync(dir, { recursive: true });
  });
});

describe('the start-up sweep', () => {
  test('starting the server removes the upload folder of a dead process and keeps a live one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-sweep-start-'));
    try {
      const dead = spawnSync(process.execPath, ['-e', '']).pid ?? 0;
      const stale = `kpi-upload-${dead}-${Date.now()}-aaaaaa`;
      const live = `kpi-upload-${process.ppid}-${Date.now()}-bbbbbb`;
      for (const name of [stale, live]) {
        mkdirSync(join(dir, name));
        writeFileSync(join(dir, name, 'rows.ndjson'), '{"pushed":"data"}\n');
      }
      const g = await startFixture({ users: false, tmpDir: dir });
      try {
        assert.deepEqual(readdirSync(dir), [live]);
        assert.ok(
          g.logs.some((l) => l.includes('"uploads.swept"') && l.includes('"removed":1')),
          'the sweep is logged',
        );
      } finally {
        await g.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
