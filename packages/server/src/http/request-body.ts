// Reading request bodies within limits: JSON into memory, uploads streamed to a file.
// IO. Invariants: a body over the limit is refused with 413 as soon as it is known to be
// too large (from Content-Length, before a byte is read, or while streaming: reading
// stops at the limit) and nothing is kept of it; a JSON body is scanned against the
// structural limits before it is parsed (422 naming the limit); a body that does not
// parse is a 400; the wrong Content-Type is a 415.

import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { DEFAULT_INPUT_LIMITS, countText, jsonScanner, raiseHint, type InputLimits } from '@kpi/core';
import { HttpError } from './http-error.js';

/** The media type of the request, lower-case, without parameters ('' when absent). */
export const mediaType = (req: IncomingMessage): string =>
  (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

export const requireMediaType = (req: IncomingMessage, allowed: readonly string[]): string => {
  const t = mediaType(req);
  if (!allowed.includes(t))
    throw new HttpError(
      415,
      'request.unsupported_media_type',
      `Content-Type ${t || '(none)'} is not accepted here`,
      {
        hint: `send one of: ${allowed.join(', ')}`,
      },
    );
  return t;
};

const tooLarge = (limit: number): HttpError =>
  new HttpError(413, 'request.too_large', `the request body is larger than the limit of ${limit} bytes`, {
    hint: 'send less data per request (split a push into batches, or a file into parts)',
    headers: { connection: 'close' },
  });

const declaredLength = (req: IncomingMessage, limit: number): void => {
  const n = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(n) && n > limit) throw tooLarge(limit);
};

const aborted = (): HttpError =>
  new HttpError(400, 'request.aborted', 'the request body ended before it was complete');

/**
 * Reads the body chunk by chunk, counting; at the limit it stops reading (the socket is
 * kept, paused, so the 413 can still be sent, then closed) and rejects. `take` may return
 * a promise (a write waiting for drain): reading pauses until it settles.
 */
const eachChunk = (
  req: IncomingMessage,
  limit: number,
  take: (chunk: Buffer) => Promise<void> | undefined,
): Promise<number> =>
  new Promise((resolve, reject) => {
    let size = 0;
    let settled = false;
    const finish = (e: unknown, n = size): void => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      if (e === undefined) resolve(n);
      else {
        req.pause();
        reject(e);
      }
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) return finish(tooLarge(limit));
      const pending = take(chunk);
      if (pending) {
        req.pause();
        pending.then(
          () => {
            if (!settled) req.resume();
          },
          (e: unknown) => finish(e),
        );
      }
    };
    const onEnd = (): void => finish(undefined);
    const onError = (e: Error): void => finish(e);
    const onClose = (): void => finish(req.complete ? undefined : aborted());
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });

/** Reads the whole body (at most `limit` bytes). */
export const readBody = async (req: IncomingMessage, limit: number): Promise<Buffer> => {
  declaredLength(req, limit);
  const chunks: Buffer[] = [];
  await eachChunk(req, limit, (chunk) => {
    chunks.push(chunk);
    return undefined;
  });
  return Buffer.concat(chunks);
};

/**
 * Parses a JSON body after a byte scan against the structural limits (nesting depth, keys
 * per object, value length), so no parser or validator recurses into a hostile body.
 */
export const parseJson = (raw: Buffer, limits: InputLimits = DEFAULT_INPUT_LIMITS): unknown => {
  if (raw.length === 0)
    throw new HttpError(400, 'request.empty_body', 'the request body is empty', {
      hint: 'send a JSON document',
    });
  const scanner = jsonScanner({ limits, format: 'json' });
  const v = scanner.feed(raw) ?? scanner.end();
  if (v && v.limit !== 'shape') {
    const place = `line ${countText(v.line)}, column ${countText(v.column)}`;
    throw new HttpError(422, `limit.${v.limit}`, `the request body, ${place}: ${v.message}`, {
      hint: raiseHint(v.limit),
      details: { limit: v.limit, value: v.value, max: v.max, line: v.line, column: v.column },
    });
  }
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch (e) {
    throw new HttpError(
      400,
      'request.malformed_json',
      `the request body is not valid JSON: ${(e as Error).message}`,
    );
  }
};

/** Streams the body into `path` (created, never overwritten); returns its size and SHA-256. */
export const saveBody = async (
  req: IncomingMessage,
  path: string,
  limit: number,
): Promise<{ readonly bytes: number; readonly sha256: string }> => {
  declaredLength(req, limit);
  const hash = createHash('sha256');
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  let bytes = 0;
  try {
    bytes = await Promise.race([
      eachChunk(req, limit, (chunk) => {
        hash.update(chunk);
        return out.write(chunk) ? undefined : new Promise<void>((r) => out.once('drain', () => r()));
      }),
      failed,
    ]);
  } finally {
    await new Promise<void>((resolve) => {
      if (out.destroyed) resolve();
      else out.end(() => resolve());
    });
  }
  return { bytes, sha256: hash.digest('hex') };
};
