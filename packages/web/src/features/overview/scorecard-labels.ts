// Names to words for the overview's lists: "kpi:ad_ctr" -> "CTR", "goal:qualified_leads" ->
// the goal's title, from the scorecard already loaded. Pure.

import type { Scorecard } from '../../api/api-types';
import { humanize } from '../../ui/format';

export type Labels = ReadonlyMap<string, string>;

export const labelMap = (sc: Scorecard | undefined): Labels => {
  const m = new Map<string, string>();
  for (const g of sc?.goals ?? []) {
    m.set(`goal:${g.goal}`, g.title);
    for (const k of g.kpis) m.set(`kpi:${k.kpi}`, k.label ?? humanize(k.kpi));
  }
  return m;
};
