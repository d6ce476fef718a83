// Replacing a file so that a crash leaves either the old or the new content: the new text
// goes to `<file>.<pid>.tmp`, is fsynced, renamed over the file, and the folder is fsynced.
// IO. Invariants: the temp file is removed on every failure path; a full disk (ENOSPC,
// EDQUOT) becomes an IoError `io.no_space` naming the folder; stale temp files of dead
// processes are found by their pid. `pauseForTest` is inert unless KPI_TEST_EDIT_PAUSE
// names the step (the kill -9 trials use it to stop the writer at a known step).

import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { IoError } from '@kpi/core';

const NO_SPACE = new Set(['ENOSPC', 'EDQUOT']);

const errnoOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;

/** True for an error that says the device (or the user's quota) is full. */
export const isNoSpace = (e: unknown): boolean => {
  const code = errnoOf(e);
  if (code !== undefined && NO_SPACE.has(code)) return true;
  // DuckDB reports a full disk in its message only.
  return e instanceof Error && /no space left on device|disk quota exceeded/i.test(e.message);
};

export const noSpaceError = (dir: string, cause: unknown): IoError =>
  new IoError('io.no_space', `no space left on the device holding ${dir}; free space and retry`, {
    cause,
    hint: 'nothing was changed; free some space on that disk (or raise the quota) and send the change again',
    details: { dir },
  });

/** The temp file a process writes next to `path` before renaming it into place. */
export const tempPathOf = (path: string, pid = process.pid): string => `${path}.${pid}.tmp`;

const fsyncPath = (path: string, flags: string): void => {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};

/** Makes a rename or unlink in `dir` durable (a no-op where folders cannot be fsynced). */
export const fsyncDir = (dir: string): void => {
  try {
    fsyncPath(dir, 'r');
  } catch (e) {
    if (!['EISDIR', 'EINVAL', 'EPERM', 'EBADF'].includes(errnoOf(e) ?? '')) throw e;
  }
};

/** Stops the process at `step` when KPI_TEST_EDIT_PAUSE names it (tests only). */
export const pauseForTest = (step: string): void => {
  if (process.env['KPI_TEST_EDIT_PAUSE'] !== step) return;
  writeSync(2, `kpi-edit-paused:${step}\n`);
  // Blocks this thread for good: the test kills the process here.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
};

/** Writes `text` to `path`'s temp file and fsyncs it; removes the temp file when that fails. */
export const writeTempFile = (path: string, text: string | Uint8Array): string => {
  const tmp = tempPathOf(path);
  try {
    const fd = openSync(tmp, 'w', 0o644);
    try {
      const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
      for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return tmp;
  } catch (e) {
    rmSync(tmp, { force: true });
    if (isNoSpace(e)) throw noSpaceError(dirname(path), e);
    throw new IoError('io.write_failed', `cannot write ${path}: ${(e as Error).message}`, { cause: e });
  }
};

/** Renames the temp file over `path` and fsyncs the folder; removes the temp file on failure. */
export const renameIntoPlace = (tmp: string, path: string): void => {
  try {
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new IoError('io.write_failed', `cannot replace ${path}: ${(e as Error).message}`, { cause: e });
  }
  fsyncDir(dirname(path));
};

/** Replaces `path` with `text` durably (temp file, fsync, rename, fsync of the folder). */
export const replaceFileDurably = (
  path: string,
  text: string | Uint8Array,
  step: (s: string) => void = () => {},
): void => {
  const tmp = writeTempFile(path, text);
  step('temp-written');
  renameIntoPlace(tmp, path);
};

const alive = (pid: number): boolean => {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoOf(e) === 'EPERM';
  }
};

const TEMP = /^(.+)\.(\d+)\.tmp$/;

/**
 * Removes `<name>.<pid>.tmp` files in `dirs` (into subfolders when `deep`) left by
 * processes that are no longer running (or by this process: call it only while no write
 * of these folders runs). `keep` limits it to temp files of the names it accepts (the
 * name without `.<pid>.tmp`). Returns the removed paths.
 */
export const sweepStaleTemps = (
  dirs: readonly { readonly dir: string; readonly deep: boolean }[],
  keep: (name: string) => boolean,
): string[] => {
  const removed: string[] = [];
  const walk = (dir: string, deep: boolean): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const p = join(dir, name);
      const m = TEMP.exec(name);
      if (m?.[1] !== undefined && m[2] !== undefined && keep(m[1]) && !alive(Number(m[2]))) {
        try {
          rmSync(p, { force: true });
          removed.push(p);
        } catch {
          // Left for the next sweep (e.g. a read-only folder).
        }
      } else if (!m && deep) {
        try {
          if (statSync(p).isDirectory()) walk(p, deep);
        } catch {
          // Vanished while listing.
        }
      }
    }
  };
  for (const d of dirs) walk(d.dir, d.deep);
  return removed;
};
