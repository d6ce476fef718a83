// Issue and Result: how pure code reports problems. Pure.
// Invariant: a failed Result carries at least one issue, and pure code collects every
// problem it can find instead of stopping at the first.

export type Severity = 'error' | 'warning' | 'info';

/** Where an issue points: a file position when known, and the path inside the document. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface Issue {
  /** Stable dotted code, e.g. `metric.ratio.denominator_missing`. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** Path inside the project model, e.g. ['metrics', 'ctr', 'numerator']. */
  readonly path: readonly (string | number)[];
  readonly hint?: string;
  readonly position?: SourcePosition;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly warnings?: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

export const ok = <T>(value: T, warnings?: readonly Issue[]): Result<T> =>
  warnings && warnings.length > 0 ? { ok: true, value, warnings } : { ok: true, value };

export const fail = <T = never>(issues: readonly Issue[]): Result<T> => ({ ok: false, issues });

export const issue = (
  code: string,
  message: string,
  path: readonly (string | number)[],
  hint?: string,
  severity: Severity = 'error',
): Issue =>
  hint === undefined ? { code, severity, message, path } : { code, severity, message, path, hint };

export const hasErrors = (issues: readonly Issue[]): boolean => issues.some((i) => i.severity === 'error');

/** "file:line:column" when the issue has a position, else the dotted model path. */
export const issueLocation = (i: Issue): string =>
  i.position ? `${i.position.file}:${i.position.line}:${i.position.column}` : i.path.join('.');

/** One human line per issue: `kpi.yaml:12:5 error metric.unknown: ... (hint: ...)`. */
export const formatIssue = (i: Issue): string =>
  `${issueLocation(i)} ${i.severity} ${i.code}: ${i.message}${i.hint ? `\n    hint: ${i.hint}` : ''}`;
