// Use-cases: the change history of definitions edited through kpi (who, when, why,
// before and after). IO. Invariants: entries are only ever appended; `changed_at` is
// stored as UTC ISO text (toISOString), so comparing text compares instants.

import { UsageError } from '@kpi/core';
import { ensureAccessTables } from '../access/access-tables.js';
import { insertChange } from '../edit/change-rows.js';
import { recoverEdits } from '../edit/project-writer.js';
import type { LoadedProject } from '../project-files.js';
import { withStore } from '../store.js';

export type ChangeEntity = 'kpi' | 'goal' | 'annotation';

export interface ChangeEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly entity: ChangeEntity;
  readonly name: string;
  readonly action: 'create' | 'update';
  readonly before: unknown;
  readonly after: unknown;
  readonly reason: string | null;
  readonly file: string | null;
}

export type NewChange = Omit<ChangeEntry, 'id' | 'at'>;

export { insertChange };

export const recordChange = (lp: LoadedProject, c: NewChange): Promise<void> =>
  withStore(lp, (engine) => insertChange(engine, c));

const parse = (v: unknown): unknown =>
  v === null || v === undefined ? null : (JSON.parse(String(v)) as unknown);

export interface ChangeFilter {
  readonly entity?: ChangeEntity;
  readonly name?: string;
  /** Only changes made after this instant (an ISO 8601 timestamp with a zone, e.g. a last visit). */
  readonly since?: string;
  /** At most this many (1-1000, default 1000). */
  readonly limit?: number;
}

/** `since` as the stored form (UTC, milliseconds, Z), so text order is time order. */
const instant = (since: string): string => {
  const t = Date.parse(since);
  if (!Number.isFinite(t))
    throw new UsageError(
      'history.bad_since',
      `since "${since}" is not a timestamp`,
      'use ISO 8601, e.g. 2026-11-20T08:00:00Z',
    );
  return new Date(t).toISOString();
};

/** Changes, newest first; narrowed to one entity, to those after `since`, and to `limit`. */
export const listChanges = async (lp: LoadedProject, filter: ChangeFilter = {}): Promise<ChangeEntry[]> => {
  // An edit interrupted between its file and its history row is completed first.
  await recoverEdits(lp.dir);
  return withStore(lp, async (engine) => {
    await ensureAccessTables(engine);
    const limit = Math.max(1, Math.min(1000, Math.floor(filter.limit ?? 1000)));
    const r = await engine.query(
      `SELECT * FROM _kpi_changes WHERE ($1::VARCHAR IS NULL OR entity = $1) AND ($2::VARCHAR IS NULL OR name = $2)
        AND ($3::VARCHAR IS NULL OR changed_at > $3) ORDER BY id DESC LIMIT ${limit}`,
      [filter.entity ?? null, filter.name ?? null, filter.since === undefined ? null : instant(filter.since)],
    );
    return r.rows.map((row) => ({
      id: Number(row['id']),
      at: String(row['changed_at']),
      actor: String(row['actor']),
      entity: String(row['entity']) as ChangeEntity,
      name: String(row['name']),
      action: String(row['action']) as ChangeEntry['action'],
      before: parse(row['before']),
      after: parse(row['after']),
      reason: row['reason'] === null ? null : String(row['reason']),
      file: row['file'] === null ? null : String(row['file']),
    }));
  });
};
