// Fault suite: 20 writers at once against a real `kpi serve` child — 15 pushing JSON or
// NDJSON batches with an Idempotency-Key (each also retrying its first batch with the
// same key) and 5 importing CSV files. Then every acknowledged write is in the store
// exactly once (each of its rows, by natural key, with its values), nothing of a refused
// write is half there, the import log has one row per write that was not a replay, and
// the server stayed up throughout.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { openDuckDb } from '@kpi/engines';
import { storePath } from '@kpi/app';
import { makeProject, serveChild, type ServeChild, type TestProject } from '../test/serve-child.js';

const WRITERS = 20;
const BATCHES = 5;
const ROWS = 40;

let p: TestProject;
let s: ServeChild;
before(async () => {
  p = await makeProject('kpi-writers-');
  s = await serveChild(p.dir);
});
after(async () => {
  await s?.stop();
  rmSync(p.root, { recursive: true, force: true });
});

interface Row {
  readonly date: string;
  readonly source: string;
  readonly sessions: number;
}

const batchRows = (w: number, b: number): Row[] =>
  Array.from({ length: ROWS }, (_, r) => ({
    date: new Date(Date.UTC(2025, 0, 1) + (b * ROWS + r) * 86_400_000).toISOString().slice(0, 10),
    source: `w${w}`,
    sessions: w * 10_000 + b * 100 + r,
  }));

interface Write {
  readonly writer: number;
  readonly batch: number;
  readonly status: number;
  readonly replayed: boolean;
}

const send = async (w: number, b: number, retry: boolean): Promise<Write> => {
  const rows = batchRows(w, b);
  const kind = w >= 15 ? 'csv' : w % 2 === 0 ? 'json' : 'ndjson';
  const body =
    kind === 'csv'
      ? `Date,Source,Sessions\n${rows.map((r) => `${r.date},${r.source},${r.sessions}`).join('\n')}\n`
      : kind === 'json'
        ? JSON.stringify(rows)
        : rows.map((r) => JSON.stringify(r)).join('\n');
  const res = await fetch(
    `${s.url}/api/datasets/web_sessions/${kind === 'csv' ? `import?filename=w${w}-${b}.csv` : 'rows'}`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${kind === 'csv' ? p.admin : p.push}`,
        'content-type':
          kind === 'csv' ? 'text/csv' : kind === 'json' ? 'application/json' : 'application/x-ndjson',
        ...(kind === 'csv' ? {} : { 'idempotency-key': `w${w}-b${b}` }),
      },
      body,
    },
  );
  const answer = (await res.json()) as { replayed?: boolean; inserted?: number; error?: { code: string } };
  if (res.status === 201 && !retry) assert.equal(answer.inserted, ROWS, JSON.stringify(answer));
  if (res.status !== 201)
    assert.ok(res.status >= 400 && res.status < 500, `${res.status} ${JSON.stringify(answer)}`);
  return { writer: w, batch: b, status: res.status, replayed: answer.replayed === true };
};

test(`${WRITERS} concurrent writers: every acknowledged write stored exactly once, none half`, async () => {
  const writer = async (w: number): Promise<Write[]> => {
    const out: Write[] = [];
    for (let b = 0; b < BATCHES; b++) {
      out.push(await send(w, b, false));
      if (b === 0 && w < 15) out.push(await send(w, 0, true)); // the same key again
    }
    return out;
  };
  const writes = (await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)))).flat();
  const health = await fetch(`${s.url}/api/health`);
  assert.equal(health.status, 200, 'the server is up');
  assert.equal(s.exited(), undefined);
  const acked = writes.filter((x) => x.status === 201);
  const replays = acked.filter((x) => x.replayed);
  assert.equal(replays.length, 15, 'every retry with the same key answered from the first');
  await s.stop();

  const engine = await openDuckDb(storePath(p.dir));
  try {
    const stored = await engine.query(
      `SELECT source, CAST(date AS VARCHAR) AS date, sessions, count(*) OVER (PARTITION BY source, date) AS copies
       FROM web_sessions WHERE source LIKE 'w%'`,
    );
    const byKey = new Map(stored.rows.map((r) => [`${String(r['source'])}|${String(r['date'])}`, r]));
    for (const r of stored.rows) assert.equal(Number(r['copies']), 1, JSON.stringify(r));
    const ackedBatches = new Set(acked.map((x) => `${x.writer}/${x.batch}`));
    let expected = 0;
    for (let w = 0; w < WRITERS; w++)
      for (let b = 0; b < BATCHES; b++) {
        const present = batchRows(w, b).filter(
          (r) => byKey.get(`${r.source}|${r.date}`)?.['sessions'] === r.sessions,
        );
        if (ackedBatches.has(`${w}/${b}`)) {
          assert.equal(
            present.length,
            ROWS,
            `acknowledged batch ${w}/${b}: ${present.length} of ${ROWS} rows`,
          );
          expected += ROWS;
        } else assert.equal(present.length, 0, `refused batch ${w}/${b} is partly there`);
      }
    assert.equal(stored.rows.length, expected);
    const log = await engine.query(
      `SELECT count(*) AS n FROM _kpi_imports WHERE dataset = 'web_sessions' AND rows_read = ${ROWS}`,
    );
    assert.equal(Number(log.rows[0]?.['n']), acked.length - replays.length);
    console.log(
      `# concurrent writers: ${WRITERS} writers, ${writes.length} requests, ${acked.length - replays.length} writes acknowledged + ${replays.length} replays, ${expected} rows each stored once`,
    );
  } finally {
    await engine.close();
  }
});
