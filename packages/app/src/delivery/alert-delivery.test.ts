// Done-when: an alert fires once when a KPI slips, not again while it stays off track,
// and resolves when it recovers — a real DuckDB project, data imported day by day, the
// scheduler run at fixed instants, the messages received by a real HTTP server on
// 127.0.0.1 (a signed webhook and a Slack webhook); the signature verified with the
// secret documented in docs/webhooks.md by an implementation on node:crypto. Plus
// retries of a refusing receiver, and the alert list and delivery log.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { evaluateScorecard, fixedClock, listAlerts, listDeliveries, openProject, testAlert } from '@kpi/app';
import { signWebhook } from '@kpi/delivery';
import {
  documentedWebhookExample,
  startHttpReceiver,
  verifyStandardWebhook,
  type HttpReceiver,
} from '../../test/delivery-receivers.js';
import { importRows, makeProject, runAt, secretsFor } from '../../test/delivery-project.js';

const CHANNELS = `channels:
  hook: { kind: webhook, url_secret: HOOK_URL, signing_secret: HOOK_KEY }
  chat: { kind: slack, url_secret: SLACK_URL }
`;
const ALERTS = `alerts:
  members_slipping:
    kpi: members
    when: { kind: verdict }
    check: '0 9 * * *'
    to: [hook, chat]
`;

let rx: HttpReceiver;
const dirs: string[] = [];
before(async () => {
  rx = await startHttpReceiver();
});
after(async () => {
  await rx.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const statusOn = async (dir: string, at: string): Promise<string> => {
  const sc = await evaluateScorecard(openProject(dir, { clock: fixedClock(at) }));
  return sc.goals[0]?.kpis[0]?.verdict?.phrase ?? 'none';
};

test('a verdict alert fires once when the KPI slips, stays quiet while off track, resolves once when it recovers', async () => {
  const dir = await makeProject('kpi-alert-', CHANNELS + ALERTS);
  dirs.push(dir);
  const { secret } = documentedWebhookExample();
  const secrets = secretsFor(dir, {
    HOOK_URL: `${rx.url}/hook`,
    HOOK_KEY: secret,
    SLACK_URL: `${rx.url}/slack`,
  });
  const mine = () => rx.requests.filter((r) => r.path === '/hook' || r.path === '/slack');
  // First sight: the check cursor starts; nothing is due.
  assert.equal((await runAt(dir, '2026-02-10T08:00:00Z', secrets)).alertsChecked, 0);
  const steps: [string, number | null, string, number, string | null][] = [
    // [day imported, members, scheduler instant, new requests, event type]
    ['', null, '2026-02-10T09:00:30Z', 0, null],
    ['2026-02-10', 400, '2026-02-11T09:00:30Z', 2, 'kpi.alert.fired'],
    ['2026-02-11', 380, '2026-02-12T09:00:30Z', 0, null],
    ['2026-02-12', 1300, '2026-02-13T09:00:30Z', 0, null],
    // the third day back above the limit is the first the forecast judges likely enough
    // (with the optimised Theta method among the candidates; two days were enough before)
    ['2026-02-13', 1300, '2026-02-14T09:00:30Z', 0, null],
    ['2026-02-14', 1300, '2026-02-15T09:00:30Z', 2, 'kpi.alert.resolved'],
  ];
  const phrases: string[] = [];
  for (const [day, members, at, expected, type] of steps) {
    if (members !== null) await importRows(dir, [[day, members]]);
    const before = mine().length;
    const summary = await runAt(dir, at, secrets);
    assert.equal(summary.alertsChecked, 1, at);
    const fresh = mine().slice(before);
    assert.equal(fresh.length, expected, `${at}: ${fresh.length} messages`);
    for (const r of fresh) {
      const body = JSON.parse(r.body) as Record<string, unknown>;
      if (r.path === '/hook') assert.equal(body['type'], type);
      else assert.ok(Array.isArray(body['blocks']));
    }
    // Running again at the same instant sends nothing more (idempotent keys, cursor).
    await runAt(dir, at, secrets);
    assert.equal(mine().length, before + expected, `${at}: a second run sent again`);
    phrases.push(await statusOn(dir, at));
  }
  // The scenario is what the test says it is: the scorecard's own verdicts at each step.
  assert.deepEqual(
    phrases.map((p) => p.split(',')[0]),
    ['on track', 'off track', 'off track', 'on pace', 'on pace', 'on track'],
  );
  const [fired, firedSlack, resolved] = [mine()[0], mine()[1], mine()[2]];
  assert.ok(fired && firedSlack && resolved);
  // The webhook: signed per the spec with the documented secret; the payload says what the scorecard said.
  for (const r of mine().filter((x) => x.path === '/hook'))
    assert.equal(verifyStandardWebhook(secret, r.headers, r.body), true);
  const hooks = mine().filter((x) => x.path === '/hook');
  const firedBody = JSON.parse(hooks[0]?.body ?? '{}') as { data: Record<string, unknown> };
  assert.equal(firedBody.data['kpi'], 'members');
  assert.equal(firedBody.data['status'], 'off_track');
  assert.equal(firedBody.data['verdict'], phrases[1]);
  assert.equal(firedBody.data['value'], 400);
  assert.equal(firedBody.data['link'], 'http://kpi.test/kpis/members');
  assert.notEqual(hooks[0]?.headers['webhook-id'], hooks[1]?.headers['webhook-id']);
  // Slack: Block Kit with the verdict, the number and the cause.
  const slack = JSON.parse(mine().filter((x) => x.path === '/slack')[0]?.body ?? '{}') as {
    text: string;
    blocks: { type: string; text?: { text: string }; fields?: { text: string }[] }[];
  };
  assert.equal(slack.blocks[0]?.type, 'header');
  assert.match(slack.blocks[0]?.text?.text ?? '', /^Members: off track/);
  const fields = slack.blocks[1]?.fields?.map((f) => f.text) ?? [];
  assert.deepEqual(fields, [
    `*Verdict*\n${phrases[1]}`,
    '*Number*\n400 against 1,000 expected by now (target 1,000 by 2026-06-30)',
  ]);
  assert.ok(slack.blocks.some((b) => b.type === 'actions'));
  // The list and the log.
  const lp = openProject(dir, { clock: fixedClock('2026-02-14T10:00:00Z') });
  const [listed] = await listAlerts(lp);
  assert.equal(listed?.phase, 'armed');
  assert.equal(listed?.lastFired?.at, '2026-02-11T09:00:30.000Z');
  assert.equal(listed?.lastFailed, null);
  const log = await listDeliveries(lp);
  assert.deepEqual(
    log
      .filter((d) => d.kind === 'alert')
      .map((d) => `${d.outcome}:${d.channel ?? '-'}`)
      .reverse(),
    ['fired:-', 'sent:chat', 'sent:hook', 'resolved:-', 'sent:chat', 'sent:hook'],
  );
  // A test message goes out now, says it is a test, and changes no state.
  const before = mine().length;
  const results = await testAlert(lp, 'members_slipping', { secrets });
  assert.deepEqual(
    results.map((r) => r.ok),
    [true, true],
  );
  const testHook = mine()
    .slice(before)
    .find((r) => r.path === '/hook');
  assert.equal((JSON.parse(testHook?.body ?? '{}') as { type: string }).type, 'kpi.test');
  assert.equal((await listAlerts(lp))[0]?.phase, 'armed');
});

test('the documented example signature is what kpi signs, and verifies with node:crypto', () => {
  const ex = documentedWebhookExample();
  const h = signWebhook(ex.secret, ex.id, new Date(Number(ex.timestamp) * 1000), ex.body);
  assert.equal(h['webhook-signature'], ex.signature);
  assert.equal(
    verifyStandardWebhook(
      ex.secret,
      { 'webhook-id': ex.id, 'webhook-timestamp': ex.timestamp, 'webhook-signature': ex.signature },
      ex.body,
    ),
    true,
  );
});

test('a refusing receiver gets three attempts with the same webhook-id after the retry waits, then the job fails', async () => {
  const dir = await makeProject(
    'kpi-alert-retry-',
    CHANNELS.replace(
      'chat: { kind: slack, url_secret: SLACK_URL }',
      'chat: { kind: slack, url_secret: SLACK_URL }',
    ) + ALERTS.replace('to: [hook, chat]', 'to: [hook]'),
  );
  dirs.push(dir);
  rx.statusFor('/down', 503);
  const secrets = secretsFor(dir, {
    HOOK_URL: `${rx.url}/down`,
    HOOK_KEY: documentedWebhookExample().secret,
    SLACK_URL: `${rx.url}/x`,
  });
  const down = () => rx.requests.filter((r) => r.path === '/down');
  await runAt(dir, '2026-02-10T08:00:00Z', secrets);
  await importRows(dir, [['2026-02-10', 400]]);
  const s1 = await runAt(dir, '2026-02-11T09:00:00Z', secrets);
  assert.deepEqual([s1.sent, s1.retrying, s1.failed], [0, 1, 0]);
  // Before the 1-minute wait nothing is tried; after it, the second attempt; 5 minutes later the third.
  await runAt(dir, '2026-02-11T09:00:30Z', secrets);
  assert.equal(down().length, 1);
  const s2 = await runAt(dir, '2026-02-11T09:01:00Z', secrets);
  assert.deepEqual([s2.retrying, s2.failed], [1, 0]);
  const s3 = await runAt(dir, '2026-02-11T09:06:00Z', secrets);
  assert.deepEqual([s3.retrying, s3.failed], [0, 1]);
  await runAt(dir, '2026-02-11T10:00:00Z', secrets);
  assert.equal(down().length, 3);
  assert.equal(new Set(down().map((r) => r.headers['webhook-id'])).size, 1);
  const lp = openProject(dir, { clock: fixedClock('2026-02-11T10:00:00Z') });
  const [listed] = await listAlerts(lp);
  assert.match(listed?.lastFailed?.detail ?? '', /answered HTTP 503/);
  const attempts = (await listDeliveries(lp))
    .filter((d) => d.channel === 'hook')
    .map((d) => `${d.outcome}#${d.attempt ?? 0}`);
  assert.deepEqual(attempts.reverse(), ['retrying#1', 'retrying#2', 'failed#3']);
});
