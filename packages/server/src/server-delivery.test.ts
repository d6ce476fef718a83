// The delivery routes on a server that runs the scheduler: the alert list with its last
// outcomes, "send test" reaching a real HTTP receiver, snooze, the delivery log, and the
// OpenAPI entries; a clean stop with the scheduler running.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fixedClock, loadSecrets } from '@kpi/app';
import { call, startFixture, type Fixture } from '../test/server-fixture.js';
import {
  documentedWebhookExample,
  startHttpReceiver,
  verifyStandardWebhook,
  type HttpReceiver,
} from '../../app/test/delivery-receivers.js';

let f: Fixture;
let rx: HttpReceiver;
const { secret } = documentedWebhookExample();

before(async () => {
  rx = await startHttpReceiver();
  f = await startFixture({
    clock: fixedClock('2026-02-10T09:00:00Z'),
    serve: {
      scheduler: {
        secrets: loadSecrets({ env: { HOOK_URL: `${rx.url}/hook`, HOOK_KEY: secret }, projectDir: tmpdir() }),
        intervalMs: 3_600_000,
        baseUrl: 'http://kpi.example',
      },
    },
  });
  // The fixture's project with a channel and an alert added; the server reloads it.
  const yaml = readFileSync(join(f.dir, 'kpi.yaml'), 'utf8');
  writeFileSync(
    join(f.dir, 'kpi.yaml'),
    `${yaml}
channels:
  hook: { kind: webhook, url_secret: HOOK_URL, signing_secret: HOOK_KEY }
alerts:
  rate_low:
    kpi: conversion_rate
    when: { kind: probability_below, value: 0.3 }
    to: [hook]
`,
  );
  // The server looks at the files at most once a second: ask until it has reloaded.
  for (let i = 0; i < 100; i++) {
    const r = await call(f, 'GET', '/api/alerts', { token: f.tokens.editor });
    if (r.body.length === 1) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('the server did not reload kpi.yaml');
});
after(async () => {
  await f.close();
  await rx.close();
});

test('send test reaches the receiver signed, marked as a test; the list and the log say so; snooze is kept', async () => {
  const sent = await call(f, 'POST', '/api/alerts/rate_low/test', { token: f.tokens.editor });
  assert.equal(sent.status, 200, JSON.stringify(sent.body));
  assert.deepEqual(sent.body, [{ channel: 'hook', ok: true }]);
  const got = rx.requests.filter((r) => r.path === '/hook');
  assert.equal(got.length, 1);
  assert.equal(verifyStandardWebhook(secret, got[0]?.headers ?? {}, got[0]?.body ?? ''), true);
  const payload = JSON.parse(got[0]?.body ?? '{}') as { type: string; data: Record<string, unknown> };
  assert.equal(payload.type, 'kpi.test');
  assert.equal(payload.data['test'], true);
  assert.equal(payload.data['link'], 'http://kpi.example/kpis/conversion_rate');
  const log = await call(f, 'GET', '/api/deliveries?name=rate_low', { token: f.tokens.editor });
  assert.deepEqual(
    log.body.map((d: { kind: string; outcome: string; channel: string }) => [d.kind, d.outcome, d.channel]),
    [['test', 'sent', 'hook']],
  );
  assert.equal((await call(f, 'POST', '/api/alerts/rate_low/test', { token: f.tokens.viewer })).status, 403);
  const z = await call(f, 'POST', '/api/alerts/rate_low/snooze', {
    token: f.tokens.editor,
    body: { until: '2026-02-12T09:00:00+01:00' },
  });
  assert.deepEqual(z.body, { name: 'rate_low', snoozedUntil: '2026-02-12T08:00:00.000Z' });
  const list = await call(f, 'GET', '/api/alerts', { token: f.tokens.admin });
  assert.equal(list.body[0].snoozedUntil, '2026-02-12T08:00:00.000Z');
  assert.equal(list.body[0].phase, 'armed');
  const doc = await call(f, 'GET', '/api/openapi.json', {});
  for (const p of ['/api/alerts', '/api/alerts/{name}/test', '/api/alerts/{name}/snooze', '/api/deliveries'])
    assert.ok(doc.body.paths[p], p);
});
