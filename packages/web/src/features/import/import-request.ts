// Sends an import file to POST /api/datasets/{name}/import (dry run or for real) with the
// explicit column mapping, and sorts the answer into: clean, rows rejected, or failed.
// IO (HTTP). Invariant: the file is the raw body with its content type; the mapping always
// travels explicitly (`columns`), so what the user saw in the preview is what is loaded.

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
  readonly dryRun: boolean;
  readonly options?: ImportChoices;
}

/** How the file writes its numbers and dates, and what to do with bad rows. */
export interface ImportChoices {
  /** 'auto': told from the first rows. */
  readonly decimal: 'auto' | 'comma' | 'point';
  /** strftime format of the dates ('' = ISO only). */
  readonly dateFormat: string;
  /** Load the good rows and hand back the bad ones, instead of refusing the file. */
  readonly keepRejects: boolean;
}

export const DEFAULT_CHOICES: ImportChoices = { decimal: 'auto', dateFormat: '', keepRejects: false };

const send = (r: ImportRequest): Promise<ImportSummary> =>
  api<ImportSummary>(`/api/datasets/${encodeURIComponent(r.dataset)}/import`, {
    method: 'POST',
    raw: { body: r.file, contentType: r.contentType },
    query: {
      dryRun: r.dryRun ? 'true' : undefined,
      filename: r.filename,
      columns: JSON.stringify(r.columns),
      decimalComma:
        r.options?.decimal === 'comma' ? 'true' : r.options?.decimal === 'point' ? 'false' : undefined,
      dateFormat: r.options?.dateFormat.trim() ? r.options.dateFormat.trim() : undefined,
      keepRejects: r.options?.keepRejects ? 'true' : undefined,
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
    return { kind: 'clean', summary: await send(r) };
  } catch (e) {
    const error = e instanceof ApiError ? e : new ApiError(0, { code: 'client.error', message: String(e) });
    if (error.code === 'import.rejected') return { kind: 'rejected', rows: rejectedOf(error) };
    return { kind: 'failed', error };
  }
};
