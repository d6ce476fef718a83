// Churn KPIs through the scorecard on a real DuckDB project: the churn rate, the churners and
// the cause by segment against figures worked by hand from the six customers below, the
// stay-below verdict, a bad churn metric refused with its place, and a verdict alert on the
// churn KPI firing to a real HTTP receiver when customers fall quiet.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateScorecard, fixedClock, importDataset, openProject, type KpiReading } from '@kpi/app';
import { startHttpReceiver, type HttpReceiver } from '../../test/delivery-receivers.js';
import { runAt, secretsFor } from '../../test/delivery-project.js';

const yaml = (extra = ''): string => `version: 1
project: { name: Churn KPI, timezone: UTC, currency: EUR }
datasets:
  activity:
    time: date
    key: [date, customer, event]
    dimensions: [plan, event]
    columns:
      date: { type: date }
      customer: { type: string }
      plan: { type: string, label: Plan, labels: { basic: Basic, pro: Pro } }
      event: { type: string }
      revenue: { type: number }
churn:
  subs:
    dataset: activity
    customer: customer
    inactive_days: 10
    cancel: { column: event, value: cancel }
    revenue: revenue
    segments: [plan]
    horizon_days: 10
metrics:
  churn_rate: { kind: churn, churn: subs, measure: rate, unit: percent, direction: lower, label: Churn rate }
  churners: { kind: churn, churn: subs, measure: churners, direction: lower }
goals:
  keep: { title: Keep subscribers, period: { start: 2026-03-01, end: 2026-03-31 } }
kpis:
  churn_rate:
    metric: churn_rate
    goal: keep
    target: { kind: stay_below, value: 0.5 }
    cadence: weekly
    min_elapsed: 0
  churners:
    metric: churners
    goal: keep
    cadence: weekly
    min_elapsed: 0
${extra}`;

// Gone after 10 quiet days (churn day = last order + 10) or on a cancel:
//   a basic: 02-20, 03-01           → active to 03-10, churns 03-11
//   b basic: 03-02, 03-10, 03-14    → active from 03-02, still active on 03-15
//   c pro:   02-25, cancel 03-04    → active 02-25..03-03, churns 03-04
//   d pro:   02-27, 03-05           → active to 03-14, churns 03-15
//   e pro:   03-12                  → active from 03-12
//   f basic: 02-01                  → churns 02-11 (before March)
const ROWS = `date,customer,plan,event,revenue
2026-02-20,a,basic,order,10
2026-03-01,a,basic,order,10
2026-03-02,b,basic,order,10
2026-03-10,b,basic,order,10
2026-03-14,b,basic,order,10
2026-02-25,c,pro,order,20
2026-03-04,c,pro,cancel,0
2026-02-27,d,pro,order,20
2026-03-05,d,pro,order,20
2026-03-12,e,pro,order,20
2026-02-01,f,basic,order,10
`;

let rx: HttpReceiver;
const dirs: string[] = [];
const project = async (extra = ''): Promise<string> => {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-churn-kpi-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'kpi.yaml'), yaml(extra));
  writeFileSync(join(dir, 'activity.csv'), ROWS);
  await importDataset(openProject(dir), 'activity', join(dir, 'activity.csv'));
  return dir;
};
before(async () => {
  rx = await startHttpReceiver();
});
after(async () => {
  await rx.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const close = (a: number | null | undefined, b: number, what: string) =>
  assert.ok(a !== null && a !== undefined && Math.abs(a - b) < 1e-9, `${what}: ${a} ≠ ${b}`);

test('churn rate, churners and the cause by plan, by hand, through the scorecard', async () => {
  const dir = await project();
  const sc = await evaluateScorecard(openProject(dir, { clock: fixedClock('2026-03-16T09:00:00Z') }), {
    asOf: '2026-03-15',
  });
  const kpis = sc.goals[0]?.kpis ?? [];
  const rate = kpis.find((k) => k.kpi === 'churn_rate') as KpiReading;
  const churners = kpis.find((k) => k.kpi === 'churners') as KpiReading;
  // Week 03-09..03-15. Customer-days at risk: a 2 (9th, 10th), b 7, d 6 (to the 14th), e 4 (12th-15th) = 19;
  // churners a (11th) and d (15th) = 2. Rate per 10-day horizon: 2 / 19 × 10.
  assert.deepEqual(rate.current.range, { start: '2026-03-09', end: '2026-03-15' });
  close(rate.current.value, (2 / 19) * 10, 'current week');
  // Week 03-02..03-08: a 7, b 7, c 2 (2nd, 3rd), d 7 = 23 days; churner c (4th) = 1.
  const prev = rate.comparisons.find((c) => c.kind === 'previous_period');
  close(prev?.value, (1 / 23) * 10, 'previous week');
  assert.equal(churners.current.value, 2);
  assert.equal(churners.comparisons.find((c) => c.kind === 'previous_period')?.value, 1);
  // Stay below is judged over the goal period to date (03-01..03-15): a 10, b 14, c 3, d 14, e 4 = 45 days,
  // churners c, a, d = 3 → 3 / 45 × 10 = 0.667, a third past the 0.5 limit.
  close(rate.target?.actual, (3 / 45) * 10, 'goal period to date');
  assert.equal(rate.target?.expected, 0.5);
  assert.equal(rate.status, 'off_track');
  assert.match(rate.verdict?.phrase ?? '', /off track/);
  // The cause, per plan (churners / (customer-days / 10)): this week basic 1 / 0.9, pro 1 / 1.0; last week
  // basic 0 / 1.4, pro 1 / 0.9. Effects n1/D1 − n0/D0 with D1 = 1.9, D0 = 2.3: basic 1/1.9, pro 1/1.9 − 1/2.3.
  const plan = rate.cause.dimensions.find((d) => d.dimension === 'plan');
  const effect = (m: string) => plan?.members.find((x) => x.member === m)?.effect;
  close(effect('basic'), 1 / 1.9, 'basic effect');
  close(effect('pro'), 1 / 1.9 - 1 / 2.3, 'pro effect');
  assert.equal(rate.cause.drivers[0]?.member, 'basic');
  assert.equal(rate.cause.drivers[0]?.label, 'Basic');
});

test('a churn metric naming no churn definition is refused with its place', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-churn-bad-'));
  dirs.push(dir);
  writeFileSync(
    join(dir, 'kpi.yaml'),
    yaml().replace('churn: subs, measure: rate', 'churn: subz, measure: rate'),
  );
  await assert.rejects(
    async () => evaluateScorecard(openProject(dir, { clock: fixedClock('2026-03-16T09:00:00Z') })),
    (e: Error & { issues?: { code: string; path: (string | number)[] }[] }) => {
      const i = (e.issues ?? []).find((x) => x.code === 'metric.churn.definition_missing');
      assert.ok(i, e.message);
      assert.deepEqual(i.path.slice(-3), ['metrics', 'churn_rate', 'churn']);
      return true;
    },
  );
});

test('a verdict alert on the churn KPI fires when customers fall quiet', async () => {
  const dir = await project(`channels:
  hook: { kind: webhook, url_secret: HOOK_URL, signing_secret: HOOK_KEY }
alerts:
  churn_rising:
    kpi: churn_rate
    when: { kind: verdict }
    check: '0 9 * * *'
    to: [hook]
`);
  const secrets = secretsFor(dir, {
    HOOK_URL: `${rx.url}/churn`,
    HOOK_KEY: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  });
  const mine = () => rx.requests.filter((r) => r.path === '/churn');
  assert.equal((await runAt(dir, '2026-03-04T08:00:00Z', secrets)).alertsChecked, 0);
  // As of 03-03 nobody has left in March (11 customer-days, no churner): on track, nothing sent.
  assert.equal((await runAt(dir, '2026-03-04T09:00:30Z', secrets)).alertsChecked, 1);
  assert.equal(mine().length, 0);
  // As of 03-15 three have left (0.667 per 10 days against 0.5): the alert fires once.
  await runAt(dir, '2026-03-16T09:00:30Z', secrets);
  assert.equal(mine().length, 1);
  const body = JSON.parse(mine()[0]?.body ?? '{}') as { type: string; data: Record<string, unknown> };
  assert.equal(body.type, 'kpi.alert.fired');
  assert.equal(body.data['kpi'], 'churn_rate');
  assert.equal(body.data['status'], 'off_track');
  close(body.data['value'] as number, (2 / 19) * 10, 'value sent');
});
