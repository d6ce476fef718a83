// The delivery commands through the real `kpi` process: schema errors of reports, alerts
// and channels with file:line (kpi validate), a signing secret, run-once, a test message
// to a real HTTP receiver with secrets from a file outside the project, the alert list,
// snooze and the delivery log.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  documentedWebhookExample,
  startHttpReceiver,
  verifyStandardWebhook,
  type HttpReceiver,
} from '../../app/test/delivery-receivers.js';
import { makeProject } from '../../app/test/delivery-project.js';

const BIN = new URL('../bin/kpi.js', import.meta.url).pathname;
let rx: HttpReceiver;
let dir = '';
let root = '';
let secretsFile = '';
const { secret } = documentedWebhookExample();

const run = (args: string[], cwd = dir): Promise<{ code: number; out: string; err: string }> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { ...process.env, NO_COLOR: '1' } },
      (e, out, err) => resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, out, err }),
    );
  });

const DELIVERY = `channels:
  hook: { kind: webhook, url_secret: HOOK_URL, signing_secret: HOOK_KEY }
reports:
  monday: { schedule: '0 9 * * MON', to: [hook] }
alerts:
  members_slipping:
    kpi: members
    when: { kind: verdict, to: [off_track, back_on_track] }
    to: [hook]
`;

before(async () => {
  rx = await startHttpReceiver();
  dir = await makeProject('kpi-cli-alerts-', DELIVERY);
  root = mkdtempSync(join(tmpdir(), 'kpi-cli-secrets-'));
  secretsFile = join(root, 'secrets.env');
  writeFileSync(secretsFile, `HOOK_URL=${rx.url}/hook\nHOOK_KEY=${secret}\n`);
});
after(async () => {
  await rx.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(root, { recursive: true, force: true });
});

test('kpi validate places each mistake in the delivery sections at its file:line', async () => {
  const good = readFileSync(join(dir, 'kpi.yaml'), 'utf8');
  try {
    const bad = good
      .replace("'0 9 * * MON'", "'61 9 * * MON'")
      .replace(
        'kind: webhook, url_secret: HOOK_URL',
        'kind: webhook, url: https://hooks.example/abc, url_secret: HOOK_URL',
      );
    writeFileSync(join(dir, 'kpi.yaml'), bad);
    const lines = bad.split('\n');
    const lineOf = (s: string): number => lines.findIndex((l) => l.includes(s)) + 1;
    const r = await run(['validate']);
    assert.equal(r.code, 1);
    const text = r.out + r.err;
    assert.match(text, new RegExp(`kpi.yaml:${lineOf("'61 9")}:\\d+.*must be a cron pattern`));
    assert.match(text, new RegExp(`kpi.yaml:${lineOf('hook: { kind: webhook')}:\\d+.*unknown field "url"`));
    // The channel reference is checked once the schema passes: fix the two above first.
    writeFileSync(join(dir, 'kpi.yaml'), good.replace('to: [hook] }', 'to: [hook, mail] }'));
    const r2 = await run(['validate']);
    assert.equal(r2.code, 1);
    assert.match(
      r2.out + r2.err,
      new RegExp(`kpi.yaml:${lineOf('monday:')}:\\d+.*channel "mail" is not defined under channels`),
    );
  } finally {
    writeFileSync(join(dir, 'kpi.yaml'), good);
  }
});

test('a signing secret, run-once, a test message with secrets from a file, the list, snooze and the log', async () => {
  const s = await run(['alerts', 'secret']);
  assert.match(s.out, /^whsec_[A-Za-z0-9+/]{43}=\n$/);
  const once = await run(['schedule', 'run-once', '--secrets', secretsFile, '--json']);
  assert.equal(once.code, 0, once.err);
  // The first pass only starts the schedules' clocks.
  assert.deepEqual(JSON.parse(once.out), {
    sent: 0,
    failed: 0,
    retrying: 0,
    queued: 0,
    alertsChecked: 0,
    events: 0,
  });
  const t = await run([
    'alerts',
    'test',
    'members_slipping',
    '--secrets',
    secretsFile,
    '--base-url',
    'http://kpi.test',
  ]);
  assert.equal(t.code, 0, t.err);
  assert.equal(t.out, 'sent to hook\n');
  const got = rx.requests.filter((r) => r.path === '/hook');
  assert.equal(got.length, 1);
  assert.equal(verifyStandardWebhook(secret, got[0]?.headers ?? {}, got[0]?.body ?? ''), true);
  const data = (JSON.parse(got[0]?.body ?? '{}') as { data: Record<string, unknown> }).data;
  assert.deepEqual(
    [data['alert'], data['kpi'], data['test'], data['link']],
    ['members_slipping', 'members', true, 'http://kpi.test/kpis/members'],
  );
  const snooze = await run(['alerts', 'snooze', 'members_slipping', '--for', '2h']);
  assert.match(snooze.out, /^members_slipping snoozed until \d{4}-\d\d-\d\dT/);
  const list = JSON.parse((await run(['alerts', 'list', '--json'])).out) as {
    name: string;
    phase: string;
    snoozedUntil: string | null;
    lastFired: unknown;
  }[];
  assert.deepEqual(
    list.map((a) => [a.name, a.phase, a.lastFired]),
    [['members_slipping', 'armed', null]],
  );
  assert.ok(list[0]?.snoozedUntil);
  const log = await run(['deliveries']);
  assert.match(log.out, /sent {2}test members_slipping → hook — test message\n$/);
});
