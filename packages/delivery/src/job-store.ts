// The jobs table, the delivery log, the schedule cursors and the alert states, in the
// project's store. IO. Invariants: a job's key (kind:name:scheduled time:channel) is its
// primary key, so enqueueing the same run twice — a restart, a second scheduler — adds
// nothing; a job is claimed with a lease (owner + until), and only an expired lease can
// be claimed again, so a process killed mid-delivery hands its job to the next one, and
// only the lease holder may complete it; instants are ISO strings in UTC (they sort).

import type { Engine, SqlValue } from '@kpi/engines';

const DDL = [
  `CREATE TABLE IF NOT EXISTS _kpi_jobs (key VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, name VARCHAR NOT NULL,
     channel VARCHAR NOT NULL, scheduled_for VARCHAR NOT NULL, payload VARCHAR NOT NULL, status VARCHAR NOT NULL,
     attempts INTEGER NOT NULL, lease_owner VARCHAR, lease_until VARCHAR, not_before VARCHAR NOT NULL,
     last_error VARCHAR, created_at VARCHAR NOT NULL, done_at VARCHAR)`,
  `CREATE SEQUENCE IF NOT EXISTS _kpi_deliveries_seq`,
  `CREATE TABLE IF NOT EXISTS _kpi_deliveries (id BIGINT PRIMARY KEY DEFAULT nextval('_kpi_deliveries_seq'),
     logged_at VARCHAR NOT NULL, kind VARCHAR NOT NULL, name VARCHAR NOT NULL, channel VARCHAR, job_key VARCHAR,
     outcome VARCHAR NOT NULL, attempt INTEGER, late BOOLEAN NOT NULL, scheduled_for VARCHAR, detail VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS _kpi_schedule_cursors (name VARCHAR PRIMARY KEY, through_at VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS _kpi_alert_states (alert VARCHAR PRIMARY KEY, state VARCHAR NOT NULL,
     snoozed_until VARCHAR, updated_at VARCHAR NOT NULL)`,
];

const ready = new WeakMap<Engine, Promise<void>>();

export const ensureDeliveryTables = (engine: Engine): Promise<void> => {
  let p = ready.get(engine);
  if (!p) {
    p = engine.exclusive(async () => {
      for (const sql of DDL) await engine.exec(sql);
    });
    ready.set(engine, p);
    p.catch(() => ready.delete(engine));
  }
  return p;
};

export type JobKind = 'report' | 'alert' | 'test';
export type JobStatus = 'pending' | 'running' | 'sent' | 'failed';

export interface NewJob {
  readonly kind: JobKind;
  readonly name: string;
  readonly channel: string;
  /** The run's scheduled time (reports) or the check time (alerts), ISO. */
  readonly scheduledFor: string;
  /** What the message is built from (JSON text). */
  readonly payload: string;
  /** Tells apart several messages of one name and time (an alert's event kind). */
  readonly variant?: string;
}

export interface Job extends NewJob {
  readonly key: string;
  readonly status: JobStatus;
  readonly attempts: number;
  readonly leaseOwner: string | null;
  readonly leaseUntil: string | null;
  readonly lastError: string | null;
}

/** The idempotent delivery key: the same run of the same thing to the same channel. */
export const jobKey = (j: NewJob): string =>
  [j.kind, j.name, j.variant ?? '', j.scheduledFor, j.channel].join('|');

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

const jobOf = (r: Record<string, unknown>): Job => ({
  key: String(r['key']),
  kind: String(r['kind']) as JobKind,
  name: String(r['name']),
  channel: String(r['channel']),
  scheduledFor: String(r['scheduled_for']),
  payload: String(r['payload']),
  status: String(r['status']) as JobStatus,
  attempts: Number(r['attempts']),
  leaseOwner: str(r['lease_owner']),
  leaseUntil: str(r['lease_until']),
  lastError: str(r['last_error']),
});

/** Adds the job unless its key exists; true when it was added. */
export const enqueueJob = async (engine: Engine, job: NewJob, now: Date): Promise<boolean> => {
  const key = jobKey(job);
  const r = await engine.query(
    `INSERT INTO _kpi_jobs (key, kind, name, channel, scheduled_for, payload, status, attempts, not_before, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7, $7) ON CONFLICT DO NOTHING RETURNING key`,
    [key, job.kind, job.name, job.channel, job.scheduledFor, job.payload, now.toISOString()],
  );
  return r.rows.length > 0;
};

/**
 * Claims up to `limit` jobs that are due: pending (and past their retry wait) or running
 * under an expired lease. Each claim is one conditional UPDATE, so two claimers never
 * both get a job.
 */
export const claimJobs = async (
  engine: Engine,
  opts: { readonly owner: string; readonly now: Date; readonly leaseMs: number; readonly limit?: number },
): Promise<Job[]> => {
  const now = opts.now.toISOString();
  const until = new Date(opts.now.getTime() + opts.leaseMs).toISOString();
  const due = `((status = 'pending' AND not_before <= $1) OR (status = 'running' AND lease_until < $1))`;
  const candidates = await engine.query(
    `SELECT key FROM _kpi_jobs WHERE ${due} ORDER BY scheduled_for, key LIMIT $2`,
    [now, opts.limit ?? 20],
  );
  const out: Job[] = [];
  for (const c of candidates.rows) {
    const r = await engine.query(
      `UPDATE _kpi_jobs SET status = 'running', attempts = attempts + 1, lease_owner = $2, lease_until = $3
       WHERE key = $4 AND ${due} RETURNING *`,
      [now, opts.owner, until, String(c['key'])],
    );
    const row = r.rows[0];
    if (row) out.push(jobOf(row));
  }
  return out;
};

/** Marks a job sent (only by its lease holder); false when the lease was lost. */
export const completeJob = async (engine: Engine, job: Job, now: Date): Promise<boolean> => {
  const r = await engine.query(
    `UPDATE _kpi_jobs SET status = 'sent', done_at = $1, lease_until = NULL, last_error = NULL
     WHERE key = $2 AND lease_owner = $3 AND status = 'running' RETURNING key`,
    [now.toISOString(), job.key, job.leaseOwner],
  );
  return r.rows.length > 0;
};

/** Retry waits after the 1st, 2nd ... failed attempt. */
export const RETRY_WAITS_MS = [60_000, 5 * 60_000, 15 * 60_000] as const;

/** Records a failed attempt: pending again after a wait, or failed for good after `maxAttempts`. */
export const failJob = async (
  engine: Engine,
  job: Job,
  now: Date,
  error: string,
  maxAttempts: number,
): Promise<'retry' | 'failed'> => {
  const final = job.attempts >= maxAttempts;
  const wait = RETRY_WAITS_MS[Math.min(job.attempts, RETRY_WAITS_MS.length) - 1] ?? 60_000;
  await engine.query(
    `UPDATE _kpi_jobs SET status = $1, not_before = $2, last_error = $3, lease_until = NULL,
       done_at = CASE WHEN $1 = 'failed' THEN $4 ELSE NULL END
     WHERE key = $5 AND lease_owner = $6`,
    [
      final ? 'failed' : 'pending',
      new Date(now.getTime() + wait).toISOString(),
      error,
      now.toISOString(),
      job.key,
      job.leaseOwner,
    ],
  );
  return final ? 'failed' : 'retry';
};

export type DeliveryOutcome =
  'sent' | 'failed' | 'retrying' | 'fired' | 'escalated' | 'resolved' | 'not_fired' | 'skipped';

export interface DeliveryLogEntry {
  readonly at: string;
  readonly kind: JobKind;
  readonly name: string;
  readonly channel: string | null;
  readonly jobKey: string | null;
  readonly outcome: DeliveryOutcome;
  readonly attempt: number | null;
  readonly late: boolean;
  readonly scheduledFor: string | null;
  readonly detail: string | null;
}

export const logDelivery = async (engine: Engine, e: DeliveryLogEntry): Promise<void> => {
  const values: SqlValue[] = [
    e.at,
    e.kind,
    e.name,
    e.channel,
    e.jobKey,
    e.outcome,
    e.attempt,
    e.late,
    e.scheduledFor,
    e.detail,
  ];
  await engine.exec(
    `INSERT INTO _kpi_deliveries (logged_at, kind, name, channel, job_key, outcome, attempt, late, scheduled_for, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    values,
  );
};

export interface DeliveryRecord extends DeliveryLogEntry {
  readonly id: number;
}

/** The delivery log, newest first. */
export const readDeliveries = async (
  engine: Engine,
  opts: { readonly name?: string; readonly kind?: JobKind; readonly limit?: number } = {},
): Promise<DeliveryRecord[]> => {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (opts.name !== undefined) {
    params.push(opts.name);
    where.push(`name = $${params.length}`);
  }
  if (opts.kind !== undefined) {
    params.push(opts.kind);
    where.push(`kind = $${params.length}`);
  }
  params.push(opts.limit ?? 100);
  const r = await engine.query(
    `SELECT * FROM _kpi_deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  return r.rows.map((row) => ({
    id: Number(row['id']),
    at: String(row['logged_at']),
    kind: String(row['kind']) as JobKind,
    name: String(row['name']),
    channel: str(row['channel']),
    jobKey: str(row['job_key']),
    outcome: String(row['outcome']) as DeliveryOutcome,
    attempt: row['attempt'] === null || row['attempt'] === undefined ? null : Number(row['attempt']),
    late: row['late'] === true,
    scheduledFor: str(row['scheduled_for']),
    detail: str(row['detail']),
  }));
};

export const readCursor = async (engine: Engine, name: string): Promise<string | null> => {
  const r = await engine.query('SELECT through_at FROM _kpi_schedule_cursors WHERE name = $1', [name]);
  return str(r.rows[0]?.['through_at']);
};

/** Moves a cursor forward (never back). */
export const writeCursor = async (engine: Engine, name: string, through: string): Promise<void> => {
  await engine.exec(
    `INSERT INTO _kpi_schedule_cursors (name, through_at) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET through_at = greatest(_kpi_schedule_cursors.through_at, excluded.through_at)`,
    [name, through],
  );
};

export interface StoredAlertState {
  readonly state: string | null;
  readonly snoozedUntil: string | null;
}

export const readAlertState = async (engine: Engine, alert: string): Promise<StoredAlertState> => {
  const r = await engine.query('SELECT state, snoozed_until FROM _kpi_alert_states WHERE alert = $1', [
    alert,
  ]);
  return { state: str(r.rows[0]?.['state']), snoozedUntil: str(r.rows[0]?.['snoozed_until']) };
};

export const writeAlertState = async (
  engine: Engine,
  alert: string,
  state: string,
  now: Date,
): Promise<void> => {
  await engine.exec(
    `INSERT INTO _kpi_alert_states (alert, state, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (alert) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
    [alert, state, now.toISOString()],
  );
};

/** Snoozes an alert until an instant (null: wakes it). */
export const snoozeAlert = async (
  engine: Engine,
  alert: string,
  until: string | null,
  now: Date,
): Promise<void> => {
  await engine.exec(
    `INSERT INTO _kpi_alert_states (alert, state, snoozed_until, updated_at) VALUES ($1, '', $2, $3)
     ON CONFLICT (alert) DO UPDATE SET snoozed_until = excluded.snoozed_until, updated_at = excluded.updated_at`,
    [alert, until, now.toISOString()],
  );
};

/** Every schedule cursor, by name (one statement for a whole pass). */
export const readCursors = async (engine: Engine): Promise<Map<string, string>> => {
  const r = await engine.query('SELECT name, through_at FROM _kpi_schedule_cursors');
  return new Map(r.rows.map((row) => [String(row['name']), String(row['through_at'])]));
};

/** Every stored alert state, by alert (one statement for a whole pass). */
export const readAlertStates = async (engine: Engine): Promise<Map<string, StoredAlertState>> => {
  const r = await engine.query('SELECT alert, state, snoozed_until FROM _kpi_alert_states');
  return new Map(
    r.rows.map((row) => [
      String(row['alert']),
      { state: str(row['state']), snoozedUntil: str(row['snoozed_until']) },
    ]),
  );
};
