// Use-cases: reviews — dated notes on a KPI or on the KPI list itself (keep, retire,
// replace, adjust, or a plain note). IO. Invariant: reviews are only ever appended.

import { NotFoundError, ownGet } from '@kpi/core';
import { z } from 'zod';
import { ensureAccessTables } from '../access/access-tables.js';
import { systemClock } from '../dates.js';
import type { LoadedProject } from '../project-files.js';
import { withStore } from '../store.js';
import { parseInput } from './manage-users.js';

export const REVIEW_DECISIONS = ['keep', 'adjust', 'replace', 'retire', 'note'] as const;

export const newReviewSchema = z
  .strictObject({
    decision: z.enum(REVIEW_DECISIONS).describe('What the review decided about the KPI (or the KPI list).'),
    note: z.string().min(1).max(5000),
  })
  .describe('A review of a KPI or of the KPI list.');

export interface Review {
  readonly id: number;
  readonly at: string;
  readonly author: string;
  /** The KPI reviewed; null for a review of the KPI list itself. */
  readonly kpi: string | null;
  readonly decision: (typeof REVIEW_DECISIONS)[number];
  readonly note: string;
}

export const addReview = (
  lp: LoadedProject,
  author: string,
  kpi: string | null,
  input: unknown,
): Promise<Review> => {
  const r = parseInput(newReviewSchema, input, 'review');
  if (kpi !== null) {
    if (!ownGet(lp.project.kpis, kpi)) throw new NotFoundError('kpi.not_found', `no KPI "${kpi}"`);
  }
  return withStore(lp, async (engine) => {
    await ensureAccessTables(engine);
    // The project's clock (a server's or a test's), so a review's day is the day it was made there.
    const at = (lp.clock ?? systemClock).now().toISOString();
    const out = await engine.query(
      'INSERT INTO _kpi_reviews (reviewed_at, author, kpi, decision, note) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [at, author, kpi, r.decision, r.note],
    );
    return { id: Number(out.rows[0]?.['id']), at, author, kpi, decision: r.decision, note: r.note };
  });
};

/** Reviews newest first: of one KPI, of the list (kpi null), or all when undefined. */
export const listReviews = (lp: LoadedProject, kpi?: string | null): Promise<Review[]> =>
  withStore(lp, async (engine) => {
    await ensureAccessTables(engine);
    const r =
      kpi === undefined
        ? await engine.query('SELECT * FROM _kpi_reviews ORDER BY id DESC')
        : kpi === null
          ? await engine.query('SELECT * FROM _kpi_reviews WHERE kpi IS NULL ORDER BY id DESC')
          : await engine.query('SELECT * FROM _kpi_reviews WHERE kpi = $1 ORDER BY id DESC', [kpi]);
    return r.rows.map((row) => ({
      id: Number(row['id']),
      at: String(row['reviewed_at']),
      author: String(row['author']),
      kpi: row['kpi'] === null ? null : String(row['kpi']),
      decision: String(row['decision']) as Review['decision'],
      note: String(row['note']),
    }));
  });
