// Error classes thrown by IO code. Pure (no Node imports).
// Invariant: every KpiError has a stable `code` and an exit code class; the CLI maps
// `exitCode`, the server maps `httpStatus`; `details` is safe to show to a user.

import type { Issue } from './result.js';

export type ErrorKind = 'usage' | 'problems' | 'io' | 'engine' | 'not_found' | 'conflict' | 'internal';

export class KpiError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly details: Readonly<Record<string, unknown>>;
  readonly hint: string | undefined;

  constructor(
    code: string,
    message: string,
    opts: {
      kind?: ErrorKind;
      details?: Record<string, unknown>;
      hint?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'KpiError';
    this.code = code;
    this.kind = opts.kind ?? 'internal';
    this.details = opts.details ?? {};
    this.hint = opts.hint;
  }
}

/** Bad command-line or request input (exit 2 / HTTP 400). */
export class UsageError extends KpiError {
  constructor(code: string, message: string, hint?: string, details?: Record<string, unknown>) {
    super(code, message, { kind: 'usage', ...(hint === undefined ? {} : { hint }), details: details ?? {} });
    this.name = 'UsageError';
  }
}

/**
 * The input was understood but has problems: a project or a file with issues (exit 1 /
 * HTTP 422). With kind 'not_found' the problems are names the project does not have
 * (exit 2, like every unknown name; see exitCodeFor).
 */
export class ProblemsError extends KpiError {
  readonly issues: readonly Issue[];
  constructor(
    code: string,
    message: string,
    issues: readonly Issue[],
    details?: Record<string, unknown>,
    kind: 'problems' | 'not_found' = 'problems',
  ) {
    super(code, message, { kind, details: { ...details, issues } });
    this.name = 'ProblemsError';
    this.issues = issues;
  }
}

/** A file or folder could not be read or written (exit 3 / HTTP 500 or 404). */
export class IoError extends KpiError {
  constructor(
    code: string,
    message: string,
    opts: { hint?: string; cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(code, message, { kind: 'io', ...opts });
    this.name = 'IoError';
  }
}

/** The database engine failed (exit 3 / HTTP 500). */
export class EngineError extends KpiError {
  constructor(
    code: string,
    message: string,
    opts: { hint?: string; cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(code, message, { kind: 'engine', ...opts });
    this.name = 'EngineError';
  }
}

export class NotFoundError extends KpiError {
  constructor(code: string, message: string, hint?: string) {
    super(code, message, { kind: 'not_found', ...(hint === undefined ? {} : { hint }) });
    this.name = 'NotFoundError';
  }
}

export const isKpiError = (e: unknown): e is KpiError => e instanceof KpiError;

/**
 * CLI exit codes: 0 ok, 1 problems found, 2 usage, 3 IO or engine failure. An unknown name
 * on the command line (a KPI, goal, metric, dimension or dataset the project does not
 * have) is a usage error, exit 2, in every command: the project is fine, the command
 * named something else. Problems inside the project or a file (a metric in kpi.yaml that
 * names an unknown column, a bad row) are exit 1.
 */
export const exitCodeFor = (e: unknown): number => {
  if (!isKpiError(e)) return 3;
  switch (e.kind) {
    case 'usage':
      return 2;
    case 'problems':
    case 'conflict':
      return 1;
    case 'not_found':
      return 2;
    default:
      return 3;
  }
};
