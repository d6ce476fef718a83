// Fault suite: a push nested 30,000 levels deep (`{"date": [[[…]]]}`, about 60 KB) through
// a real `kpi serve` — as NDJSON and as JSON to /rows, and as an NDJSON file to /import —
// and through `kpi import`. Each must get a clean 4xx (or CLI exit 1/2) naming the
// problem, with the server still up, no upload left in its temp folder and the stored
// rows unchanged.
//
// On main the NDJSON body reaches DuckDB's JSON reader unchecked and the server dies with
// SIGSEGV (issue 12, item 1); the structural limits of the `limits` branch (JSON depth
// scanned before DuckDB reads the file) fix it: without that branch this file fails.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, makeProject, serveChild, type ServeChild, type TestProject } from '../test/serve-child.js';

const DEPTH = 30_000;
const deepRow = `{"date": ${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)}, "source": "x", "sessions": 1}`;

let p: TestProject;
let s: ServeChild;
let tmp = '';

before(async () => {
  p = await makeProject('kpi-push-depth-');
  tmp = join(p.root, 'tmp');
  mkdirSync(tmp);
  s = await serveChild(p.dir, []);
});
after(async () => {
  await s?.stop();
  rmSync(p.root, { recursive: true, force: true });
});

const rows = async (): Promise<number> => {
  const r = await fetch(`${s.url}/api/datasets`, { headers: { authorization: `Bearer ${p.admin}` } });
  const body = (await r.json()) as { stats: { rows: number } }[];
  return body[0]?.stats.rows ?? -1;
};

/** The child's exit status, or 'still running' when it has not exited within 5 s (for the message only). */
const exitOf = (c: ServeChild): Promise<string> =>
  Promise.race([
    c.whenExited(),
    new Promise<string>((r) => setTimeout(() => r('still running'), 5000).unref()),
  ]);

/** Restarts the server when an earlier case killed it, so each case is tried on its own. */
const ensureUp = async (): Promise<void> => {
  const up = await fetch(`${s.url}/api/health`).then(
    (r) => r.ok,
    () => false,
  );
  if (up) return;
  await exitOf(s);
  s = await serveChild(p.dir, []);
};

const cases = [
  {
    name: 'NDJSON push',
    path: '/api/datasets/web_sessions/rows?dryRun=true',
    type: 'application/x-ndjson',
    body: deepRow + '\n',
  },
  {
    name: 'NDJSON push (stored)',
    path: '/api/datasets/web_sessions/rows',
    type: 'application/x-ndjson',
    body: deepRow + '\n',
  },
  {
    name: 'JSON push',
    path: '/api/datasets/web_sessions/rows?dryRun=true',
    type: 'application/json',
    body: `[${deepRow}]`,
  },
  {
    name: 'NDJSON import',
    path: '/api/datasets/web_sessions/import?dryRun=true',
    type: 'application/x-ndjson',
    body: deepRow + '\n',
  },
] as const;

for (const c of cases) {
  test(`${DEPTH} levels of nesting, ${c.name}: a clean 4xx and the server up`, async () => {
    await ensureUp();
    const before = await rows();
    const res = await fetch(s.url + c.path, {
      method: 'POST',
      headers: { authorization: `Bearer ${p.push}`, 'content-type': c.type },
      body: c.body,
    }).catch(async (e: unknown) => {
      const status = await exitOf(s);
      assert.fail(`no answer (${String(e)}); kpi serve: ${status}; stderr: ${s.err().slice(-300)}`);
    });
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    assert.ok(res.status >= 400 && res.status < 500, `${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    assert.match(body.error?.code ?? '', /^[a-z_]+(\.[a-z0-9_]+)+$/);
    assert.ok((body.error?.message ?? '').length > 0);
    const health = await fetch(`${s.url}/api/health`);
    assert.equal(health.status, 200);
    assert.equal(await rows(), before);
  });
}

test(`${DEPTH} levels of nesting through kpi import: exit 1 or 2 with a message, not a crash`, async () => {
  await s.stop(); // kpi import needs the store, which the server holds
  const file = join(p.root, 'deep.ndjson');
  writeFileSync(file, deepRow + '\n');
  const r = spawnSync(process.execPath, [BIN, 'import', 'web_sessions', file], {
    cwd: p.dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', TMPDIR: tmp },
  });
  assert.equal(r.signal, null, `kpi import died with ${r.signal}`);
  assert.ok(r.status === 1 || r.status === 2, `exit ${r.status}: ${r.stderr}`);
  assert.ok(r.stderr.trim().length > 0);
  assert.deepEqual(readdirSync(tmp), [], 'nothing left in the temp folder');
});
