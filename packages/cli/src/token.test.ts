// `kpi token` end to end: --expires Nd sets an expiry exactly N days after creation, the
// list shows expiry and last use (CLI table and --json), a bad --expires is a usage error.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKpi } from '../test/run-kpi.js';

let root = '';
let project = '';

before(() => {
  root = mkdtempSync(join(tmpdir(), 'kpi-token-'));
  project = join(root, 'p');
  assert.equal(runKpi(['init', project], root).code, 0);
  const u = runKpi(['user', 'add', 'ops@example.com', '--role', 'editor'], project, {
    KPI_PASSWORD: 'correct horse battery',
  });
  assert.equal(u.code, 0, u.err);
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('kpi token', () => {
  test('--expires 30d: expiresAt is createdAt + 30 days; the list shows expiry and last use', () => {
    const made = runKpi(
      ['token', 'create', 'nightly', '--user', 'ops@example.com', '--expires', '30d', '--json'],
      project,
    );
    assert.equal(made.code, 0, made.err);
    const info = (JSON.parse(made.out) as { info: { id: string; createdAt: string; expiresAt: string } })
      .info;
    assert.equal(Date.parse(info.expiresAt) - Date.parse(info.createdAt), 30 * 86_400_000);
    const plain = runKpi(['token', 'create', 'plain', '--user', 'ops@example.com'], project, {
      NO_COLOR: '1',
    });
    assert.equal(plain.code, 0, plain.err);
    assert.doesNotMatch(plain.err, /expires/);

    const list = runKpi(['token', 'list', '--json'], project);
    const rows = JSON.parse(list.out) as {
      name: string;
      expiresAt: string | null;
      lastUsedAt: string | null;
    }[];
    assert.deepEqual(
      rows.map((r) => [r.name, r.expiresAt, r.lastUsedAt]),
      [
        ['nightly', info.expiresAt, null],
        ['plain', null, null],
      ],
    );
    const table = runKpi(['token', 'list'], project, { NO_COLOR: '1' }).out;
    assert.match(table, /expiresAt/);
    assert.match(table, /lastUsedAt/);
    assert.ok(table.includes(info.expiresAt));
    assert.match(table.split('\n').find((l) => l.includes('plain')) ?? '', /never.*never/);
  });

  test('a bad --expires is a usage error (exit 2) that shows the form', () => {
    for (const bad of ['30', '0d', '1w', '99999d']) {
      const r = runKpi(['token', 'create', 'x', '--user', 'ops@example.com', '--expires', bad], project, {
        NO_COLOR: '1',
      });
      assert.equal(r.code, 2, `${bad}: ${r.err}`);
      assert.ok(r.err.includes(`--expires must be a number of days from 1d to 3650d, got "${bad}"`), r.err);
      assert.match(r.err, /--expires 30d/);
    }
  });
});
