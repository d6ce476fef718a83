// Edits under faults over real HTTP: a PATCH on a full disk (a real small tmpfs; root only,
// skipped with the reason otherwise) is answered 507 with what is full and changes
// nothing; and a server started on a project whose last edit was killed with SIGKILL
// between the file's rename and its history row writes that row at start-up (the
// change is in the history with who and why before the first request) and removes the
// dead writer's temp file.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { addUser, createToken, initProject, openProject } from '@kpi/app';
import { startServer } from '@kpi/server';
import { mountSmallDisk } from '../../app/test/small-disk.js';

const CHILD = fileURLToPath(new URL('../../app/test/edit-kill-child.mjs', import.meta.url));

const serve = async (dir: string) => {
  const lp = openProject(dir);
  await addUser(lp, { email: 'ed@example.com', password: 'correct horse battery staple', role: 'editor' });
  const token = (await createToken(lp, 'ed@example.com', { name: 'ed' })).token;
  const logs: string[] = [];
  const server = await startServer({ project: openProject(dir), port: 0, log: (l) => void logs.push(l) });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(server.url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  return { server, call, logs };
};

test('a PATCH on a full disk answers 507 naming the full device and changes nothing', async (t) => {
  const disk = mountSmallDisk('24m');
  if (typeof disk === 'string') {
    t.skip(disk);
    return;
  }
  try {
    const dir = join(disk.dir, 'project');
    await initProject({ dir, name: 'Full disk', timezone: 'UTC', currency: 'EUR' });
    const { server, call } = await serve(dir);
    try {
      const before = readFileSync(join(dir, 'kpi.yaml'));
      disk.fill();
      const r = await call('PATCH', '/api/kpis/conversion_rate', { target: { value: 0.05 }, reason: 'full' });
      assert.equal(r.status, 507);
      const { error } = r.body as { error: { code: string; message: string } };
      assert.equal(error.code, 'io.no_space');
      assert.match(error.message, /^no space left on the device holding \/.+; free space and retry$/);
      assert.deepEqual(readFileSync(join(dir, 'kpi.yaml')), before, 'kpi.yaml is unchanged');
      assert.deepEqual(
        readdirSync(dir).filter((n) => n.endsWith('.tmp')),
        [],
        'no temp file is left',
      );
      disk.free();
      const ok = await call('PATCH', '/api/kpis/conversion_rate', {
        target: { value: 0.05 },
        reason: 'freed',
      });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      const h = await call('GET', '/api/kpis/conversion_rate/history');
      const reasons = (h.body as { reason: string }[]).map((e) => e.reason);
      assert.deepEqual(reasons, ['freed'], 'only the edit that went through is in the history');
    } finally {
      await server.close();
    }
  } finally {
    disk.unmount();
  }
});

test('a server started after an edit was killed past its rename writes the missing history row', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-edit-replay-'));
  try {
    await initProject({ dir, name: 'Replay', timezone: 'UTC', currency: 'EUR' });
    const child = spawn(process.execPath, [CHILD, dir, '1'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, KPI_TEST_EDIT_PAUSE: 'renamed' },
    });
    let stderr = '';
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, s) => r(s)));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => {
      stderr += c;
      if (stderr.includes('kpi-edit-paused:renamed')) child.kill('SIGKILL');
    });
    assert.equal(await exited, 'SIGKILL', stderr);
    // A dead writer's temp file beside kpi.yaml (its pid is the killed child's).
    const stale = join(dir, `kpi.yaml.${child.pid}.tmp`);
    writeFileSync(stale, '');
    assert.match(
      readFileSync(join(dir, 'kpi.yaml'), 'utf8'),
      /value: 0\.1 \}/,
      'the file has the new target',
    );
    const { server, call, logs } = await serve(dir);
    try {
      const h = await call('GET', '/api/kpis/conversion_rate/history');
      assert.deepEqual(
        (h.body as { actor: string; reason: string }[]).map((c) => [c.actor, c.reason]),
        [['child@example.com', 'trial edit 0']],
      );
      assert.equal(existsSync(stale), false, 'the stale temp file is swept at start-up');
      assert.deepEqual(readdirSync(join(dir, '.kpi', 'journal')), []);
      assert.ok(
        logs.some((l) => l.includes('"edit.recovered"') && l.includes('kpi conversion_rate (kpi.yaml)')),
        'the replay is logged',
      );
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
