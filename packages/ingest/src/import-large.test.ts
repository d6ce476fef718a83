// Large files: a generated ~100 MB CSV imports with the right count and sums (computed
// while generating), and an import killed with SIGKILL halfway leaves the store as it was.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDuckDb } from '@kpi/engines';
import { ensureDatasetTables, importFile } from '@kpi/ingest';
import { makeProject, rows, workspace, type Workspace } from '../test/import-fixtures.js';

const project = makeProject();
let ws: Workspace;
let big: string;
const expected = { rows: 0, cents: 0, clicks: 0 };

/** Writes a CSV of `n` rows with unique (date, campaign) keys; returns the sums it wrote. */
const generate = async (path: string, n: number): Promise<void> => {
  const out = createWriteStream(path);
  let buf = 'Day,Campaign name,Cost,clicks,active,note\n';
  const day0 = Date.UTC(2000, 0, 1);
  for (let i = 0; i < n; i++) {
    const date = new Date(day0 + Math.floor(i / 1000) * 86_400_000).toISOString().slice(0, 10);
    const cents = (i * 7919) % 100_003;
    const clicks = i % 997;
    expected.cents += cents;
    expected.clicks += clicks;
    buf += `${date},camp_${i % 1000},${(cents / 100).toFixed(2)},${clicks},${i % 3 === 0},n${i % 7}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.end(buf);
  await new Promise<void>((r) => out.on('finish', () => r()));
  expected.rows = n;
};

before(async () => {
  ws = await workspace();
  big = join(ws.dir, 'big.csv');
  await generate(big, 2_400_000);
});
after(async () => ws.close());

const checksum = async (engine: Awaited<ReturnType<typeof openDuckDb>>) =>
  (
    await rows(
      engine,
      `SELECT count(*) AS n, sum(round(spend * 100))::BIGINT AS cents, sum(clicks) AS clicks,
              sum(hash(date, campaign, spend, clicks, active, note) % 1000003) AS h FROM ads`,
    )
  )[0];

test('a ~100 MB CSV imports with the right row count and sums', async () => {
  await ensureDatasetTables(ws.engine, project);
  const s = await importFile(ws.engine, project, 'ads', big);
  assert.equal(s.inserted, expected.rows);
  const c = (
    await rows(
      ws.engine,
      'SELECT count(*) AS n, sum(round(spend * 100))::BIGINT AS cents, sum(clicks) AS clicks FROM ads',
    )
  )[0];
  assert.deepEqual([c?.['n'], c?.['cents'], c?.['clicks']], [expected.rows, expected.cents, expected.clicks]);
});

test('an import killed halfway leaves the store exactly as it was, and the next import works', async () => {
  const db = join(ws.dir, 'killed.duckdb');
  const small = ws.file(
    'small.csv',
    'Day,Campaign name,Cost\n1999-12-31,camp_0,1.25\n1999-12-31,camp_1,2.50\n',
  );
  let engine = await openDuckDb(db);
  await ensureDatasetTables(engine, project);
  await importFile(engine, project, 'ads', small);
  const before = await checksum(engine);
  const logBefore = await rows(engine, 'SELECT count(*) AS n FROM _kpi_imports');
  await engine.close();

  const marker = join(ws.dir, 'marker');
  const script = fileURLToPath(new URL('../test/kill-child.mjs', import.meta.url));
  const child = spawn(process.execPath, [script, db, big, marker, JSON.stringify(project)], {
    stdio: 'ignore',
  });
  const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
  for (let i = 0; i < 600 && !existsSync(marker); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(existsSync(marker), 'the child started the import');
  await new Promise((r) => setTimeout(r, 300));
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL');
  assert.ok(!existsSync(`${marker}.done`), 'the import was still running when killed');

  engine = await openDuckDb(db);
  try {
    assert.deepEqual(await checksum(engine), before);
    assert.deepEqual(await rows(engine, 'SELECT count(*) AS n FROM _kpi_imports'), logBefore);
    const s = await importFile(engine, project, 'ads', small);
    assert.deepEqual([s.inserted, s.updated], [0, 2]);
    assert.deepEqual(await checksum(engine), before);
  } finally {
    await engine.close();
  }
});
