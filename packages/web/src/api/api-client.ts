// The one HTTP client of the web app: JSON in and out, the session cookie, the CSRF header
// on writes, and every failure turned into an ApiError carrying the server's code,
// message, hint and issues. Invariant: never throws anything but ApiError.

import type { ApiErrorBody, Issue } from './api-types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
    this.name = 'ApiError';
  }
  get code(): string {
    return this.body.code;
  }
  get issues(): readonly Issue[] {
    return this.body.details?.issues ?? [];
  }
  get hint(): string | undefined {
    return this.body.hint;
  }
}

let csrfToken: string | undefined;
let sessionEnded: (() => void) | undefined;

/** Called when the server answers 401 outside sign-in: the session expired or was ended. */
export const onSessionEnded = (handler: (() => void) | undefined): void => {
  sessionEnded = handler;
};

/** Remembers the CSRF token given at login (it is also in the kpi_csrf cookie). */
export const setCsrfToken = (token: string | undefined): void => {
  csrfToken = token;
};

const csrfFromCookie = (): string | undefined => {
  const m = /(?:^|;\s*)kpi_csrf=([^;]+)/.exec(document.cookie);
  return m?.[1] === undefined ? undefined : decodeURIComponent(m[1]);
};

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** A JSON body (serialised here). */
  readonly json?: unknown;
  /** A raw body (a File from an upload) with its content type. */
  readonly raw?: { readonly body: Blob | string; readonly contentType: string };
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly signal?: AbortSignal;
  /** More request headers (a share link's PIN). */
  readonly headers?: Readonly<Record<string, string>>;
}

const withQuery = (path: string, query: RequestOptions['query']): string => {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s === '' ? path : `${path}?${s}`;
};

const networkError = (e: unknown): ApiError =>
  new ApiError(0, {
    code: 'network.unreachable',
    message: `the kpi server did not answer (${e instanceof Error ? e.message : String(e)})`,
    hint: 'check that kpi serve is still running, then reload the page',
  });

/** Calls the API; resolves with the parsed JSON (undefined for 204). */
export const api = async <T>(path: string, opts: RequestOptions = {}): Promise<T> => {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { ...opts.headers, accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.raw) {
    headers['content-type'] = opts.raw.contentType;
    body = opts.raw.body;
  }
  if (method !== 'GET') {
    const token = csrfToken ?? csrfFromCookie();
    if (token) headers['x-csrf-token'] = token;
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw networkError(e);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('/api/auth/')) sessionEnded?.();
    const err = (parsed as { error?: ApiErrorBody } | undefined)?.error;
    throw new ApiError(
      res.status,
      err ?? { code: `http.${res.status}`, message: `the server answered ${res.status} ${res.statusText}` },
    );
  }
  return parsed as T;
};
