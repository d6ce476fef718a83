// The UTM routes over real HTTP on the demo (a real DuckDB file): the naming rules of its
// utm: section with GA4's nine parameters, and attribution by campaign checked against sums
// taken straight from the demo's CSV files (an independent route to the same numbers);
// auth, and a 422 for a bad date.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addUser, createToken, fixedClock, initProject, openProject } from '@kpi/app';
import { startServer, type RunningServer } from './start-server.js';

const END = '2026-11-20';
const FROM = '2026-10-01';
const TO = '2026-10-31';
let dir = '';
let server: RunningServer;
let token = '';
const get = async (path: string, auth = true) => {
  const res = await fetch(server.url + path, auth ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
};

/** Rows of a demo CSV (no quoted fields in these two files) as records. */
const csv = (name: string): Record<string, string>[] => {
  const [head, ...lines] = readFileSync(join(dir, 'data', `${name}.csv`), 'utf8')
    .trim()
    .split('\n');
  const cols = (head ?? '').split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i] ?? '', v])));
};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-server-utm-'));
  await initProject({ dir, demo: true, endDate: END });
  const lp = openProject(dir);
  await addUser(lp, {
    email: 'viewer@example.com',
    password: 'correct horse battery staple',
    role: 'viewer',
  });
  token = (await createToken(lp, 'viewer@example.com', { name: 'viewer' })).token;
  server = await startServer({
    project: openProject(dir),
    port: 0,
    log: () => {},
    limits: {},
    clock: fixedClock('2026-11-21T10:00:00Z'),
  });
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('utm routes', () => {
  test('GET /api/utm: the demo rules and the nine parameters, labelled, in GA4 order', async () => {
    const r = await get('/api/utm');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.rules.mediums, ['cpc', 'paid_social', 'email', 'social']);
    assert.equal(r.body.rules.separator, '_');
    assert.equal(r.body.attribution, true);
    assert.deepEqual(
      r.body.params.map((p: { name: string; label: string; required: boolean }) => [
        p.name,
        p.label,
        p.required,
      ]),
      [
        ['utm_source', 'Source', true],
        ['utm_medium', 'Medium', true],
        ['utm_campaign', 'Campaign', true],
        ['utm_id', 'Campaign ID', false],
        ['utm_term', 'Term', false],
        ['utm_content', 'Content', false],
        ['utm_source_platform', 'Source platform', false],
        ['utm_creative_format', 'Creative format', false],
        ['utm_marketing_tactic', 'Marketing tactic', false],
      ],
    );
  });

  test('GET /api/utm/attribution: per campaign the sums of the CSV rows of the month', async () => {
    const r = await get(`/api/utm/attribution?from=${FROM}&to=${TO}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const inRange = (row: Record<string, string>) => (row['date'] ?? '') >= FROM && (row['date'] ?? '') <= TO;
    const spend = new Map<string, number>();
    for (const row of csv('paid_campaigns').filter(inRange))
      spend.set(row['campaign'] ?? '', (spend.get(row['campaign'] ?? '') ?? 0) + Number(row['spend']));
    const visits = new Map<string, [number, number]>();
    for (const row of csv('web_sessions').filter(inRange)) {
      const c = row['utm_campaign'] ?? '';
      const [s, v] = visits.get(c) ?? [0, 0];
      visits.set(c, [s + Number(row['sessions']), v + Number(row['conversions'])]);
    }
    const expected = [...spend]
      .filter(([c]) => visits.has(c))
      .map(([c, m]) => {
        const [s, v] = visits.get(c) ?? [0, 0];
        return [c, Math.round(m * 100), s, v];
      })
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    assert.ok(expected.length >= 5, 'the month has paid campaigns with sessions');
    const got = (
      r.body.campaigns as { campaign: string; spend: number; sessions: number; conversions: number }[]
    )
      .map((c) => [c.campaign, Math.round(c.spend * 100), c.sessions, c.conversions])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    assert.deepEqual(got, expected);
    for (const c of r.body.campaigns as {
      spend: number;
      conversions: number;
      costPerConversion: number | null;
    }[])
      assert.equal(c.costPerConversion, c.conversions > 0 ? c.spend / c.conversions : null);
    // The emails' campaigns have sessions and no spend; every one is listed on its side.
    const emailCampaigns = [...visits.keys()].filter((c) => c !== '(not set)' && !spend.has(c)).sort();
    assert.deepEqual(
      (r.body.unmatchedSessions as { campaign: string }[]).map((u) => u.campaign).sort(),
      emailCampaigns,
    );
    assert.equal(r.body.currency, 'EUR');
  });

  test('reads need a login; a bad date is a 422 naming the field', async () => {
    assert.equal((await get('/api/utm', false)).status, 401);
    assert.equal((await get('/api/utm/attribution', false)).status, 401);
    const bad = await get('/api/utm/attribution?from=2026-02-30');
    assert.equal(bad.status, 422, JSON.stringify(bad.body));
    assert.match(JSON.stringify(bad.body), /from/);
  });
});
