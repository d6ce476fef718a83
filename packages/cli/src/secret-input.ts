// Reading a password for a command: from stdin (--password-stdin), the KPI_PASSWORD
// environment variable, or a prompt that does not echo. IO.
// Invariant: a password never comes from a command-line argument (it would show in ps).
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { UsageError } from '@kpi/core';
import type { CliContext } from './cli-context.js';

const readStdin = async (): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
};

const prompt = (question: string, ctx: CliContext): Promise<string> =>
  new Promise((resolve) => {
    ctx.err(question);
    const mute = new Writable({ write: (_c, _e, cb) => cb() });
    const rl = createInterface({ input: process.stdin, output: mute, terminal: true });
    rl.question('', (answer) => {
      rl.close();
      ctx.err('\n');
      resolve(answer);
    });
  });

export const readPassword = async (ctx: CliContext, fromStdin: boolean): Promise<string> => {
  if (fromStdin) return readStdin();
  const env = ctx.env['KPI_PASSWORD'];
  if (env !== undefined && env !== '') return env;
  if (process.stdin.isTTY !== true)
    throw new UsageError(
      'cli.no_password',
      'no password given',
      'pipe it with --password-stdin, or set KPI_PASSWORD',
    );
  const first = await prompt('password (10 characters or more): ', ctx);
  const again = await prompt('again: ', ctx);
  if (first !== again) throw new UsageError('cli.password_mismatch', 'the two passwords differ');
  return first;
};
