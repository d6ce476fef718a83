// The delivery sections through loadProject: valid ones load; every wrong reference is an
// error at the exact line, with the names that exist; a secret cannot be written in a
// channel; a kind typo names the kinds that exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProject } from './load-project.js';

const BASE = `version: 1
project: { name: T }
datasets:
  d: { time: day, key: [day], columns: { day: { type: date }, n: { type: integer } } }
metrics:
  n: { kind: simple, dataset: d, agg: sum, column: n }
goals:
  g: { title: G, period: { start: 2026-01-01, end: 2026-03-31 } }
kpis:
  k: { metric: n, goal: g }
`;

const load = (extra: string) => loadProject([{ path: 'kpi.yaml', text: BASE + extra }]);
const lineOf = (extra: string, s: string): number =>
  (BASE + extra).split('\n').findIndex((l) => l.includes(s)) + 1;

test('valid reports, alerts and channels load with their defaults', () => {
  const r = load(`channels:
  mail: { kind: email, from: a@b.c, to: [x@y.z], host: smtp.example.com, password_secret: SMTP_PASSWORD }
reports:
  weekly: { schedule: '0 9 * * MON', to: [mail] }
alerts:
  slip: { kpi: k, when: { kind: verdict }, to: [mail] }
  stale: { when: { kind: stale_import, dataset: d, days: 3 }, to: [mail] }
`);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.issues));
  const p = r.value;
  assert.equal(p.reports?.['weekly']?.period, 'last-week');
  assert.deepEqual(p.alerts?.['slip']?.when, {
    kind: 'verdict',
    to: ['at_risk', 'off_track', 'back_on_track'],
  });
  assert.equal(p.alerts?.['slip']?.check, '*/15 * * * *');
  const mail = p.channels?.['mail'];
  assert.equal(mail?.kind === 'email' ? mail.port : 0, 587);
});

test('wrong references are errors at their line, naming what exists', () => {
  const extra = `channels:
  hook: { kind: webhook, url_secret: U, signing_secret: K }
reports:
  weekly: { schedule: '0 9 * * MON', goal: nope, to: [hook, slack] }
alerts:
  a1: { kpi: missing, when: { kind: guard }, to: [hook] }
  a2: { when: { kind: anomaly }, to: [hook] }
  a3: { when: { kind: stale_import, dataset: gone, days: 2 }, to: [hook] }
`;
  const r = load(extra);
  assert.equal(r.ok, false);
  const got = (r.ok ? [] : r.issues).map((i) => [i.code, i.position?.line, i.hint]);
  assert.deepEqual(got, [
    ['report.channel_unknown', lineOf(extra, 'weekly:'), 'channels: hook'],
    ['report.goal_unknown', lineOf(extra, 'weekly:'), 'goals: g'],
    ['alert.kpi_unknown', lineOf(extra, 'a1:'), 'KPIs: k'],
    ['alert.kpi_missing', lineOf(extra, 'a2:'), 'add kpi: <name of a KPI>'],
    ['alert.dataset_unknown', lineOf(extra, 'a3:'), 'datasets: d'],
  ]);
});

test('a secret value in a channel is refused; a kind typo lists the channel kinds', () => {
  const extra = `channels:
  mail: { kind: email, from: a@b.c, to: [x@y.z], host: h, password: hunter2 }
  chat: { kind: slak, url_secret: S }
  hook: { kind: webhook, url_secret: 'https://hooks.example/x', signing_secret: K }
`;
  const r = load(extra);
  assert.equal(r.ok, false);
  const issues = r.ok ? [] : r.issues;
  const msg = issues.map((i) => `${i.position?.line}: ${i.message} | ${i.hint ?? ''}`);
  assert.ok(
    msg.some((m) => m.startsWith(`${lineOf(extra, 'mail:')}: channels.mail: unknown field "password"`)),
    msg.join('\n'),
  );
  assert.ok(
    msg.some((m) => m.startsWith(`${lineOf(extra, 'chat:')}:`) && m.includes('email, slack, webhook')),
    msg.join('\n'),
  );
  assert.ok(
    msg.some((m) => m.startsWith(`${lineOf(extra, 'hook:')}:`) && m.includes('never the secret itself')),
    msg.join('\n'),
  );
});
