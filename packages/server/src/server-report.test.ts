// GET /api/report over real HTTP on a starter project: a viewer may read every format; the
// HTML comes with a CSP that lets it load nothing; the PDF is an attachment printed by
// Debian's chromium; without chromium the answer is 503 pdf.chromium_missing naming the
// Debian package (not a generic 500); no login is 401.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addUser, createToken, fixedClock, initProject, openProject } from '@kpi/app';
import { startServer, type RunningServer } from './start-server.js';

let root = '';
let server: RunningServer;
let token = '';
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'kpi-server-report-'));
  const dir = join(root, 'p');
  await initProject({ dir });
  const lp = openProject(dir);
  await addUser(lp, {
    email: 'vic@example.com',
    password: 'a viewer password 1',
    role: 'viewer',
    name: 'Vic',
  });
  token = (await createToken(lp, 'vic@example.com', { name: 'read' })).token;
  server = await startServer({
    project: openProject(dir),
    port: 0,
    log: () => {},
    clock: fixedClock('2026-11-22T12:00:00Z'),
  });
});
after(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (path: string, auth = true) =>
  fetch(server.url + path, auth ? { headers: { authorization: `Bearer ${token}` } } : {});

test('a viewer reads the report as HTML, Markdown, JSON and PDF', async () => {
  const html = await get('/api/report');
  assert.equal(html.status, 200);
  assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(html.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  const page = await html.text();
  // As of 21 Nov 2026 (yesterday by the server's clock), last week is 9–15 Nov.
  assert.match(page, /<h1>[^<]*report for 9–15 Nov 2026<\/h1>/);
  const json = await get('/api/report?format=json');
  assert.equal(json.status, 200);
  const model = (await json.json()) as { kind: string; period: { range: { start: string; end: string } } };
  assert.equal(model.kind, 'report');
  assert.deepEqual(model.period.range, { start: '2026-11-09', end: '2026-11-15' });
  const md = await get('/api/report?format=md&period=last-month');
  assert.match(md.headers.get('content-type') ?? '', /^text\/markdown/);
  assert.match(await md.text(), /^# .*report for 1–31 Oct 2026\n/);
  const pdf = await get('/api/report?format=pdf&paper=letter');
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.match(
    pdf.headers.get('content-disposition') ?? '',
    /^attachment; filename="report-2026-11-09-2026-11-15\.pdf"$/,
  );
  assert.equal(
    Buffer.from(await pdf.arrayBuffer())
      .subarray(0, 5)
      .toString(),
    '%PDF-',
  );
  assert.equal((await get('/api/report', false)).status, 401);
});

test('without chromium the PDF is a 503 that names the Debian package', async () => {
  const saved = process.env['KPI_CHROMIUM'];
  process.env['KPI_CHROMIUM'] = join(root, 'no-chromium-here');
  try {
    const r = await get('/api/report?format=pdf');
    assert.equal(r.status, 503);
    const body = (await r.json()) as { error: { code: string; hint?: string } };
    assert.equal(body.error.code, 'pdf.chromium_missing');
    assert.match(body.error.hint ?? '', /apt install chromium/);
  } finally {
    if (saved === undefined) delete process.env['KPI_CHROMIUM'];
    else process.env['KPI_CHROMIUM'] = saved;
  }
});
