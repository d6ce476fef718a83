// Use-case: `kpi history <kpi>` — the KPI's recorded changes (who, when, why, which fields)
// and its reviews, merged newest first. IO. Invariant: a KPI removed from the YAML still
// shows its history; a name with neither a definition nor history is not found.

import { NotFoundError, ownGet } from '@kpi/core';
import type { LoadedProject } from '../project-files.js';
import { listChanges } from './change-history.js';
import { listReviews } from './manage-reviews.js';

export type HistoryEntry =
  | {
      readonly kind: 'change';
      readonly at: string;
      readonly who: string;
      readonly action: 'create' | 'update';
      /** Top-level fields whose value differs between before and after. */
      readonly fields: readonly string[];
      readonly before: unknown;
      readonly after: unknown;
      readonly reason: string | null;
      readonly file: string | null;
    }
  | {
      readonly kind: 'review';
      readonly at: string;
      readonly who: string;
      readonly decision: string;
      readonly note: string;
    };

const asRecord = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Fields that differ between two definitions (JSON comparison), sorted. */
export const changedFields = (before: unknown, after: unknown): string[] => {
  const b = asRecord(before);
  const a = asRecord(after);
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .sort();
};

export const kpiHistory = async (lp: LoadedProject, kpi: string): Promise<HistoryEntry[]> => {
  const changes = await listChanges(lp, { entity: 'kpi', name: kpi });
  const reviews = await listReviews(lp, kpi);
  if (!ownGet(lp.project.kpis, kpi) && changes.length === 0 && reviews.length === 0)
    throw new NotFoundError('kpi.not_found', `no KPI "${kpi}" and no history for it`);
  const entries: HistoryEntry[] = [
    ...changes.map((c): HistoryEntry => ({
      kind: 'change',
      at: c.at,
      who: c.actor,
      action: c.action,
      fields: changedFields(c.before, c.after),
      before: c.before,
      after: c.after,
      reason: c.reason,
      file: c.file,
    })),
    ...reviews.map((r): HistoryEntry => ({
      kind: 'review',
      at: r.at,
      who: r.author,
      decision: r.decision,
      note: r.note,
    })),
  ];
  // Newest first; at the same instant a review follows the change it caused.
  return entries.sort(
    (x, y) => y.at.localeCompare(x.at) || (x.kind === y.kind ? 0 : x.kind === 'review' ? -1 : 1),
  );
};
