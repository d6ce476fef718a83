// Appending one row to the change history on an open engine, for the history use-cases
// and the edit journal's replay. IO. Invariant: `changed_at` is UTC ISO text.

import type { Engine } from '@kpi/engines';
import { ensureAccessTables, nowIso } from '../access/access-tables.js';
import type { NewChange } from '../use-cases/change-history.js';

/** Appends one change on an open engine (inside a caller's transaction if it has one). */
export const insertChange = async (engine: Engine, c: NewChange, at: string = nowIso()): Promise<void> => {
  await ensureAccessTables(engine);
  await engine.exec(
    `INSERT INTO _kpi_changes (changed_at, actor, entity, name, action, before, after, reason, file)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      at,
      c.actor,
      c.entity,
      c.name,
      c.action,
      c.before === undefined ? null : JSON.stringify(c.before),
      c.after === undefined ? null : JSON.stringify(c.after),
      c.reason,
      c.file,
    ],
  );
};
