// Serves the built web app (index.html + assets/) from a folder: path-safe lookups, SPA
// fallback, long caching for hashed assets, gzip, and the app's Content-Security-Policy.
// IO. Invariants: a request can only ever read a regular file inside the web root (no
// "..", no NUL, no backslash, no symlink out, no directory listing); paths without an
// extension that match no file answer index.html (client-side routes); a file is read
// and gzipped once per version on disk and kept in memory (hashed assets are never re-read).

import { gzipSync } from 'node:zlib';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { IoError } from '@kpi/core';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Types worth compressing (fonts and PNGs are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.map', '.txt', '.ico']);

export const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': APP_CSP,
};

interface CachedFile {
  readonly real: string;
  /** size:mtime when read; files outside assets/ are re-checked (a rebuild replaces index.html). */
  readonly stamp: string;
  readonly type: string;
  readonly raw: Buffer;
  readonly gzip: Buffer | undefined;
  readonly immutable: boolean;
}

export interface StaticFiles {
  /** Answers the request and returns its status, or undefined when the path is not the app's. */
  serve(req: IncomingMessage, res: ServerResponse, pathname: string): number | undefined;
}

/** The file path under `root` for a URL path, or undefined when the path is unsafe. */
export const safeRelativePath = (pathname: string): string | undefined => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) return undefined;
  const parts = decoded.split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '..' || p === '.' || p.startsWith('.'))) return undefined;
  return parts.join('/');
};

const stampOf = (path: string): string => {
  try {
    const st = statSync(path);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return '';
  }
};

const acceptsGzip = (req: IncomingMessage): boolean => {
  const ae = req.headers['accept-encoding'];
  const value = Array.isArray(ae) ? ae.join(',') : (ae ?? '');
  return value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .some((s) => (s === 'gzip' || s.startsWith('gzip;')) && !/;\s*q=0(\.0*)?$/.test(s));
};

const rootOf = (webRoot: string): string => {
  try {
    const root = realpathSync(webRoot);
    if (statSync(join(root, 'index.html')).isFile()) return root;
  } catch {
    // reported below
  }
  throw new IoError('web.not_built', `${webRoot} does not hold a built web app (no index.html)`, {
    hint: 'run `npm run build`, or serve the API alone',
  });
};

export const staticFiles = (webRoot: string): StaticFiles => {
  const root = rootOf(webRoot);
  const cache = new Map<string, CachedFile>();

  /** The file at `rel` (relative, already safe), or null when it is not a regular file inside root. */
  const load = (rel: string): CachedFile | null => {
    const hit = cache.get(rel);
    if (hit && (hit.immutable || stampOf(hit.real) === hit.stamp)) return hit;
    let file: CachedFile | null = null;
    try {
      const real = realpathSync(join(root, rel));
      const st = statSync(real);
      if (real.startsWith(root + sep) && st.isFile()) {
        const ext = extname(real).toLowerCase();
        const raw = readFileSync(real);
        const gz = COMPRESSIBLE.has(ext) && raw.length > 256 ? gzipSync(raw, { level: 9 }) : undefined;
        file = {
          real,
          stamp: `${st.size}:${st.mtimeMs}`,
          type: TYPES[ext] ?? 'application/octet-stream',
          raw,
          gzip: gz !== undefined && gz.length < raw.length ? gz : undefined,
          immutable: rel.startsWith('assets/'),
        };
      }
    } catch {
      file = null;
    }
    // Misses are not remembered (a rebuild may add files); the table stays bounded.
    if (file && (cache.size < 2000 || cache.has(rel))) cache.set(rel, file);
    return file;
  };

  const send = (req: IncomingMessage, res: ServerResponse, f: CachedFile, status = 200): number => {
    const gzip = f.gzip !== undefined && acceptsGzip(req);
    const body = gzip && f.gzip ? f.gzip : f.raw;
    res.writeHead(status, {
      ...BASE_HEADERS,
      'content-type': f.type,
      'content-length': String(body.length),
      'cache-control': f.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'Accept-Encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return status;
  };

  const notFound = (req: IncomingMessage, res: ServerResponse): number => {
    const text = 'not found\n';
    res.writeHead(404, {
      ...BASE_HEADERS,
      'content-type': 'text/plain; charset=utf-8',
      'content-length': String(text.length),
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : text);
    return 404;
  };

  return {
    serve(req, res, pathname) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
      if (pathname === '/api' || pathname.startsWith('/api/')) return undefined;
      const rel = safeRelativePath(pathname);
      if (rel === undefined) return notFound(req, res);
      const file = rel === '' ? null : load(rel);
      if (file) return send(req, res, file);
      // Client-side routes (/goals/x, /kpis/y/edit) have no extension: the app answers them.
      const last = rel.split('/').pop() ?? '';
      if (extname(last) !== '') return notFound(req, res);
      const index = load('index.html');
      return index ? send(req, res, index) : notFound(req, res);
    },
  };
};
