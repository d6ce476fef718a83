// Routes: datasets — definitions with row counts, file uploads, and row pushes (JSON or
// NDJSON) with an optional Idempotency-Key. IO.
// Invariants: the body lands in a fresh private temporary folder under a fixed name (the
// client's file name is never used as a path) and is removed afterwards; temporary paths
// never appear in a response; pushes are rate-limited per token or user.

import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ProblemsError, ownGet, safeParseInput } from '@kpi/core';
import { inputIssues, listDatasets, loadRows, makeUploadFolder, type LoadRowsInput } from '@kpi/app';
import { HttpError } from '../http/http-error.js';
import { mediaType, requireMediaType, saveBody } from '../http/request-body.js';
import type { RequestContext, RouteDef } from '../http/route-types.js';
import { READ, param, principalOf, route } from './route-helpers.js';
import {
  columnMapSchema,
  datasetOut,
  datasetStatsSchema,
  importQuery,
  importSummarySchema,
  nameParams,
  pushQuery,
  pushRowsSchema,
} from './api-schemas.js';

type Format = LoadRowsInput['format'];

const FORMAT_OF: Readonly<Record<string, Format>> = {
  'text/csv': 'csv',
  'text/tab-separated-values': 'csv',
  'application/json': 'json',
  'application/x-ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
};
const EXT: Readonly<Record<Format, string>> = { csv: 'csv', json: 'json', ndjson: 'ndjson' };

/** A client file name is only a label: plain characters, no folders, no dot-dot. */
const SAFE_FILENAME = /^[A-Za-z0-9][A-Za-z0-9 ._()-]{0,254}$/;

/** The most rows one JSON push may carry (the push body schema says the same). */
const MAX_PUSH_ROWS = 100_000;

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

const withTempDir = async <T>(
  ctx: RequestContext,
  label: string,
  fn: (dir: string) => Promise<T>,
): Promise<T> => {
  const dir = await makeUploadFolder(ctx.state.tmpDir, Date.now());
  ctx.redactions.set(dir, label);
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

const idempotencyKey = (ctx: RequestContext): string | undefined => {
  const key = ctx.req.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))
    throw new HttpError(
      400,
      'push.bad_idempotency_key',
      'Idempotency-Key must be 1 to 200 printable ASCII characters',
    );
  return key;
};

/** The `columns` query parameter: URL-encoded JSON, {datasetColumn: fileHeader}. */
const columnMapOf = (text: string | undefined): Readonly<Record<string, string>> | undefined => {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ProblemsError('input.invalid', 'the request query is not valid', [
      {
        code: 'input.invalid_json',
        severity: 'error',
        message: 'columns: not valid JSON',
        path: ['query', 'columns'],
        hint: 'send a URL-encoded JSON object, e.g. {"date":"Day"}',
      },
    ]);
  }
  const r = safeParseInput(columnMapSchema, value);
  if (!r.success)
    throw new ProblemsError(
      'input.invalid',
      'the request query is not valid',
      inputIssues(r.error, ['query', 'columns']),
    );
  return r.data;
};

/**
 * A JSON push keeps its own answers: not an array of flat row objects is push.invalid_rows,
 * and a body the JSON reader cannot parse is request.malformed_json (400).
 */
const pushError = (e: unknown): unknown => {
  if (!(e instanceof ProblemsError)) return e;
  if (e.code === 'import.file.not_rows')
    return new HttpError(
      422,
      'push.invalid_rows',
      `the body must be a JSON array of row objects: ${e.message}`,
      {
        details: { issues: e.issues.map((i) => ({ message: i.message, line: i.position?.line })) },
        ...(e.issues[0]?.hint === undefined ? {} : { hint: e.issues[0].hint }),
      },
    );
  if (e.code === 'import.file.bad_json')
    return new HttpError(
      400,
      'request.malformed_json',
      `the request body is not valid JSON: ${e.message.replace(/^.*?: (Invalid Input Error: )?/, '')}`,
    );
  return e;
};

const sha = (...parts: string[]): string => createHash('sha256').update(parts.join('\n')).digest('hex');

export const datasetRoutes: readonly RouteDef[] = [
  route({
    method: 'GET',
    path: '/api/datasets',
    tag: 'datasets',
    summary: 'Datasets with their definitions, row counts, time ranges and last import.',
    access: READ,
    response: z.array(datasetOut.extend({ stats: datasetStatsSchema })),
    async handle(ctx) {
      const lp = ctx.state.project();
      const stats = await listDatasets(lp);
      return {
        body: stats.map((s) => ({ name: s.dataset, ...ownGet(lp.project.datasets, s.dataset), stats: s })),
      };
    },
  }),
  route({
    method: 'POST',
    path: '/api/datasets/{name}/import',
    tag: 'datasets',
    summary:
      'Import a file (the raw body: CSV, JSON or NDJSON); all rows or none, with every bad row listed.',
    access: (ctx) => ({ kind: 'push', dataset: param(ctx, 'name') }),
    rateLimit: 'push',
    params: nameParams,
    querySchema: importQuery,
    body: {
      kind: 'file',
      contentTypes: Object.keys(FORMAT_OF),
      description: 'The file itself as the request body (not multipart).',
    },
    response: importSummarySchema,
    status: 201,
    async handle(ctx, { query }) {
      const q = query as z.infer<typeof importQuery>;
      const format = FORMAT_OF[requireMediaType(ctx.req, Object.keys(FORMAT_OF))] ?? 'csv';
      if (q.filename !== undefined && (!SAFE_FILENAME.test(q.filename) || q.filename.includes('..')))
        throw new HttpError(
          400,
          'import.bad_filename',
          'filename must be a plain file name (no folders, no "..")',
        );
      const columnMap = columnMapOf(q.columns);
      const label = q.filename ?? `upload.${EXT[format]}`;
      return withTempDir(ctx, label, async (dir) => {
        const path = join(dir, `upload.${EXT[format]}`);
        ctx.redactions.set(path, label);
        await saveBody(ctx.req, path, ctx.state.limits.uploadBytes);
        const out = await loadRows(ctx.state.project(), {
          dataset: param(ctx, 'name'),
          path,
          format,
          source: label,
          dryRun: q.dryRun === 'true',
          ...(columnMap === undefined ? {} : { columnMap }),
          ...(q.decimalComma === undefined ? {} : { decimalComma: q.decimalComma === 'true' }),
          ...(q.dateFormat === undefined ? {} : { dateFormat: q.dateFormat }),
          ...(q.keepRejects === 'true' ? { rejectsPath: join(dir, 'rejects.csv') } : {}),
        }).finally(() => ctx.state.dataChanged());
        // The rejects file lives in the request's temporary folder: its rows go back in the answer.
        const { rejectsPath, ...summary } = out.summary;
        const rejectsCsv = rejectsPath === undefined ? undefined : await readFile(rejectsPath, 'utf8');
        return {
          status: 201,
          body: { ...summary, ...(rejectsCsv === undefined ? {} : { rejectsCsv }), replayed: false },
        };
      });
    },
  }),
  route({
    method: 'POST',
    path: '/api/datasets/{name}/rows',
    tag: 'datasets',
    summary:
      'Push rows (a JSON array, or NDJSON). With an Idempotency-Key header a retried push is answered from the first and counted once.',
    access: (ctx) => ({ kind: 'push', dataset: param(ctx, 'name') }),
    rateLimit: 'push',
    params: nameParams,
    querySchema: pushQuery,
    headers: [
      { name: 'Idempotency-Key', description: 'A unique key per batch (1-200 printable ASCII characters).' },
    ],
    body: {
      kind: 'file',
      contentTypes: ['application/json', 'application/x-ndjson'],
      description: 'A JSON array of row objects, or one JSON object per line (NDJSON).',
      jsonSchema: pushRowsSchema,
    },
    response: importSummarySchema,
    status: 201,
    async handle(ctx, { query }) {
      const q = query as z.infer<typeof pushQuery>;
      const dataset = param(ctx, 'name');
      requireMediaType(ctx.req, ['application/json', 'application/x-ndjson']);
      const key = idempotencyKey(ctx);
      const p = principalOf(ctx);
      const label = 'request body';
      const json = mediaType(ctx.req) === 'application/json';
      return withTempDir(ctx, label, async (dir) => {
        // Streamed to a file, never held in memory; the rows are read by the import,
        // after the structural scan (flat rows for a JSON array).
        const path = join(dir, json ? 'rows.json' : 'rows.ndjson');
        ctx.redactions.set(path, label);
        const saved = await saveBody(ctx.req, path, ctx.state.limits.uploadBytes);
        if (saved.bytes === 0)
          throw new HttpError(400, 'request.empty_body', 'the request body is empty', {
            hint: json ? 'send a JSON array of row objects' : 'send one JSON object per line',
          });
        const hash = sha(dataset, json ? 'json' : 'ndjson', saved.sha256);
        const out = await loadRows(ctx.state.project(), {
          dataset,
          path,
          format: json ? 'json' : 'ndjson',
          source: label,
          dryRun: q.dryRun === 'true',
          ...(json ? { flatRows: true, maxRows: MAX_PUSH_ROWS } : {}),
          ...(key === undefined
            ? {}
            : {
                idempotency: {
                  scope: p.token ? `token:${p.token.id}` : `user:${p.user.email}`,
                  key,
                  requestHash: hash,
                },
              }),
        })
          .catch((e: unknown) => {
            throw json ? pushError(e) : e;
          })
          .finally(() => ctx.state.dataChanged());
        return {
          status: 201,
          headers: { 'idempotent-replayed': String(out.replayed) },
          body: { ...out.summary, replayed: out.replayed },
        };
      });
    },
  }),
];
