// Child process for the killed-import test: imports a file into a database and writes a
// marker file once the load has started, then keeps going until killed (or done).
// usage: node kill-child.mjs <db> <csv> <marker> <project-json>
import { writeFileSync } from 'node:fs';
import { openDuckDb } from '@kpi/engines';
import { importFile } from '@kpi/ingest';

const [db, csv, marker, projectJson] = process.argv.slice(2);
const engine = await openDuckDb(db, { threads: 1 });
let marked = false;
await importFile(engine, JSON.parse(projectJson), 'ads', csv, {
  onProgress: (_fraction, phase) => {
    if (!marked && (phase === 'loading' || phase === 'reading')) {
      marked = true;
      writeFileSync(marker, phase);
    }
  },
});
await engine.close();
writeFileSync(`${marker}.done`, 'done');
