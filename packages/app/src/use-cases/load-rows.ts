// Use-case: load rows that arrived over HTTP (a pushed JSON/NDJSON body or an uploaded
// file, already saved to a temporary file) into a dataset, optionally idempotent. IO.
// Invariants: the lookup of the idempotency key, the import and the record of its
// response run in one exclusive section of the store, so concurrent retries of the same
// key import once and get the same answer; rows are keyed by the dataset's natural key,
// so even a replay without a key updates rather than doubles.

import { KpiError, NotFoundError, ownGet } from '@kpi/core';
import { todayOf } from '../dates.js';
import { importFile, type ImportFormat, type ImportSummary } from '@kpi/ingest';
import { ensureAccessTables, nowIso } from '../access/access-tables.js';
import type { LoadedProject } from '../project-files.js';
import { withStore } from '../store.js';

export interface LoadRowsInput {
  readonly dataset: string;
  /** The temporary file holding the rows. */
  readonly path: string;
  readonly format: ImportFormat;
  /** Shown in the summary and the import log instead of the temporary path. */
  readonly source: string;
  readonly dryRun?: boolean;
  /** Dataset column -> file header, winning over the automatic matching (see ImportOptions). */
  readonly columnMap?: Readonly<Record<string, string>>;
  /** Numbers use a decimal comma (true), a decimal point (false), or tell from the rows (left out). */
  readonly decimalComma?: boolean;
  /** strftime format of the file's dates (see ImportOptions.dateFormat). */
  readonly dateFormat?: string;
  /** Load the good rows and write the bad ones, with reasons, to this CSV file. */
  readonly rejectsPath?: string;
  /** Rows must be objects of plain values (see ImportOptions.flatRows). */
  readonly flatRows?: boolean;
  /** With flatRows: at most this many rows. */
  readonly maxRows?: number;
  readonly idempotency?: {
    /** Whose key it is (keys of different callers never collide). */
    readonly scope: string;
    readonly key: string;
    /** Hash of what was sent (dataset, format, body): a reused key must send the same. */
    readonly requestHash: string;
  };
}

export interface LoadRowsOutput {
  readonly summary: ImportSummary;
  /** True when this is the stored answer to an earlier request with the same key. */
  readonly replayed: boolean;
}

export const loadRows = (lp: LoadedProject, input: LoadRowsInput): Promise<LoadRowsOutput> => {
  if (!ownGet(lp.project.datasets, input.dataset))
    throw new NotFoundError('dataset.not_found', `dataset "${input.dataset}" is not defined in the project`);
  return withStore(lp, async (engine) => {
    await ensureAccessTables(engine);
    return engine.exclusive(async () => {
      const idem = input.idempotency;
      if (idem) {
        const r = await engine.query(
          'SELECT request_hash, response FROM _kpi_idempotency WHERE scope = $1 AND key = $2',
          [idem.scope, idem.key],
        );
        const row = r.rows[0];
        if (row) {
          if (String(row['request_hash']) !== idem.requestHash)
            throw new KpiError(
              'push.idempotency_key_reused',
              'this Idempotency-Key was already used for a different request',
              {
                kind: 'conflict',
                hint: 'use a new key for new data; reuse a key only to retry the same request',
              },
            );
          return { summary: JSON.parse(String(row['response'])) as ImportSummary, replayed: true };
        }
      }
      const imported = await importFile(engine, lp.project, input.dataset, input.path, {
        format: input.format,
        ...(input.dryRun ? { dryRun: true } : {}),
        ...(input.columnMap ? { columnMap: input.columnMap } : {}),
        ...(input.decimalComma === undefined ? {} : { decimalComma: input.decimalComma }),
        ...(input.dateFormat === undefined ? {} : { dateFormat: input.dateFormat }),
        ...(input.rejectsPath === undefined ? {} : { rejectsPath: input.rejectsPath }),
        ...(input.flatRows ? { flatRows: true } : {}),
        ...(input.maxRows === undefined ? {} : { maxRows: input.maxRows }),
        // A dataset without time: the pushed rows are today's snapshot, by the project's clock.
        snapshotDate: todayOf(lp),
      });
      const summary: ImportSummary = { ...imported, file: input.source };
      if (idem && !summary.dryRun)
        await engine.exec('INSERT INTO _kpi_idempotency VALUES ($1, $2, $3, $4, $5)', [
          idem.scope,
          idem.key,
          idem.requestHash,
          JSON.stringify(summary),
          nowIso(),
        ]);
      return { summary, replayed: false };
    });
  });
};
