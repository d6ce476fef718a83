// Cadence arithmetic for the data-backed rules: how long two review periods are. Pure.
import { addDays, type Cadence } from '@kpi/core';

const DAYS: Record<Cadence, number> = { weekly: 7, monthly: 31, quarterly: 92, yearly: 366 };

/** The day before which something is `periods` cadence periods old. */
export const periodsAgo = (today: string, cadence: Cadence, periods: number): string =>
  addDays(today, -DAYS[cadence] * periods);
