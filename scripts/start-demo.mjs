#!/usr/bin/env node
// `npm start` (after `npm run build`): (re)creates the demo project in ./demo, prints a
// short scorecard, creates two demo users with fresh random passwords, and serves the web
// app and the API in the foreground until Ctrl-C.
// Runs the real `kpi` command, exactly as a user would. Passwords travel in KPI_PASSWORD
// (never in argv, so `ps` does not show them). Port: PORT, default 8787.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'packages/cli/bin/kpi.js');
const demo = join(root, 'demo');
const host = '127.0.0.1';

const fail = (message) => {
  console.error(`\n${message}`);
  process.exit(1);
};

const kpi = (args, { cwd = root, env = {}, capture = false } = {}) => {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
  return r.stdout;
};

const portText = process.env.PORT ?? '8787';
const port = Number(portText);
if (!/^\d+$/.test(portText) || port < 1 || port > 65535)
  fail(`PORT=${portText} is not a port number (1-65535); try PORT=8788 npm start`);

/** Resolves when nothing listens on the port yet (checked first, so a busy port fails fast). */
const portFree = () =>
  new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (e) => resolve(e.code !== 'EADDRINUSE'));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
if (!(await portFree()))
  fail(
    `Port ${port} is already in use (is another kpi serve, or npm start, still running?).\n` +
      `Stop it, or pick another port: PORT=${port + 1} npm start`,
  );

kpi(['init', demo, '--demo', ...(existsSync(join(demo, 'kpi.yaml')) ? ['--force'] : [])]);

// A short scorecard: one line per goal and per KPI (the full view: cd demo && npx kpi status).
const card = JSON.parse(kpi(['status', '--json'], { cwd: demo, capture: true }));
const STATUS = { on_track: '● on track', at_risk: '▲ at risk', off_track: '✖ off track' };
console.log(`\nThe scorecard as of ${card.asOf}:`);
for (const g of card.goals) {
  const counts = Object.entries(g.statusCounts)
    .map(([s, n]) => `${n} ${s.replace(/_/g, ' ')}`)
    .join(', ');
  console.log(`\n  ${g.title} (${counts})`);
  for (const k of g.kpis) {
    const status = (STATUS[k.status] ?? k.status.replace(/_/g, ' ')).padEnd(12);
    const first = String(k.sentence ?? '').split(/;|\. /)[0];
    console.log(`    ${status} ${first}`);
  }
}

const password = () => `${randomBytes(6).toString('hex')}-${randomBytes(6).toString('hex')}`;
const adminPassword = password();
const viewerPassword = password();
const addUser = (email, role, name, secret) =>
  kpi(['user', 'add', email, '--role', role, '--name', name], { cwd: demo, env: { KPI_PASSWORD: secret } });
addUser('admin@demo.local', 'admin', 'Demo Admin', adminPassword);
addUser('viewer@demo.local', 'viewer', 'Demo Viewer', viewerPassword);

const url = `http://${host}:${port}`;
const rule = '─'.repeat(72);
console.log(`
${rule}
  The demo is served at ${url}

  Sign in as admin@demo.local with password ${adminPassword}
    (editor rights: edit goals, KPIs, import)
  or viewer@demo.local / ${viewerPassword} (read only)

  The passwords are new each time npm start runs. Ctrl-C stops the server.
  The demo project is in ${demo} (try: cd demo && npx kpi check).
  The server's request log (JSON lines) goes to ${join(demo, '.kpi', 'serve.log')}.
${rule}
`);

// Foreground: Ctrl-C reaches both processes (one terminal process group); this one waits
// for kpi serve to finish its graceful stop, then exits with its code.
// The JSON request log (stdout) goes to a file so this terminal keeps the sign-in block
// readable; what a person needs (address, warnings) comes on stderr.
mkdirSync(join(demo, '.kpi'), { recursive: true });
const log = openSync(join(demo, '.kpi', 'serve.log'), 'a');
const server = spawn(process.execPath, [bin, 'serve', '--port', String(port), '--host', host], {
  cwd: demo,
  stdio: ['inherit', log, 'inherit'],
});
const forward = (signal) => () => {
  if (server.exitCode === null) server.kill(signal);
};
process.on('SIGINT', () => undefined);
process.on('SIGTERM', forward('SIGTERM'));
server.on('exit', (code, signal) => {
  if (code !== 0 && signal === null)
    console.error(
      `\nkpi serve stopped (exit ${code}). If port ${port} is busy, pick another: PORT=${port + 1} npm start`,
    );
  process.exit(code ?? 0);
});
