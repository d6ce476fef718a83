// Display names of dimension members, from the datasets' YAML `labels:` (GET /api/datasets),
// so no table in the web app shows a raw member code where a label is defined. Pure.
// Invariant: a member without a label is shown as it is; the lookup never reads a
// prototype key (ownGet).

import { ownGet } from '@kpi/core/own-lookup';
import type { DatasetInfo } from '../../api/api-types';

export type MemberName = (dimension: string, member: string) => string;

/** The label of a member of a dimension, from the first dataset whose column of that name has one. */
export const memberNamer =
  (datasets: readonly DatasetInfo[] | undefined): MemberName =>
  (dimension, member) => {
    for (const ds of datasets ?? []) {
      const label = ownGet(ownGet(ds.columns, dimension)?.labels ?? {}, member);
      if (label !== undefined) return label;
    }
    return member;
  };
