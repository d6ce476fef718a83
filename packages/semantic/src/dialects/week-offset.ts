// How many days a week starting on `weekStart` lies after an ISO (Monday) week. Pure.
import { WEEKDAYS, type Weekday } from '@kpi/core';

/** 0 for Monday ... 6 for Sunday. */
export const weekStartOffset = (weekStart: Weekday): number => WEEKDAYS.indexOf(weekStart);
