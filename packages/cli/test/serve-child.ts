// Test helpers for the process-level fault suite: a starter project with data, an admin
// and a push token (set up through the app's use-cases), and a real `kpi serve` child on a
// free port, so a crash shows as the child's exit instead of killing the test runner.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addUser, createToken, importDataset, initProject, openProject } from '@kpi/app';

export const BIN = new URL('../bin/kpi.js', import.meta.url).pathname;

export const SESSIONS_CSV = `Date,Source,Sessions,Conversions
2026-01-05,google,100,3
2026-01-05,newsletter,40,2
2026-01-06,google,120,4
`;

export interface TestProject {
  readonly root: string;
  readonly dir: string;
  /** A push token for web_sessions, and a full admin token. */
  readonly push: string;
  readonly admin: string;
}

/** The starter project in `root/p` (or `dir` when given), with a few rows imported. */
export const makeProject = async (prefix: string, dir?: string): Promise<TestProject> => {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const p = dir ?? join(root, 'p');
  await initProject({ dir: p, name: 'Faults', timezone: 'UTC', currency: 'EUR' });
  writeFileSync(join(root, 'sessions.csv'), SESSIONS_CSV);
  const lp = openProject(p);
  await importDataset(lp, 'web_sessions', join(root, 'sessions.csv'));
  await addUser(lp, { email: 'admin@example.com', password: 'correct horse battery staple', role: 'admin' });
  const admin = (await createToken(lp, 'admin@example.com', { name: 'admin' })).token;
  const push = (
    await createToken(lp, 'admin@example.com', { name: 'pusher', access: 'push', datasets: ['web_sessions'] })
  ).token;
  return { root, dir: p, push, admin };
};

export interface ServeChild {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything the child wrote to stderr so far. */
  err(): string;
  /** The exit status once it has exited: code, or the signal's name. */
  exited(): string | undefined;
  /** Resolves with the exit status when the child exits. */
  whenExited(): Promise<string>;
  stop(): Promise<void>;
}

/** Starts `kpi serve --no-web --port 0` in `dir`; resolves once it prints its address. */
export const serveChild = (dir: string, args: readonly string[] = []): Promise<ServeChild> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--no-web', '--port', '0', ...args], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let err = '';
    let exit: string | undefined;
    let ready = false;
    const gone = new Promise<string>((done) =>
      child.once('exit', (code, signal) => done(signal ?? String(code))),
    );
    child.stdout.resume();
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m?.[1] && !ready) {
        ready = true;
        const url = m[1];
        resolve({
          child,
          url,
          err: () => err,
          exited: () => exit,
          whenExited: () => gone,
          stop: () =>
            new Promise<void>((done) => {
              if (exit !== undefined) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.on('exit', (code, signal) => {
      exit = signal ?? String(code);
      if (!ready) reject(new Error(`kpi serve exited with ${exit}: ${err}`));
    });
  });
