// Who is recording a review from the terminal: --author, else git's user.name, else $USER.
// IO (runs git). Invariant: never empty; "unknown" when nothing is configured.

import { spawnSync } from 'node:child_process';
import type { CliContext } from './cli-context.js';

export const authorName = (ctx: CliContext, explicit: string | undefined): string => {
  if (explicit !== undefined && explicit.trim() !== '') return explicit.trim();
  const git = spawnSync('git', ['config', 'user.name'], {
    cwd: ctx.cwd,
    encoding: 'utf8',
    env: { ...ctx.env },
  });
  const name = git.status === 0 ? git.stdout.trim() : '';
  if (name !== '') return name;
  return ctx.env['USER']?.trim() || 'unknown';
};
