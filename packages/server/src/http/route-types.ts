// What a route declares: method, path, docs, who may call it, and how its input is read.
// The router, the request pipeline and the OpenAPI document all read these declarations,
// so a route cannot exist without being documented. Types only.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { Action, Principal } from '@kpi/app';
import type { ServerState } from '../server-state.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** How the request body is read. */
export type BodySpec =
  | { readonly kind: 'json'; readonly schema: z.ZodType }
  /** A raw body streamed to a temporary file (uploads, NDJSON pushes). */
  | {
      readonly kind: 'file';
      readonly contentTypes: readonly string[];
      readonly description: string;
      /** Also accepted as JSON: this schema documents (and checks) it. */
      readonly jsonSchema?: z.ZodType;
    };

export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly state: ServerState;
  readonly requestId: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly principal: Principal | undefined;
  /** Set when the caller authenticated with a session cookie. */
  readonly sessionId: string | undefined;
  /** The address the request came from (for rate limits). */
  readonly clientIp: string;
  /** Replace these strings (temporary paths) in any error sent back. */
  readonly redactions: Map<string, string>;
}

export interface Reply {
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  /** Send as text/html instead of JSON. */
  readonly html?: string;
  /** A body already serialised as JSON (cached answers). */
  readonly json?: string;
  /** A document in its own media type (the report: HTML, Markdown, JSON, PDF), sent as is. */
  readonly file?: {
    readonly body: string | Uint8Array;
    readonly contentType: string;
    readonly disposition?: string;
  };
}

export interface RouteDef {
  readonly method: Method;
  /** OpenAPI-style path: `/api/kpis/{name}`. */
  readonly path: string;
  readonly tag: string;
  readonly summary: string;
  /** 'public' routes need no login; every other route needs a principal. */
  readonly access: 'public' | ((ctx: RequestContext) => Action);
  readonly params?: z.ZodObject;
  readonly querySchema?: z.ZodObject;
  readonly body?: BodySpec;
  readonly headers?: readonly { readonly name: string; readonly description: string }[];
  readonly response: z.ZodType;
  /** The success response is an HTML page, not JSON. */
  readonly html?: boolean;
  /** The success response's media types when the caller picks one (the report); `response` documents the JSON one. */
  readonly contentTypes?: readonly string[];
  readonly status?: number;
  /** Counted against the push rate limit (per principal). */
  readonly rateLimit?: 'login' | 'push';
  /** The route answers a share-link token (the only routes that do; see share-routes). */
  readonly shareLink?: true;
  readonly handle: (ctx: RequestContext, input: { body: unknown; query: unknown }) => Promise<Reply>;
}
