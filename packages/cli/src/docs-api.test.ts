// docs/api.md runs: every line of its ```sh block (curl commands) against a real server on
// 127.0.0.1 over the getting-started project, with a real API token. Each must exit 0
// (curl -f fails on any HTTP error) and answer JSON; the pushed row is then in the store.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addTemplate,
  addUser,
  createToken,
  fixedClock,
  importDataset,
  initProject,
  openProject,
  queryMetrics,
} from '@kpi/app';
import { startServer, type RunningServer } from '@kpi/server';

const run = promisify(execFile);
const DOC = new URL('../../../docs/api.md', import.meta.url).pathname;
let root = '';
let dir = '';
let server: RunningServer | undefined;
let token = '';
const clock = fixedClock('2026-12-01T12:00:00Z');

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'kpi-docs-api-'));
  dir = join(root, 'my-kpis');
  await initProject({ dir, timezone: 'Europe/Berlin', currency: 'EUR' });
  addTemplate(dir, 'meta-ads');
  writeFileSync(
    join(root, 'meta-export.csv'),
    'Campaign name,Ad set name,Ad name,Day,Amount spent (EUR),Impressions,Link clicks,Results\nWinter sale,Women 25-44,Carousel A,2026-11-01,54.50,12000,240,12\nWinter sale,Women 25-44,Carousel A,2026-11-02,60.00,13000,260,15\n',
  );
  const lp = openProject(dir, { clock });
  await importDataset(lp, 'meta_ads', join(root, 'meta-export.csv'));
  await addUser(lp, {
    email: 'you@example.com',
    password: 'docs-api-password-1',
    name: 'You',
    role: 'admin',
  });
  token = (await createToken(lp, 'you@example.com', { name: 'docs' })).token;
  server = await startServer({ project: openProject(dir, { clock }), port: 0, log: () => {}, clock });
});
after(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

test('every curl line of docs/api.md answers JSON from a real server', async () => {
  const md = readFileSync(DOC, 'utf8');
  const block = /```sh\n([\s\S]*?)```/.exec(md)?.[1] ?? '';
  const lines = block.split('\n').filter((l) => l.trim());
  assert.ok(lines.length >= 5, `${lines.length} commands`);
  for (const line of lines) {
    // Asynchronous: the server answers from this same process.
    const r = await run('bash', ['-c', line], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', KPI_URL: server?.url ?? '', KPI_TOKEN: token },
    }).catch((e: Error & { stdout?: string; stderr?: string }) => {
      assert.fail(`${line}\n${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    });
    assert.doesNotThrow(() => JSON.parse(r.stdout) as unknown, line);
  }
  // The pushed row (3 Nov, 58.25) is stored next to the imported two: 54.50 + 60.00 + 58.25.
  const q = await queryMetrics(openProject(dir, { clock }), {
    metrics: ['meta_spend'],
    from: '2026-11-01',
    to: '2026-11-03',
  });
  assert.equal(Math.round(Number(q.rows[0]?.['meta_spend']) * 100), 17275);
});
