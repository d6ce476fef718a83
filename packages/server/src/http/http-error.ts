// The one error mapper of the HTTP API: any thrown value -> status + `{error: {code,
// message, details}}`. IO-free. Invariants: problems, usage, not-found and conflict
// errors are shown as they are (their messages are written for users); io, engine and
// internal errors become a generic message with the request id — their text, causes and
// SQL never reach the client (they go to the log); a full disk is 507 that says so
// (`io.no_space` for a project file, with its message; `engine.disk_full` under the store,
// naming no path), so whoever sees it knows what to free.

import { KpiError, isKpiError } from '@kpi/core';

/** An error with an explicit HTTP status (401, 403, 405, 413, 415, 429...). */
export class HttpError extends KpiError {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  constructor(
    status: number,
    code: string,
    message: string,
    opts: { hint?: string; details?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(code, message, {
      kind: status >= 500 ? 'internal' : 'usage',
      ...(opts.hint === undefined ? {} : { hint: opts.hint }),
      details: opts.details ?? {},
    });
    this.name = 'HttpError';
    this.status = status;
    this.headers = opts.headers ?? {};
  }
}

export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details: Readonly<Record<string, unknown>>;
    readonly hint?: string;
    readonly requestId: string;
  };
}

export interface MappedError {
  readonly status: number;
  readonly body: ErrorBody;
  readonly headers: Readonly<Record<string, string>>;
  /** True when the error is a server fault worth logging with its cause. */
  readonly internal: boolean;
}

const STATUS: Readonly<Record<KpiError['kind'], number>> = {
  usage: 400,
  problems: 422,
  not_found: 404,
  conflict: 409,
  io: 500,
  engine: 500,
  internal: 500,
};

const body = (code: string, message: string, requestId: string, details = {}, hint?: string): ErrorBody => ({
  error: { code, message, details, requestId, ...(hint === undefined ? {} : { hint }) },
});

export const mapError = (e: unknown, requestId: string): MappedError => {
  if (e instanceof HttpError)
    return {
      status: e.status,
      body: body(e.code, e.message, requestId, e.details, e.hint),
      headers: e.headers,
      internal: false,
    };
  if (isKpiError(e)) {
    if (e.code === 'io.no_space')
      return {
        status: 507,
        body: body(e.code, e.message, requestId, {}, e.hint),
        headers: {},
        internal: false,
      };
    if (e.code === 'engine.timeout')
      return {
        status: 503,
        body: body(e.code, e.message, requestId, {}, e.hint),
        headers: {},
        internal: false,
      };
    // PDF printing needs chromium on the server: say so (and how to install it), not "internal".
    if (e.code === 'pdf.chromium_missing' || e.code === 'pdf.chromium_failed')
      return {
        status: 503,
        body: body(e.code, e.message, requestId, {}, e.hint),
        headers: {},
        internal: false,
      };
    if (e.code === 'engine.disk_full')
      return {
        status: 507,
        body: body(e.code, e.message, requestId, {}, e.hint),
        headers: {},
        internal: true,
      };
    const status = STATUS[e.kind];
    if (status < 500)
      return {
        status,
        body: body(e.code, e.message, requestId, e.details, e.hint),
        headers: {},
        internal: false,
      };
  }
  return {
    status: 500,
    body: body(
      'internal',
      `something went wrong on the server (request ${requestId}); it has been logged`,
      requestId,
    ),
    headers: {},
    internal: true,
  };
};
