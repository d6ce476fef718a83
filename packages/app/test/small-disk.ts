// Test helper: a real small file system (tmpfs) mounted on a temp folder, to fill it up
// and see how a write fails on a full disk. Needs root; otherwise `mountSmallDisk` says why
// it cannot, and the caller skips with that reason.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, rmdirSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  readonly dir: string;
  /** Writes a filler file until the disk says ENOSPC. */
  fill(): void;
  /** Removes the filler file. */
  free(): void;
  unmount(): void;
}

/** Mounts a tmpfs of `size` (e.g. "24m"), or returns the reason it cannot. */
export const mountSmallDisk = (size: string): SmallDisk | string => {
  if (process.getuid?.() !== 0) return 'not running as root: cannot mount a small tmpfs to fill';
  const dir = mkdtempSync(join(tmpdir(), 'kpi-small-disk-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmdirSync(dir);
    return `mount -t tmpfs failed (${(r.stderr || r.error?.message || '').trim()}): no small disk to fill`;
  }
  const filler = join(dir, 'filler.bin');
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      }
      // Fill the last partial block too.
      try {
        for (;;) writeSync(fd, chunk, 0, 1);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount() {
      // A lazy unmount when something still holds a file there (the disk goes once released).
      if (spawnSync('umount', [dir]).status !== 0) spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
