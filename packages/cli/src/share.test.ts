// `kpi share` end to end (the real kpi process): create prints the link once, list shows
// it (with no secret), revoke turns it off — checked by opening the link through the app's
// own use-case; the PIN comes from KPI_SHARE_PIN; bad input is a usage error (exit 2).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject, openShare } from '@kpi/app';
import { runKpi } from '../test/run-kpi.js';

let root = '';
let project = '';
const PW = { KPI_PASSWORD: 'correct horse battery' };

before(() => {
  root = mkdtempSync(join(tmpdir(), 'kpi-share-'));
  project = join(root, 'p');
  assert.equal(runKpi(['init', project], root).code, 0);
  for (const [email, role] of [
    ['boss@example.com', 'admin'],
    ['ed@example.com', 'editor'],
    ['vi@example.com', 'viewer'],
  ] as const) {
    const u = runKpi(['user', 'add', email, '--role', role], project, PW);
    assert.equal(u.code, 0, u.err);
  }
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('kpi share', () => {
  test('create prints the link once; list shows it; revoke turns it off', async () => {
    const made = runKpi(
      [
        'share',
        'create',
        '--goal',
        'grow_signups',
        '--expires',
        '7d',
        '--label',
        'board',
        '--url',
        'http://kpi.local:8080/',
      ],
      project,
      { NO_COLOR: '1' },
    );
    assert.equal(made.code, 0, made.err);
    const link = made.out.trim();
    assert.match(link, /^http:\/\/kpi\.local:8080\/s\/kpis_[0-9a-f]{12}-[0-9a-z]+-[\w-]{43}$/);
    assert.match(made.err, /dashboard of grow_signups/);
    const token = link.split('/s/')[1] ?? '';
    const lp = openProject(project);
    const live = await openShare(lp, token, undefined);
    assert.equal(live.kind, 'live');
    const listed = JSON.parse(runKpi(['share', 'list', '--json'], project).out) as {
      id: string;
      label: string;
      createdBy: string;
      createdAt: string;
      expiresAt: string;
    }[];
    assert.equal(listed.length, 1);
    const [s] = listed;
    assert.deepEqual([s?.label, s?.createdBy], ['board', 'boss@example.com']);
    assert.equal(
      Date.parse(s?.expiresAt ?? '') - Date.parse(s?.createdAt ?? ''),
      7 * 86_400_000 - (Date.parse(s?.createdAt ?? '') % 1000),
    );
    assert.ok(!runKpi(['share', 'list'], project).out.includes('kpis_'), 'no secret in the list');
    const gone = runKpi(['share', 'revoke', s?.id ?? ''], project, { NO_COLOR: '1' });
    assert.equal(gone.code, 0, gone.err);
    assert.match(gone.out, /revoked share link/);
    assert.equal((await openShare(openProject(project), token, undefined)).kind, 'revoked');
    assert.equal(runKpi(['share', 'revoke', s?.id ?? ''], project).code, 1);
  });

  test('--pin reads KPI_SHARE_PIN; the link then asks for it', async () => {
    const made = runKpi(
      ['share', 'create', '--report', '--pin', '--user', 'ed@example.com', '--json'],
      project,
      {
        KPI_SHARE_PIN: '8642',
      },
    );
    assert.equal(made.code, 0, made.err);
    const out = JSON.parse(made.out) as {
      token: string;
      link: string;
      info: { view: string; createdBy: string; hasPin: boolean };
    };
    assert.deepEqual(
      [out.info.view, out.info.createdBy, out.info.hasPin],
      ['report', 'ed@example.com', true],
    );
    assert.equal(out.link, `/s/${out.token}`);
    const lp = openProject(project);
    assert.equal((await openShare(lp, out.token, undefined)).kind, 'pin_required');
    assert.equal((await openShare(lp, out.token, '1111')).kind, 'pin_wrong');
    assert.equal((await openShare(lp, out.token, '8642')).kind, 'live');
    assert.ok(!JSON.stringify(JSON.parse(runKpi(['share', 'list', '--json'], project).out)).includes('8642'));
  });

  test('bad input: a usage error (exit 2) or a refusal, each saying what to do', () => {
    const days = runKpi(['share', 'create', '--goal', 'grow_signups', '--expires', '400d'], project);
    assert.equal(days.code, 2);
    assert.match(days.err, /--expires must be a number of days from 1d to 365d/);
    const pin = runKpi(['share', 'create', '--goal', 'grow_signups', '--pin'], project, {
      KPI_SHARE_PIN: '',
    });
    assert.equal(pin.code, 2);
    assert.match(pin.err, /KPI_SHARE_PIN/);
    const viewer = runKpi(['share', 'create', '--goal', 'grow_signups', '--user', 'vi@example.com'], project);
    assert.equal(viewer.code, 2);
    assert.match(viewer.err, /viewer; only editors and admins/);
    const noGoal = runKpi(['share', 'create'], project);
    assert.equal(noGoal.code, 1);
    assert.match(noGoal.err, /a dashboard link names its goal/);
    const unknown = runKpi(['share', 'create', '--goal', 'nope'], project);
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.err, /goal "nope" is not defined/);
  });
});
