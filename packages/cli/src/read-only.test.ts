// Reading commands in a project folder nobody may write: status, explain, query, datasets,
// check, validate and forecast give the same answers as in the writable folder, and the
// store's file is left byte for byte as it was; a writing command is refused saying why,
// and a store that would need its tables changed is refused with what to do.
// Root ignores file modes, so as root the commands run as `nobody` through setpriv.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, chmodSync, cpSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeDemo, runKpi } from '../test/run-kpi.js';

const BIN = new URL('../bin/kpi.js', import.meta.url).pathname;
const AS_OF = '2026-11-15';
const NOBODY = 65534;
let root = '';
let demo = '';
let ro = '';
let stale = '';
let denied: { skip: string } | { run: (args: readonly string[], cwd: string) => ReturnType<typeof runKpi> };

const asRoot = process.getuid?.() === 0;

/** Runs kpi as a user the folder's modes apply to: `nobody` when we are root, else ourselves. */
const runDenied = (args: readonly string[], cwd: string) => {
  if (!asRoot) return runKpi(args, cwd);
  const r = spawnSync(
    'setpriv',
    [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, BIN, ...args],
    { cwd, encoding: 'utf8', env: { ...process.env, HOME: '/nonexistent', NO_COLOR: '1' } },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** Makes `dir` and everything in it unwritable (and readable) for everyone. */
const lockDown = (dir: string): void => {
  const walk = (p: string, isDir: boolean): void => {
    if (isDir)
      for (const e of readdirSync(p, { withFileTypes: true })) walk(join(p, e.name), e.isDirectory());
    chmodSync(p, isDir ? 0o555 : 0o444);
  };
  walk(dir, true);
};

const unlock = (dir: string): void => {
  const walk = (p: string, isDir: boolean): void => {
    chmodSync(p, isDir ? 0o755 : 0o644);
    if (isDir)
      for (const e of readdirSync(p, { withFileTypes: true })) walk(join(p, e.name), e.isDirectory());
  };
  walk(dir, true);
};

const storeHash = (dir: string): string =>
  createHash('sha256')
    .update(readFileSync(join(dir, '.kpi', 'kpi.duckdb')))
    .digest('hex');

/**
 * The output with numbers to 10 significant digits: DuckDB's parallel sums of doubles may
 * differ in the last bits between two copies of one store, read-only or not.
 */
const normalise = (out: string): string => {
  try {
    return JSON.stringify(
      JSON.parse(out, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(10)) : v)),
      null,
      1,
    );
  } catch {
    return out;
  }
};

const READS: readonly (readonly string[])[] = [
  ['status', '--as-of', AS_OF, '--json'],
  ['explain', 'nl_reach', '--as-of', AS_OF, '--json'],
  ['query', 'sessions', 'revenue', '--by', 'month', '--from', '2026-06-01', '--to', AS_OF, '--json'],
  ['datasets', '--json'],
  ['check', '--today', AS_OF, '--format', 'json'],
  ['validate'],
  ['forecast', 'nl_reach', '--as-of', AS_OF, '--json'],
];

before(() => {
  ({ root, demo } = makeDemo('kpi-read-only-', '2026-11-15'));
  chmodSync(root, 0o755);
  ro = join(root, 'ro');
  stale = join(root, 'stale');
  cpSync(demo, ro, { recursive: true });
  cpSync(demo, stale, { recursive: true });
  // kpi.yaml now has a column the stored table lacks: opening needs an ALTER TABLE.
  const yaml = readFileSync(join(stale, 'kpi.yaml'), 'utf8');
  assert.match(yaml, /\n {6}revenue:\n {8}type: number\n {8}description: Order revenue\.\n/);
  const changed = yaml.replace(
    /\n( {6}revenue:\n {8}type: number\n {8}description: Order revenue\.\n)/,
    '\n$1      refunds:\n        type: number\n',
  );
  assert.notEqual(changed, yaml);
  rmSync(join(stale, 'kpi.yaml'));
  appendFileSync(join(stale, 'kpi.yaml'), changed);
  lockDown(ro);
  lockDown(stale);
  if (asRoot) {
    const probe = runDenied(['--version'], root);
    denied =
      probe.code === 0
        ? { run: runDenied }
        : {
            skip: `running as root, and setpriv cannot run kpi as nobody (${probe.err.trim().slice(0, 200)})`,
          };
  } else denied = { run: runDenied };
  if ('skip' in denied) console.log(`read-only tests skipped: ${denied.skip}`);
});

after(() => {
  if (ro) unlock(ro);
  if (stale) unlock(stale);
  rmSync(root, { recursive: true, force: true });
});

describe('reading commands in a read-only project folder', () => {
  test('each gives the same answer as in the writable folder; the store is not touched', (t) => {
    if ('skip' in denied) return t.skip(denied.skip);
    const before = storeHash(ro);
    const files = readdirSync(join(ro, '.kpi')).sort();
    const outs: { w: string; r: string }[] = [];
    for (const args of READS) {
      const w = runKpi(args, demo, { NO_COLOR: '1' });
      const r = denied.run(args, ro);
      assert.ok(w.code === 0 || w.code === 1, `${args.join(' ')} (writable): ${w.err}`);
      assert.equal(r.code, w.code, `${args.join(' ')} (read-only): ${r.err}`);
      assert.ok(w.out.length > 20, `${args.join(' ')} printed something`);
      outs.push({ w: w.out, r: r.out });
      assert.equal(normalise(r.out.split(ro).join(demo)), normalise(w.out), `${args.join(' ')}: same output`);
    }
    // status as JSON: the same readings, parsed.
    const readings = (out: string) =>
      (
        JSON.parse(out) as { goals: { kpis: { kpi: string; value: number | null; status: string }[] }[] }
      ).goals
        .flatMap((g) => g.kpis)
        .map((k) => [k.kpi, k.value, k.status]);
    const status = outs[0] ?? { w: '', r: '' };
    assert.ok(readings(status.r).length >= 10);
    assert.deepEqual(
      normalise(JSON.stringify(readings(status.r))),
      normalise(JSON.stringify(readings(status.w))),
    );
    assert.equal(storeHash(ro), before, 'the store file is byte for byte the same');
    assert.deepEqual(readdirSync(join(ro, '.kpi')).sort(), files, 'no file added (no write-ahead log)');
  });

  test('a writing command is refused, saying the store is read-only (exit 3)', (t) => {
    if ('skip' in denied) return t.skip(denied.skip);
    const before = storeHash(ro);
    const r = denied.run(['import', 'web_sessions', join(demo, 'data', 'web_sessions.csv')], ro);
    assert.equal(r.code, 3, r.err);
    assert.match(
      r.err,
      /engine\.read_only: this command writes to the project store, which is open read-only/,
    );
    assert.equal(storeHash(ro), before);
  });

  test('a store that needs its tables changed first is refused with what to do (exit 3)', (t) => {
    if ('skip' in denied) return t.skip(denied.skip);
    const r = denied.run(['status', '--as-of', AS_OF, '--json'], stale);
    assert.equal(r.code, 3, r.err);
    assert.match(
      r.err,
      /store\.read_only_outdated: the project store must be updated to match kpi\.yaml \(web_sessions\)/,
    );
    assert.match(r.err, /as a user who may write the project folder/);
  });
});
