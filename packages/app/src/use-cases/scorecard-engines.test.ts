// The whole scorecard on PostgreSQL: the demo imported into DuckDB by kpi, its tables copied
// into a real PostgreSQL server (as a warehouse filled by another tool would hold them), and
// every reading of every goal evaluated on both engines — the same statuses, verdicts,
// sentences and numbers (to 1e-9: the engines add floating-point values in different orders).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject, type Project } from '@kpi/core';
import { generateDemo, toCsvLines } from '@kpi/demo';
import { openDuckDb, openPostgres, type Engine } from '@kpi/engines';
import { copyDatasetTables, startTestPostgres, type TestPostgres } from '@kpi/engines/testing';
import { ensureDatasetTables, importFile } from '@kpi/ingest';
import { evaluateScorecardOn } from './evaluate-scorecard.js';

const END = '2026-11-21';
let dir: string;
let project: Project;
let duck: Engine;
let server: TestPostgres;
let pg: Engine;
let copied: Record<string, number>;

/** Every place where two readings differ: numbers beyond 1e-9 (relative), anything else at all. */
const differences = (a: unknown, b: unknown, path = ''): string[] => {
  if (typeof a === 'number' && typeof b === 'number')
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)) ? [] : [`${path}: ${a} vs ${b}`];
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) =>
      differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`),
    );
  }
  return a === b ? [] : [`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
};

before(async () => {
  const demo = generateDemo({ endDate: END, seed: 42 });
  const r = loadProject(demo.files);
  assert.ok(r.ok);
  project = r.value;
  dir = mkdtempSync(join(tmpdir(), 'kpi-engines-'));
  duck = await openDuckDb(join(dir, 'kpi.duckdb'));
  await ensureDatasetTables(duck, project);
  for (const ds of demo.datasets) {
    const file = join(dir, `${ds.name}.csv`);
    writeFileSync(file, `${[...toCsvLines(ds.columns, ds.rows())].join('\n')}\n`);
    await importFile(duck, project, ds.name, file);
  }
  server = await startTestPostgres();
  pg = await openPostgres(server.url);
  copied = await copyDatasetTables(duck, pg, project);
});

after(async () => {
  await pg?.close();
  await server?.stop();
  await duck?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the scorecard on PostgreSQL', () => {
  test('the demo tables copied over hold the same rows', async () => {
    for (const [name, n] of Object.entries(copied)) {
      const count = async (e: Engine) =>
        Number((await e.query(`SELECT count(*) AS n FROM ${e.dialect.quoteIdent(name)}`)).rows[0]?.['n']);
      assert.equal(await count(pg), n, name);
      assert.ok(n > 0, `${name} has rows`);
    }
  });

  for (const asOf of ['2026-11-20', '2026-10-07']) {
    test(`every goal's readings as of ${asOf} are the same on both engines`, async () => {
      const a = await evaluateScorecardOn(duck, project, { asOf });
      const b = await evaluateScorecardOn(pg, project, { asOf });
      const kpis = a.goals.flatMap((g) => g.kpis);
      assert.ok(kpis.length >= 15, `${kpis.length} readings`);
      assert.ok(kpis.some((k) => k.current.value !== null && k.current.value !== 0));
      assert.deepEqual(differences(a.goals, b.goals), []);
      assert.deepEqual(differences(a.supporting, b.supporting), []);
    });
  }
});
