// Opens an import file: checks it exists, is readable and not too large, guesses its
// format and encoding (UTF-8, or UTF-16 with or without a BOM) and returns its first bytes
// as text (BOM removed), with the kind of line endings when they are unusual. IO.
// Invariant: every failure names the path; nothing here touches the database.

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { IoError, UsageError } from '@kpi/core';
import type { ImportFormat } from './import-types.js';
import { decodeHead, detectEncoding, oddLineEndings, type TextEncoding } from './file-reencode.js';

export const HEAD_BYTES = 256 * 1024;

export interface FileHead {
  readonly path: string;
  /** The file DuckDB reads: `path`, or its UTF-8 / LF copy (see file-reencode.ts). */
  readonly readPath: string;
  readonly size: number;
  readonly format: ImportFormat;
  /** The first HEAD_BYTES decoded, without a BOM. */
  readonly text: string;
  readonly encoding: TextEncoding;
  /** CR-only or mixed line endings (the file is then read through a LF copy). */
  readonly lineEndings: 'cr' | 'mixed' | undefined;
  /** True when `text` is the whole file. */
  readonly complete: boolean;
}

const FORMATS: Readonly<Record<string, ImportFormat>> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.tab': 'csv',
  '.txt': 'csv',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.json': 'json',
};

export const formatFromExtension = (path: string): ImportFormat | undefined =>
  FORMATS[extname(path).toLowerCase()];

const sizeText = (n: number): string => `${(n / 1024 ** 2).toFixed(1)} MB`;

export const readFileHead = (path: string, format: ImportFormat | undefined, maxBytes: number): FileHead => {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new IoError('import.file.is_directory', `${path} is a folder, not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof IoError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new IoError(
      code === 'ENOENT' ? 'import.file.not_found' : 'import.file.unreadable',
      code === 'ENOENT' ? `file not found: ${path}` : `cannot read ${path}: ${(e as Error).message}`,
      { cause: e, details: { path } },
    );
  }
  if (size > maxBytes) {
    throw new UsageError(
      'import.file.too_large',
      `${path} is ${sizeText(size)}, above the import limit of ${sizeText(maxBytes)}`,
      'split the file, or raise the limit (maxFileBytes)',
      { path, size, maxBytes },
    );
  }
  const fmt = format ?? formatFromExtension(path);
  if (fmt === undefined) {
    throw new UsageError(
      'import.file.unknown_format',
      `cannot tell the format of ${path} from its extension`,
      'name it .csv, .tsv, .ndjson or .json, or pass the format (csv, ndjson or json)',
      { path },
    );
  }
  const buf = Buffer.alloc(Math.min(size, HEAD_BYTES));
  try {
    const fd = openSync(path, 'r');
    try {
      readSync(fd, buf, 0, buf.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    throw new IoError('import.file.unreadable', `cannot read ${path}: ${(e as Error).message}`, {
      cause: e,
      details: { path },
    });
  }
  const encoding = detectEncoding(buf);
  const text = decodeHead(buf, encoding);
  const lineEndings = fmt === 'csv' ? oddLineEndings(text) : undefined;
  return {
    path,
    readPath: path,
    size,
    format: fmt,
    text,
    complete: size <= HEAD_BYTES,
    encoding,
    lineEndings,
  };
};
