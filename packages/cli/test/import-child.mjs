// A child process for the kill -9 trials: imports a CSV into a project's real DuckDB
// store through importFile, with a counting wrapper around the engine that announces
// each statement on stdout ("at N") before issuing it. With `stop=N pause` it stops
// before statement N and waits to be killed; with `stop=N run` it announces N and carries
// on, so the parent's SIGKILL lands while N runs. The points after the last statement
// are "commit done" (N = statements + 1) and "closed" (N = statements + 2).
// Plain JavaScript on the built packages, so each trial starts in a fraction of the time
// tsx takes. Usage: node import-child.mjs <projectDir> <csv> <stop> <pause|run>
import { openProject, storePath } from '@kpi/app';
import { openDuckDb } from '@kpi/engines';
import { ensureDatasetTables, importFile } from '@kpi/ingest';

const [dir, csv, stopText, mode] = process.argv.slice(2);
if (!dir || !csv || !stopText || (mode !== 'pause' && mode !== 'run')) {
  console.error('usage: import-child.mjs <projectDir> <csv> <stop> <pause|run>');
  process.exit(2);
}
const stop = Number(stopText);
let n = 0;

const point = async () => {
  n++;
  if (n !== stop) return;
  process.stdout.write(`at ${n}\n`);
  if (mode === 'pause') await new Promise(() => setInterval(() => undefined, 60_000));
};

/** The engine, announcing each statement first. @param {import('@kpi/engines').Engine} engine */
const counting = (engine) => ({
  dialect: engine.dialect,
  query: async (sql, params) => {
    await point();
    return engine.query(sql, params);
  },
  exec: async (sql, params) => {
    await point();
    return engine.exec(sql, params);
  },
  transaction: (fn) => engine.transaction(fn),
  exclusive: (fn) => engine.exclusive(fn),
  progress: () => engine.progress(),
  close: () => engine.close(),
});

const lp = openProject(dir);
const engine = await openDuckDb(storePath(dir));
const e = counting(engine);
await ensureDatasetTables(e, lp.project);
const summary = await importFile(e, lp.project, 'web_sessions', csv);
const statements = n;
await point(); // commit done
await engine.close();
await point(); // closed
process.stdout.write(`done ${statements} ${summary.inserted} ${summary.updated} ${summary.route}\n`);
