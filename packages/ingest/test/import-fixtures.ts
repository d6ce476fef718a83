// Test fixtures for @kpi/ingest: a small project, temp folders, file writers and a table
// dump for before/after comparisons. Test-only (not part of the package build).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetDef, Project } from '@kpi/core';
import { openDuckDb, type Engine } from '@kpi/engines';
import { ensureDatasetTables } from '@kpi/ingest';

export const adsDataset: DatasetDef = {
  time: 'date',
  key: ['date', 'campaign'],
  dimensions: ['campaign'],
  columns: {
    date: { type: 'date', source: ['Day', 'Date'] },
    campaign: { type: 'string', source: 'Campaign name' },
    spend: { type: 'number', source: 'Cost' },
    clicks: { type: 'integer' },
    active: { type: 'boolean' },
    note: { type: 'string' },
  },
};

export const eventsDataset: DatasetDef = {
  time: 'at',
  key: ['id'],
  dimensions: [],
  columns: { id: { type: 'integer' }, at: { type: 'timestamp' }, amount: { type: 'number' } },
};

export const makeProject = (
  datasets: Record<string, DatasetDef> = { ads: adsDataset },
  timezone = 'UTC',
): Project => ({
  settings: { name: 'test', timezone, week_start: 'monday', fiscal_year_start: 1, currency: 'USD' },
  datasets,
  metrics: {},
  goals: {},
  kpis: {},
  annotations: [],
  locations: {},
});

export interface Workspace {
  readonly dir: string;
  readonly engine: Engine;
  file(name: string, content: string | Buffer): string;
  close(): Promise<void>;
}

export const workspace = async (): Promise<Workspace> => {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-ingest-'));
  const engine = await openDuckDb(join(dir, 'store.duckdb'));
  return {
    dir,
    engine,
    file: (name, content) => {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    },
    close: async () => {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** Every row of a table as JSON text, in a stable order (for before/after comparisons). */
export const dumpTable = async (engine: Engine, table: string): Promise<string> => {
  const r = await engine.query(`SELECT * FROM "${table}" ORDER BY ALL`);
  return JSON.stringify(r.rows);
};

export const rows = async (engine: Engine, sql: string): Promise<Record<string, unknown>[]> =>
  (await engine.query(sql)).rows.map((r) => ({ ...r }));

/** Awaits a promise that must reject with a KpiError of `code`; returns the error. */
export const rejectsWith = async <E extends Error & { code: string }>(
  p: Promise<unknown>,
  code: string,
): Promise<E> => {
  try {
    await p;
  } catch (e) {
    const err = e as E;
    if (err.code !== code)
      throw new Error(`expected ${code}, got ${err.code ?? ''}: ${err.message}`, { cause: e });
    return err;
  }
  throw new Error(`expected ${code}, but the promise resolved`);
};

/** Drops the ads table and the import log, then recreates the tables: a clean store per test. */
export const resetAds = async (engine: Engine, project: Project): Promise<void> => {
  await engine.exec('DROP TABLE IF EXISTS ads');
  await engine.exec('DROP TABLE IF EXISTS _kpi_imports');
  await ensureDatasetTables(engine, project);
};
