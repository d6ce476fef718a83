// Sends an import file to POST /api/datasets/{name}/import (dry run or for real) with the
// explicit column mapping, and sorts the answer into: clean, rows rejected, or failed.
// IO (HTTP). Invariants: the file is the raw body with its content type; a server that does
// not know the `columns` parameter yet is asked again without it only when the mapping is
// the automatic one (the server would make the same match on its own).

import { ApiError, api } from '../../api/api-client';
import type { ImportSummary, Issue } from '../../api/api-types';

export interface RejectedRows {
  readonly message: string;
  readonly rejected: number;
  readonly rowsRead: number;
  readonly listed: number;
  /** Problems in all (a row may have several); more than `listed` when the list was cut. */
  readonly problems: number;
  readonly issues: readonly Issue[];
}

export type ImportOutcome =
  | { readonly kind: 'clean'; readonly summary: ImportSummary }
  | { readonly kind: 'rejected'; readonly rows: RejectedRows }
  | { readonly kind: 'failed'; readonly error: ApiError };

export interface ImportRequest {
  readonly dataset: string;
  readonly file: Blob;
  readonly contentType: string;
  readonly filename: string;
  readonly columns: Readonly<Record<string, string>>;
  /** True when `columns` is what the server would match by itself. */
  readonly automatic: boolean;
  readonly dryRun: boolean;
}

/** Set once the server has said it does not know `columns` (an older server). */
let columnsUnknown = false;

const refusesColumns = (e: ApiError): boolean =>
  e.code === 'input.invalid' && e.issues.some((i) => i.message.includes('"columns"'));

const NO_MAPPING: ApiError = new ApiError(400, {
  code: 'import.mapping_unsupported',
  message: 'this kpi server does not accept a column mapping yet',
  hint: 'rename the headers in the file to the dataset’s column names (or keep the automatic matches), then choose it again',
});

const send = (r: ImportRequest, withColumns: boolean): Promise<ImportSummary> =>
  api<ImportSummary>(`/api/datasets/${encodeURIComponent(r.dataset)}/import`, {
    method: 'POST',
    raw: { body: r.file, contentType: r.contentType },
    query: {
      dryRun: r.dryRun ? 'true' : undefined,
      filename: r.filename,
      columns: withColumns ? JSON.stringify(r.columns) : undefined,
    },
  });

const rejectedOf = (e: ApiError): RejectedRows => {
  const d = e.body.details ?? {};
  const issues = d.issues ?? [];
  return {
    message: e.message,
    rejected: typeof d.rejected === 'number' ? d.rejected : issues.length,
    rowsRead: typeof d.rowsRead === 'number' ? d.rowsRead : 0,
    listed: typeof d.listed === 'number' ? d.listed : issues.length,
    problems: typeof d['problems'] === 'number' ? d['problems'] : issues.length,
    issues,
  };
};

export const runImport = async (r: ImportRequest): Promise<ImportOutcome> => {
  try {
    if (columnsUnknown && !r.automatic) return { kind: 'failed', error: NO_MAPPING };
    try {
      return { kind: 'clean', summary: await send(r, !columnsUnknown) };
    } catch (e) {
      if (!(e instanceof ApiError) || columnsUnknown || !refusesColumns(e)) throw e;
      columnsUnknown = true;
      if (!r.automatic) return { kind: 'failed', error: NO_MAPPING };
      return { kind: 'clean', summary: await send(r, false) };
    }
  } catch (e) {
    const error = e instanceof ApiError ? e : new ApiError(0, { code: 'client.error', message: String(e) });
    if (error.code === 'import.rejected') return { kind: 'rejected', rows: rejectedOf(error) };
    return { kind: 'failed', error };
  }
};
