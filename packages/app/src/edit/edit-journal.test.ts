// The edit journal and the temp-file sweep on a real project folder and store: an entry
// whose file was changed by hand since is set aside (never guessed at), temp files of
// live processes and of other files are kept, a refused edit leaves nothing behind, and
// concurrent edits in one process are serialised (every one in the history, the file at
// the last one); a history step that fails puts the old file back.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { editKpi, initProject, listChanges, openProject, recoverEdits, storePath } from '@kpi/app';
import { openDuckDb } from '@kpi/engines';
import { journalDir, sha256, writeJournal } from './edit-journal.js';

let root = '';
let template = '';
let n = 0;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'kpi-journal-'));
  template = join(root, 'template');
  await initProject({ dir: template, name: 'Journal', timezone: 'UTC', currency: 'EUR' });
});
after(() => rmSync(root, { recursive: true, force: true }));

const fresh = (): string => {
  const dir = join(root, `p${(n += 1)}`);
  cpSync(template, dir, { recursive: true });
  return dir;
};

test('an entry whose file holds neither version is set aside and the file left alone', async () => {
  const dir = fresh();
  const file = join(dir, 'kpi.yaml');
  const old = readFileSync(file, 'utf8');
  const entry = {
    id: 'a'.repeat(24),
    at: '2026-11-20T08:00:00.000Z',
    file: 'kpi.yaml',
    oldSha256: sha256(old),
    newSha256: sha256(old.replace('value: 0.03', 'value: 0.04')),
    change: {
      actor: 'ed@example.com',
      entity: 'kpi' as const,
      name: 'conversion_rate',
      action: 'update' as const,
      before: null,
      after: null,
      reason: 'r',
      file: 'kpi.yaml',
    },
  };
  writeJournal(dir, entry);
  const byHand = old.replace('value: 0.03', 'value: 0.05');
  writeFileSync(file, byHand);
  const rec = await recoverEdits(dir);
  assert.deepEqual(rec.unresolved, [join(journalDir(dir), `${entry.id}.json`)]);
  assert.deepEqual(readdirSync(journalDir(dir)), [`${entry.id}.unresolved.json`]);
  assert.equal(readFileSync(file, 'utf8'), byHand);
  assert.deepEqual(await listChanges(openProject(dir)), [], 'no row is guessed');
  // The same entry with the hand-made content as its new version is written with its time.
  writeJournal(dir, { ...entry, id: 'b'.repeat(24), newSha256: sha256(byHand) });
  const again = await recoverEdits(dir);
  assert.equal(again.recorded.length, 1);
  const rows = await listChanges(openProject(dir));
  assert.deepEqual(
    rows.map((r) => [r.at, r.actor, r.reason]),
    [['2026-11-20T08:00:00.000Z', 'ed@example.com', 'r']],
  );
});

test('the sweep removes temp files of dead writers only, and only beside project files', async () => {
  const dir = fresh();
  const dead = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => dead.on('exit', r));
  const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  try {
    const deadPid = String(dead.pid);
    const livePid = String(live.pid);
    const files = {
      deadYaml: join(dir, `kpi.yaml.${deadPid}.tmp`),
      deadDefs: join(dir, 'definitions', 'team', `goals.yaml.${deadPid}.tmp`),
      liveYaml: join(dir, `kpi.yaml.${livePid}.tmp`),
      deadCsv: join(dir, `sessions.csv.${deadPid}.tmp`),
    };
    cpSync(join(dir, 'kpi.yaml'), files.deadYaml);
    cpSync(join(dir, 'kpi.yaml'), files.liveYaml);
    cpSync(join(dir, 'kpi.yaml'), files.deadCsv);
    mkdirSync(join(dir, 'definitions', 'team'), { recursive: true });
    cpSync(join(dir, 'kpi.yaml'), files.deadDefs);
    const rec = await recoverEdits(dir, { sweep: true });
    assert.deepEqual([...rec.removedTemps].sort(), [files.deadYaml, files.deadDefs].sort());
    assert.equal(existsSync(files.liveYaml), true, "a running process's temp file is kept");
    assert.equal(existsSync(files.deadCsv), true, 'temp files of other files are not ours');
  } finally {
    live.kill('SIGKILL');
  }
});

test('a refused edit writes no journal entry, no temp file and no history row', async () => {
  const dir = fresh();
  const lp = openProject(dir);
  const old = readFileSync(join(dir, 'kpi.yaml'));
  await assert.rejects(
    editKpi(lp, 'ed@example.com', 'conversion_rate', { metric: 'no_such_metric' }),
    /would make the project invalid/,
  );
  assert.deepEqual(readFileSync(join(dir, 'kpi.yaml')), old);
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.endsWith('.tmp')),
    [],
  );
  assert.deepEqual(existsSync(journalDir(dir)) ? readdirSync(journalDir(dir)) : [], []);
  assert.deepEqual(await listChanges(lp), []);
});

test('10 concurrent edits in one process: all in the history, the file at the last one', async () => {
  const dir = fresh();
  const lp = openProject(dir);
  await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      editKpi(lp, `e${i}@example.com`, 'conversion_rate', {
        target: { value: (i + 1) / 100 },
        reason: `r${i}`,
      }),
    ),
  );
  const rows = await listChanges(lp, { entity: 'kpi', name: 'conversion_rate' });
  assert.equal(rows.length, 10);
  assert.deepEqual(rows.map((r) => r.reason).sort(), Array.from({ length: 10 }, (_, i) => `r${i}`).sort());
  const last = (rows[0]?.after as { target: { value: number } }).target.value;
  assert.equal(openProject(dir).project.kpis['conversion_rate']?.target?.value, last);
  // Each row's before is the previous row's after: no edit read a stale file.
  for (let k = 0; k + 1 < rows.length; k++)
    assert.deepEqual(rows[k]?.before, rows[k + 1]?.after, `row ${k} follows row ${k + 1}`);
});

test('an edit settles only after its store is closed: the write-ahead log is gone by then', async () => {
  // A caller that opens the store right after an edit (kpi review: edit, then store the
  // review) must not meet an instance still checkpointing the same file.
  const dir = fresh();
  const lp = openProject(dir);
  for (let i = 0; i < 3; i++) {
    await editKpi(lp, 'ed@example.com', 'conversion_rate', {
      target: { value: 0.05 + i / 100 },
      reason: `w${i}`,
    });
    assert.equal(existsSync(`${storePath(dir)}.wal`), false, `edit ${i}: the store is still open`);
    assert.equal((await listChanges(lp, { entity: 'kpi', name: 'conversion_rate' })).length, i + 1);
  }
});

test('when the history row cannot be written, the file is put back and nothing is left', async () => {
  const dir = fresh();
  const lp = openProject(dir);
  // A view where the journal's mark table belongs makes the history step fail in the store.
  const engine = await openDuckDb(storePath(dir));
  await engine.exec('CREATE VIEW _kpi_change_edits AS SELECT 1 AS edit_id');
  await engine.close();
  const old = readFileSync(join(dir, 'kpi.yaml'));
  await assert.rejects(
    editKpi(lp, 'ed@example.com', 'conversion_rate', { target: { value: 0.05 }, reason: 'r' }),
    (e: unknown) => e instanceof Error && /_kpi_change_edits/.test(e.message),
  );
  assert.deepEqual(readFileSync(join(dir, 'kpi.yaml')), old, 'the old content is back');
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.endsWith('.tmp')),
    [],
  );
  assert.deepEqual(readdirSync(journalDir(dir)), [], 'the journal entry is cleared');
  assert.deepEqual(await listChanges(lp), []);
});
