// The facts an alert check needs besides the KPI's reading: the KPI's last review and a
// dataset's last import, read from the store. IO. Invariant: only the facts the alert's
// condition uses are read (a verdict alert reads nothing more).

import type { AlertDef } from '@kpi/core';
import type { Engine } from '@kpi/engines';
import { IMPORT_LOG_TABLE } from '@kpi/ingest';
import type { KpiReading } from '@kpi/scorecard';
import { todayIn, yesterdayIn } from '../dates.js';
import type { LoadedProject } from '../project-files.js';
import type { AlertFacts } from './alert-observations.js';

const lastReviewDay = async (engine: Engine, kpi: string, tz: string): Promise<string | null> => {
  const r = await engine.query('SELECT max(reviewed_at) AS at FROM _kpi_reviews WHERE kpi = $1', [kpi]);
  const at = r.rows[0]?.['at'];
  return at === null || at === undefined ? null : todayIn(tz, new Date(String(at)));
};

const lastImportAt = async (engine: Engine, dataset: string): Promise<Date | null> => {
  const t = await engine.query(
    `SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $1`,
    [IMPORT_LOG_TABLE],
  );
  if (Number(t.rows[0]?.['n'] ?? 0) === 0) return null;
  const r = await engine.query(
    `SELECT CAST(epoch_ms(max(finished_at)) AS DOUBLE) AS ms FROM ${engine.dialect.quoteIdent(IMPORT_LOG_TABLE)} WHERE dataset = $1`,
    [dataset],
  );
  const ms = r.rows[0]?.['ms'];
  return ms === null || ms === undefined ? null : new Date(Number(ms));
};

export const alertFacts = async (
  engine: Engine,
  lp: LoadedProject,
  def: AlertDef,
  reading: KpiReading | undefined,
  at: Date,
): Promise<AlertFacts> => {
  const tz = lp.project.settings.timezone;
  const base = { at, asOf: yesterdayIn(tz, at), ...(reading ? { reading } : {}) };
  if (def.when.kind === 'review_overdue' && def.kpi !== undefined)
    return { ...base, lastReview: await lastReviewDay(engine, def.kpi, tz) };
  if (def.when.kind === 'stale_import')
    return { ...base, lastImport: await lastImportAt(engine, def.when.dataset) };
  return base;
};
