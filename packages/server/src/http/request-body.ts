// Reading request bodies within limits: JSON into memory, uploads streamed to a file.
// IO. Invariants: a body over the limit is refused with 413 as soon as it is known to be
// too large (from Content-Length, or while streaming) and nothing is kept of it; a JSON
// body that does not parse is a 400; the wrong Content-Type is a 415.

import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
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

/** Reads the whole body (at most `limit` bytes). */
export const readBody = async (req: IncomingMessage, limit: number): Promise<Buffer> => {
  declaredLength(req, limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
};

export const parseJson = (raw: Buffer): unknown => {
  if (raw.length === 0)
    throw new HttpError(400, 'request.empty_body', 'the request body is empty', {
      hint: 'send a JSON document',
    });
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

/** Streams the body into `path`; returns its size and SHA-256. */
export const saveBody = async (
  req: IncomingMessage,
  path: string,
  limit: number,
): Promise<{ readonly bytes: number; readonly sha256: string }> => {
  declaredLength(req, limit);
  const hash = createHash('sha256');
  const out = createWriteStream(path, { flags: 'wx' });
  let bytes = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > limit) throw tooLarge(limit);
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
  } finally {
    await new Promise<void>((resolve) => out.end(() => resolve()));
  }
  return { bytes, sha256: hash.digest('hex') };
};
