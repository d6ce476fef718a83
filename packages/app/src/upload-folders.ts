// Temporary upload folders: one private folder (mode 0700) per upload, named so that a
// later kpi process can tell whose it is and when it was made, and a sweep that removes
// the ones a crashed or killed process left behind. IO.
// Invariants: a folder is named `kpi-upload-<pid>-<created ms>-<random>`; the sweep only
// touches real folders (never symbolic links) with that prefix; it removes a folder when
// its process is gone, or when it is older than `maxAgeMs` and not this process's own
// (a live upload of this process is removed by the request that made it); folders of
// older kpi versions (no pid in the name) go by their age; a folder it cannot inspect or
// remove is left alone.

import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';

export const UPLOAD_PREFIX = 'kpi-upload-';
/** Uploads are short-lived (a request, then its import): older ones are stale. */
export const STALE_UPLOAD_MS = 2 * 3600 * 1000;

const NAME = /^kpi-upload-(\d+)-(\d+)-/;

/** Creates a fresh private upload folder under `tmpDir`; returns its path. */
export const makeUploadFolder = async (tmpDir: string, now: number): Promise<string> => {
  const dir = await mkdtemp(join(tmpDir, `${UPLOAD_PREFIX}${process.pid}-${now}-`));
  await chmod(dir, 0o700);
  return dir;
};

/** True when a process with this id runs (one we may not signal counts as running). */
export const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export interface SweepOptions {
  /** Milliseconds since the epoch, from the caller's clock. */
  readonly now: number;
  readonly maxAgeMs?: number;
  readonly alive?: (pid: number) => boolean;
  readonly ownPid?: number;
}

/** Folders of kpi versions before the pid was in the name: judged by their age alone. */
const LEGACY = /^kpi-upload-[A-Za-z0-9]{6}$/;

const stale = (name: string, path: string, o: SweepOptions): boolean => {
  const maxAge = o.maxAgeMs ?? STALE_UPLOAD_MS;
  if (LEGACY.test(name)) return o.now - lstatSync(path).mtimeMs > maxAge;
  const m = NAME.exec(name);
  if (!m) return false;
  const pid = Number(m[1]);
  const created = Number(m[2]);
  if (pid === (o.ownPid ?? process.pid)) return false;
  if (!(o.alive ?? processAlive)(pid)) return true;
  return o.now - created > maxAge;
};

/** Removes the stale upload folders under `tmpDir`; returns the names removed. */
export const sweepStaleUploads = (tmpDir: string, o: SweepOptions): string[] => {
  let names: string[];
  try {
    names = readdirSync(tmpDir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(UPLOAD_PREFIX)) continue;
    const path = join(tmpDir, name);
    try {
      if (!lstatSync(path).isDirectory() || !stale(name, path, o)) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // another user's folder, or gone already: not ours to worry about
    }
  }
  return removed;
};
