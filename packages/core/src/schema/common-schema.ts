// Shared zod building blocks for the project files: names, dates, filters. Pure.
// Invariant: a name that passes `identifierSchema` is safe to quote as a SQL identifier.

import { z } from 'zod';

export const IDENTIFIER_RE = /^[a-z_][a-z0-9_]{0,62}$/;

export const identifierSchema = z
  .string()
  .regex(IDENTIFIER_RE, {
    error: 'must be snake_case: lower-case letters, digits and underscores, starting with a letter (max 63)',
  });

export const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is a real calendar date written YYYY-MM-DD (2025-02-30 is not). */
export const isIsoDate = (s: string): boolean => {
  const m = ISO_DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= (days[mo - 1] ?? 0);
};

export const isoDateSchema = z
  .string({ error: 'must be a date written YYYY-MM-DD (quote it if your editor turns it into something else)' })
  .refine(isIsoDate, { error: 'must be a real calendar date written YYYY-MM-DD, e.g. 2025-03-31' });

const filterValue = z.union([z.string(), z.number(), z.boolean()]);

/** A dimension filter: `{platform: instagram}` or `{platform: [instagram, tiktok]}` (any of). */
export const filterSchema = z
  .record(identifierSchema, z.union([filterValue, z.array(filterValue).min(1)]))
  .describe('Dimension filter: each key is a dimension column; a value or a list of allowed values.');

export type Filter = z.infer<typeof filterSchema>;

export const currencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 currency code in capitals, e.g. EUR, USD, GBP' });

export const periodSchema = z
  .strictObject({ start: isoDateSchema, end: isoDateSchema })
  .refine((p) => p.start <= p.end, { error: 'period start must be on or before its end', path: ['end'] })
  .describe('A closed date range: both start and end days are included.');
