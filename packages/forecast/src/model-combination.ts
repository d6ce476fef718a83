// Combines model forecasts: equal-weight mean of the point forecasts and of the error sds,
// correlation structure from the first member. Pure.
// Invariant: all members share the same horizon.

import type { ModelForecast } from './model-types.js';

export const combineForecasts = (members: readonly ModelForecast[], name?: string): ModelForecast => {
  const first = members[0];
  if (first === undefined) throw new Error('combineForecasts needs at least one member');
  if (members.length === 1) return first;
  const h = first.mean.length;
  const mean = new Float64Array(h);
  const sd = new Float64Array(h);
  for (const f of members)
    for (let i = 0; i < h; i++) {
      mean[i] = (mean[i] as number) + (f.mean[i] as number) / members.length;
      sd[i] = (sd[i] as number) + (f.sd[i] as number) / members.length;
    }
  const psi = new Float64Array(h);
  for (const f of members)
    for (let i = 0; i < h; i++) psi[i] = (psi[i] as number) + (f.psi[i] as number) / members.length;
  return { model: name ?? `Comb(${members.map((f) => f.model).join(', ')})`, mean, sd, psi };
};
