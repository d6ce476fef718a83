// Public types of the file import: options, summary, dataset statistics. Pure types.
// Invariant: counts in a summary add up: rowsRead = inserted + updated + rejected
// (`replaced` counts stored rows removed by a replacing import, not rows of the file)
// (a dry run reports what an import would do and changes nothing).

export type ImportFormat = 'csv' | 'ndjson' | 'json';

export interface ImportOptions {
  /** Default: from the extension (.csv/.tsv/.txt -> csv, .ndjson/.jsonl -> ndjson, .json -> json). */
  readonly format?: ImportFormat;
  /** CSV delimiter; detected from the header and the first lines when not given. */
  readonly delimiter?: string;
  /** CSV quote character (default "). */
  readonly quote?: string;
  /**
   * Numbers are written 1.234,5 (comma decimal, dot or space thousands). Not given: told
   * from the first rows (CSV), e.g. "54,50" can only be a decimal comma.
   */
  readonly decimalComma?: boolean;
  /** strftime format for dates and timestamps in this file; overrides the columns' `format`. */
  readonly dateFormat?: string;
  /** Load the good rows and write the bad ones, with line and reason, to this CSV file. */
  readonly rejectsPath?: string;
  /**
   * The date stamped on every row of a snapshot dataset (one without a time column), as
   * YYYY-MM-DD; required for those datasets (the app passes today by the project's clock).
   */
  readonly snapshotDate?: string;
  /** Check the file and report what would happen, changing nothing. */
  readonly dryRun?: boolean;
  /**
   * Require flat rows (JSON / NDJSON): every row an object whose values are text, numbers,
   * true/false or null (pushed rows); anything else is refused as import.file.not_rows.
   */
  readonly flatRows?: boolean;
  /** With flatRows: refuse more rows than this (as import.file.not_rows). */
  readonly maxRows?: number;
  /** Refuse files larger than this (default 2 GiB). */
  readonly maxFileBytes?: number;
  /**
   * Explicit mapping, dataset column -> file header (CSV) or key (JSON). A mapped header wins
   * over the automatic matching by name and `source`; a column mapped to "" is not in the
   * file (left empty, never matched by name); columns left out of the map are matched
   * automatically. Unknown columns, or headers absent from the file, are refused.
   */
  readonly columnMap?: Readonly<Record<string, string>>;
  /**
   * Called once the header is mapped, before any row is loaded: the file's headers that match
   * no column (ignored) and the optional columns that will stay empty (a renamed header).
   */
  readonly onPlan?: (mapping: {
    readonly ignoredColumns: readonly string[];
    readonly missingColumns: readonly string[];
  }) => void;
  /** Called while the import runs: fraction done (0..1) when known, and the phase. */
  readonly onProgress?: (fraction: number | undefined, phase: string) => void;
}

export interface ImportSummary {
  readonly dataset: string;
  readonly file: string;
  readonly format: ImportFormat;
  readonly rowsRead: number;
  readonly inserted: number;
  readonly updated: number;
  readonly rejected: number;
  readonly seconds: number;
  /** Totals rows of a platform export ("Total: Account", "Grand total") left out. */
  readonly totalsSkipped?: number;
  /** Rows removed because the import replaces them (snapshot or dataset without a key). */
  readonly replaced?: number;
  /** The snapshot this import wrote (datasets without a time column). */
  readonly snapshotDate?: string;
  /** The dataset is static reference data (`time: none`): the import replaced it, or updated it by key. */
  readonly static?: true;
  /** Where the rejected rows were written (only with `rejectsPath` and rejected > 0). */
  readonly rejectsPath?: string;
  /** File columns that match no dataset column. */
  readonly ignoredColumns: readonly string[];
  /** Optional dataset columns absent from the file (stored as NULL). */
  readonly missingColumns: readonly string[];
  readonly dryRun: boolean;
  /** 'fast': clean file loaded by the typed reader; 'checked': the row-by-row checked route. */
  readonly route: 'fast' | 'checked';
}

export interface DatasetStats {
  readonly dataset: string;
  readonly rows: number;
  /** Earliest and latest value of the time column (YYYY-MM-DD or timestamp text), null when empty. */
  readonly from: string | null;
  readonly to: string | null;
  readonly lastImport: { readonly at: string; readonly file: string; readonly rows: number } | null;
}

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 ** 3;
/** At most this many problems are listed in an error; the total is always counted. */
export const MAX_LISTED_PROBLEMS = 1000;
