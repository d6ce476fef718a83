// The member namer over the project's datasets (GET /api/datasets, cached by useApi):
// undefined while they load (so no table flashes raw codes), raw members if they fail to.

import { useMemo } from 'react';
import type { DatasetInfo } from '../../api/api-types';
import { useApi } from '../../api/use-api';
import { memberNamer, type MemberName } from './member-labels';

export const useMemberNames = (): MemberName | undefined => {
  const ds = useApi<readonly DatasetInfo[]>('/api/datasets');
  const data = ds.state === 'ready' ? ds.data : undefined;
  const failed = ds.state === 'error';
  return useMemo(() => (data || failed ? memberNamer(data) : undefined), [data, failed]);
};
