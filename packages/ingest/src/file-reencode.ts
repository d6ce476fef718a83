// Rewrites an import file that DuckDB's reader cannot take as it is — UTF-16 text (with or
// without a BOM) or CR-only / mixed line endings — into a temporary UTF-8 file with LF
// line endings. IO. Invariants: the copy has the same records and the same line count as
// the original (CRLF and CR each become one LF), so line numbers in messages stay right;
// the caller removes the copy (`cleanup`) whatever happens.

import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { IoError } from '@kpi/core';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The encoding of a file from its first bytes: a BOM, or UTF-16's zero bytes in ASCII text. */
export const detectEncoding = (head: Buffer): TextEncoding => {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // No BOM: ASCII text in UTF-16 has a zero byte in every other position.
  const n = Math.min(head.length, 200) & ~1;
  if (n >= 4) {
    let evenZero = 0;
    let oddZero = 0;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) evenZero++;
      if (head[i + 1] === 0) oddZero++;
    }
    const pairs = n / 2;
    if (oddZero >= pairs * 0.9 && evenZero === 0) return 'utf-16le';
    if (evenZero >= pairs * 0.9 && oddZero === 0) return 'utf-16be';
  }
  return 'utf-8';
};

/** Decodes a head of bytes (it may end inside a character), without the BOM. */
export const decodeHead = (buf: Buffer, encoding: TextEncoding): string =>
  new TextDecoder(encoding).decode(buf).replace(/^\uFEFF/, '');

/** 'cr' when records end in a bare CR, 'mixed' when CR, CRLF and LF are mixed, else undefined. */
export const oddLineEndings = (text: string): 'cr' | 'mixed' | undefined => {
  const bareCr = /\r(?!\n)/.test(text.endsWith('\r') ? text.slice(0, -1) : text);
  const crlf = text.includes('\r\n');
  const bareLf = /(^|[^\r])\n/.test(text);
  if (bareCr && !crlf && !bareLf) return 'cr';
  if (bareCr || (crlf && bareLf)) return 'mixed';
  return undefined;
};

export interface Reencoded {
  /** The UTF-8, LF-only copy to read. */
  readonly readPath: string;
  readonly cleanup: () => void;
}

/** Writes the UTF-8 / LF copy of `path` into a new temporary folder. */
export const reencodeFile = async (path: string, encoding: TextEncoding): Promise<Reencoded> => {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-reencode-'));
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });
  const readPath = join(dir, 'import.csv');
  try {
    const decoder = new TextDecoder(encoding);
    const out = createWriteStream(readPath);
    let first = true;
    let pendingCr = false;
    const write = async (s: string): Promise<void> => {
      if (!out.write(s)) await once(out, 'drain');
    };
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      let text = decoder.decode(chunk, { stream: true });
      if (first) {
        text = text.replace(/^\uFEFF/, '');
        first = false;
      }
      // A CR at the end of a chunk may be the first half of a CRLF split across chunks.
      if (pendingCr) text = `\r${text}`;
      pendingCr = text.endsWith('\r');
      if (pendingCr) text = text.slice(0, -1);
      await write(text.replace(/\r\n?/g, '\n'));
    }
    await write(`${decoder.decode()}${pendingCr ? '\n' : ''}`.replace(/\r\n?/g, '\n'));
    out.end();
    await once(out, 'finish');
    return { readPath, cleanup };
  } catch (e) {
    cleanup();
    throw new IoError('import.file.unreadable', `cannot read ${path}: ${(e as Error).message}`, {
      cause: e,
      details: { path },
    });
  }
};
