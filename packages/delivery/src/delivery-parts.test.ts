// Cron times in a time zone across DST, the Standard Webhooks signature against an
// independent implementation on node:crypto, and secrets outside the project.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dueTimes, nextRunAfter } from './cron-times.js';
import { newWebhookSecret, signWebhook } from './webhook-signature.js';
import { loadSecrets } from './secrets.js';

test('09:00 in Berlin is 08:00 UTC in winter and 07:00 UTC after the switch to summer time', () => {
  const runs = dueTimes(
    '0 9 * * *',
    'Europe/Berlin',
    new Date('2026-03-27T12:00:00Z'),
    new Date('2026-03-30T12:00:00Z'),
  );
  assert.deepEqual(
    runs.map((d) => d.toISOString()),
    ['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z'],
  );
  assert.equal(
    nextRunAfter('0 9 * * MON', 'America/New_York', new Date('2026-11-01T00:00:00Z'))?.toISOString(),
    '2026-11-02T14:00:00.000Z',
  );
});

test('due times are (after, upTo]: the run at the cursor is not due again, the run at now is', () => {
  const at9 = new Date('2026-02-10T09:00:00Z');
  assert.deepEqual(dueTimes('0 9 * * *', 'UTC', at9, new Date('2026-02-10T12:00:00Z')), []);
  assert.deepEqual(
    dueTimes('0 9 * * *', 'UTC', new Date('2026-02-10T08:59:59Z'), at9).map((d) => d.toISOString()),
    ['2026-02-10T09:00:00.000Z'],
  );
  // 96 runs due, at most 10 listed: the 10 oldest and the newest.
  const many = dueTimes(
    '*/15 * * * *',
    'UTC',
    new Date('2026-02-10T00:00:00Z'),
    new Date('2026-02-11T00:00:00Z'),
    10,
  );
  assert.deepEqual(
    [many.length, many[0]?.toISOString(), many[9]?.toISOString(), many[10]?.toISOString()],
    [11, '2026-02-10T00:15:00.000Z', '2026-02-10T02:30:00.000Z', '2026-02-11T00:00:00.000Z'],
  );
});

/** The spec, written out on node:crypto: HMAC-SHA256(base64-decoded key, id.timestamp.body). */
const verify = (secret: string, headers: Record<string, string>, body: string): boolean => {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key)
    .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`)
    .digest();
  return (headers['webhook-signature'] ?? '').split(' ').some((sig) => {
    const [version, b64] = sig.split(',');
    const got = Buffer.from(b64 ?? '', 'base64');
    return version === 'v1' && got.length === expected.length && timingSafeEqual(got, expected);
  });
};

test('a signature verifies with an independent implementation of the spec, and fails on any change', () => {
  const secret = newWebhookSecret();
  assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
  const body = '{"type":"kpi.alert.fired","timestamp":"2026-02-11T09:00:00.000Z","data":{}}';
  const h = { ...signWebhook(secret, 'msg_1', new Date('2026-02-11T09:00:00.900Z'), body) };
  assert.equal(h['webhook-timestamp'], String(Date.parse('2026-02-11T09:00:00Z') / 1000));
  assert.equal(verify(secret, h, body), true);
  assert.equal(verify(secret, h, body.replace('fired', 'resolved')), false);
  assert.equal(verify(secret, { ...h, 'webhook-id': 'msg_2' }, body), false);
  assert.equal(verify(newWebhookSecret(), h, body), false);
  assert.throws(() => signWebhook('not-a-secret', 'x', new Date(0), ''), /whsec_/);
});

test('secrets come from the environment or a file outside the project, and a missing one is named', () => {
  const root = mkdtempSync(join(tmpdir(), 'kpi-secrets-'));
  try {
    const project = join(root, 'project');
    mkdirSync(project);
    const file = join(root, 'secrets.env');
    writeFileSync(file, '# kpi secrets\nSMTP_PASSWORD="s3cret"\nexport HOOK_URL=http://127.0.0.1:1/x\n');
    const s = loadSecrets({ env: { HOOK_URL: 'http://env.example/hook' }, file, projectDir: project });
    assert.equal(s.get('SMTP_PASSWORD', 'mail'), 's3cret');
    assert.equal(s.get('HOOK_URL', 'hook'), 'http://env.example/hook', 'the environment wins');
    assert.throws(
      () => s.get('SLACK_URL', 'team_slack'),
      (e: Error) => /channel team_slack needs the secret SLACK_URL/.test(e.message),
    );
    assert.throws(() => s.get('constructor', 'x'), /needs the secret constructor/);
    const inside = join(project, 'secrets.env');
    writeFileSync(inside, 'A=1\n');
    assert.throws(
      () => loadSecrets({ env: {}, file: inside, projectDir: project }),
      /inside the project folder/,
    );
    writeFileSync(file, 'not a line\n');
    assert.throws(
      () => loadSecrets({ env: {}, file, projectDir: project }),
      /secrets.env:1: expected NAME=value/,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
