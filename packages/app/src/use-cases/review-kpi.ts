// Use-case: `kpi review` — record a review of a KPI (with the value and status seen at the
// time) or of the KPI list; a `retire` decision also writes `retired: {date, reason}` into
// the KPI's YAML, so it leaves the scorecard and the checks but keeps its history. IO.
// Invariants: the YAML edit (validated, recorded in the change history) happens before the
// review is stored, so a failed edit leaves no review claiming a retirement; a review
// never fails because the store has no data for the KPI.

import { formatValue, isKpiError, NotFoundError, ownGet } from '@kpi/core';
import type { LoadedProject } from '../project-files.js';
import { todayOf } from '../dates.js';
import { editKpi } from './edit-definitions.js';
import { evaluateScorecard } from './evaluate-scorecard.js';
import { addReview, newReviewSchema, type Review } from './manage-reviews.js';
import { parseInput } from './manage-users.js';

export interface SeenValue {
  readonly asOf: string;
  readonly value: number | null;
  readonly text: string;
  readonly status: string;
}

export interface ReviewKpiOutput {
  readonly review: Review;
  readonly seen?: SeenValue;
  readonly retired: boolean;
}

/** The KPI's headline value and status now, or undefined when it cannot be evaluated. */
export const seenValue = async (lp: LoadedProject, kpi: string): Promise<SeenValue | undefined> => {
  try {
    const sc = await evaluateScorecard(lp, {
      kpis: [kpi],
      withoutSupporting: true,
      withoutForecast: true,
      seriesLength: 2,
    });
    const r = sc.goals.flatMap((g) => g.kpis).find((x) => x.kpi === kpi);
    if (!r) return undefined;
    const text = formatValue(r.value, { ...r.format });
    return { asOf: sc.asOf, value: r.value, text, status: r.status };
  } catch (e) {
    if (isKpiError(e)) return undefined;
    throw e;
  }
};

export const reviewKpi = async (
  lp: LoadedProject,
  author: string,
  kpi: string | null,
  input: unknown,
  opts: { readonly withValue?: boolean; readonly today?: string } = {},
): Promise<ReviewKpiOutput> => {
  const r = parseInput(newReviewSchema, input, 'review');
  if (kpi !== null && !ownGet(lp.project.kpis, kpi))
    throw new NotFoundError(
      'kpi.not_found',
      `no KPI "${kpi}"`,
      `KPIs: ${Object.keys(lp.project.kpis).sort().join(', ')}`,
    );
  const seen = kpi !== null && opts.withValue !== false ? await seenValue(lp, kpi) : undefined;
  let project = lp;
  const retire = kpi !== null && r.decision === 'retire';
  if (retire) {
    const date = opts.today ?? todayOf(lp);
    project = (
      await editKpi(lp, author, kpi, {
        retired: { date, reason: r.note },
        reason: `retired in review: ${r.note}`,
      })
    ).project;
  }
  const note = seen
    ? `${r.note} (seen: ${seen.text}, ${seen.status.replace(/_/g, ' ')}, as of ${seen.asOf})`
    : r.note;
  const review = await addReview(project, author, kpi, { decision: r.decision, note });
  return { review, retired: retire, ...(seen ? { seen } : {}) };
};
