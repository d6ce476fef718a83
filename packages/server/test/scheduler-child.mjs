// A child process for the kill -9 test of the scheduler: `kpi serve`'s startServer on a
// project folder, with the clock stopped at the instant given, the scheduler ticking
// every 100 ms and secrets from the environment. JSON log lines on stdout.
// Plain JavaScript on the built packages. Usage: node scheduler-child.mjs <projectDir> <instant>
import { fixedClock, loadSecrets, openProject } from '@kpi/app';
import { startServer } from '@kpi/server';

const [dir, at] = process.argv.slice(2);
if (!dir || !at) {
  console.error('usage: scheduler-child.mjs <projectDir> <instant>');
  process.exit(2);
}
const clock = fixedClock(at);
const server = await startServer({
  project: openProject(dir, { clock }),
  port: 0,
  clock,
  log: (line) => void process.stdout.write(line),
  scheduler: { secrets: loadSecrets({ env: process.env, projectDir: dir }), intervalMs: 100 },
});
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
