// Fault suite: kill -9 during an import. A child process imports a CSV (5,000 rows
// updated, 15,000 new) into a real DuckDB project store and is SIGKILLed at a different,
// deterministic moment in each trial: paused before statement k, or while statement k
// runs, for k spread over every statement of the import, and after its commit. After each
// kill the store opens, and the dataset is exactly the before state or exactly the after
// state (count and a sum of row hashes, by SQL), with the import log one row longer
// exactly when the rows are the after state.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDataset, initProject, openProject, storePath } from '@kpi/app';
import { openDuckDb } from '@kpi/engines';

const CHILD = new URL('../test/import-child.mjs', import.meta.url).pathname;
const TRIALS = 12;

let root = '';
let base = '';
let csv = '';

const day = (i: number): string =>
  new Date(Date.UTC(2024, 0, 1) + (i % 700) * 86_400_000).toISOString().slice(0, 10);
const rows = (from: number, to: number, bump: number): string =>
  Array.from({ length: to - from }, (_, j) => {
    const i = from + j;
    return `${day(i)},src_${Math.floor(i / 700)},${(i * 7 + bump) % 1000},${i % 13}`;
  }).join('\n');

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'kpi-kill-import-'));
  base = join(root, 'base');
  await initProject({ dir: base, name: 'Kill', timezone: 'UTC', currency: 'EUR' });
  const first = join(root, 'first.csv');
  writeFileSync(first, `Date,Source,Sessions,Conversions\n${rows(0, 10_000, 0)}\n`);
  await importDataset(openProject(base), 'web_sessions', first);
  csv = join(root, 'second.csv');
  // Rows 5,000..9,999 change; 10,000..24,999 are new.
  writeFileSync(csv, `Date,Source,Sessions,Conversions\n${rows(5_000, 25_000, 3)}\n`);
});
after(() => rmSync(root, { recursive: true, force: true }));

interface State {
  readonly rows: string;
  readonly log: number;
}

const stateOf = async (dir: string): Promise<State> => {
  const engine = await openDuckDb(storePath(dir));
  try {
    const r = await engine.query(
      `SELECT count(*) AS n, CAST(coalesce(sum(hash(date, source, sessions, conversions) % 1000000007), 0) AS BIGINT) AS h
       FROM web_sessions`,
    );
    const log = await engine.query(`SELECT count(*) AS n FROM _kpi_imports WHERE dataset = 'web_sessions'`);
    return {
      rows: `${String(r.rows[0]?.['n'])}/${String(r.rows[0]?.['h'])}`,
      log: Number(log.rows[0]?.['n']),
    };
  } finally {
    await engine.close();
  }
};

/** Runs the child in a copy of the base project; resolves with its stdout and how it ended. */
const runChild = (dir: string, stop: number, mode: 'pause' | 'run', kill: boolean) =>
  new Promise<{ out: string; ended: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dir, csv, String(stop), mode], {
      env: { ...process.env, TZ: 'UTC' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (kill && out.includes(`at ${stop}\n`)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (c: Buffer) => void (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const ended = signal ?? String(code);
      if (ended !== 'SIGKILL' && ended !== '0') reject(new Error(`child ended ${ended}: ${err}`));
      else resolve({ out, ended });
    });
  });

const copyBase = (name: string): string => {
  const dir = join(root, name);
  cpSync(base, dir, { recursive: true });
  return dir;
};

test(`kill -9 during an import: ${TRIALS} trials, each store exactly before or after`, async () => {
  const beforeState = await stateOf(base);
  // One run to the end: the after state and the number of statements of this import.
  const full = copyBase('full');
  const done = await runChild(full, 0, 'run', false);
  const m = /done (\d+) (\d+) (\d+) (\w+)/.exec(done.out);
  assert.ok(m, done.out);
  const statements = Number(m[1]);
  assert.deepEqual([Number(m[2]), Number(m[3])], [15_000, 5_000]);
  const afterState = await stateOf(full);
  assert.notEqual(afterState.rows, beforeState.rows);
  assert.equal(afterState.log, beforeState.log + 1);

  // Kill points: spread over statements 1..n, alternating paused / running, then after
  // the commit (before the store is closed) and after the close.
  const points = Array.from(
    { length: TRIALS - 2 },
    (_, i) => 1 + Math.round((i * (statements - 1)) / (TRIALS - 3)),
  );
  const plan: { stop: number; mode: 'pause' | 'run' }[] = [
    ...points.map((stop, i) => ({ stop, mode: i % 2 === 0 ? ('pause' as const) : ('run' as const) })),
    { stop: statements + 1, mode: 'pause' },
    { stop: statements + 2, mode: 'pause' },
  ];
  const trial = async (t: (typeof plan)[number], i: number): Promise<string> => {
    const dir = copyBase(`trial-${i}`);
    const r = await runChild(dir, t.stop, t.mode, true);
    assert.equal(r.ended, 'SIGKILL', `trial ${i} (${t.mode} at ${t.stop}) was not killed: ${r.out}`);
    const s = await stateOf(dir);
    rmSync(dir, { recursive: true, force: true });
    const was =
      s.rows === beforeState.rows && s.log === beforeState.log
        ? 'before'
        : s.rows === afterState.rows && s.log === afterState.log
          ? 'after'
          : `torn (${s.rows}, log ${s.log})`;
    return `${t.mode}@${t.stop}:${was}`;
  };
  // Two trials at a time (each in its own copy of the project): the machine has two cores.
  const outcomes: string[] = [];
  for (let i = 0; i < plan.length; i += 2)
    outcomes.push(...(await Promise.all(plan.slice(i, i + 2).map((t, j) => trial(t, i + j)))));
  const consistent = outcomes.filter((o) => o.endsWith(':before') || o.endsWith(':after')).length;
  console.log(
    `# kill-9 import: ${consistent}/${plan.length} consistent (${statements} statements; ${outcomes.join(' ')})`,
  );
  assert.equal(consistent, plan.length, outcomes.join(' '));
  assert.ok(outcomes.includes(`pause@${statements + 1}:after`), 'killed after the commit: the after state');
  assert.ok(
    outcomes.some((o) => o.endsWith(':before')),
    'some kills land before the commit',
  );
});
