// Shared zod building blocks for the project files: names, dates, filters. Pure.
// Invariants: a name that passes `identifierSchema` or `nameSchema` is safe to quote as a
// SQL identifier; no name that passes `identifierSchema` is a reserved name (so no
// definition, and no reference to one, can be "constructor" or "__proto__"); input parsed
// with `safeParseInput` has no `__proto__` key anywhere (zod would drop it silently).

import { z } from 'zod';
import { RESERVED_NAMES, prototypeKeyPaths } from '../own-lookup.js';

export const IDENTIFIER_RE = /^[a-z_][a-z0-9_]{0,62}$/;

const FORMAT_ERROR =
  'must be snake_case: lower-case letters, digits and underscores, starting with a letter (max 63)';

/**
 * A name that may be defined: IDENTIFIER_RE without the reserved names. One pattern, so
 * the JSON Schema (editors) refuses them too; only the reserved names that fit the
 * lower-case pattern need listing in it.
 */
export const DEFINABLE_NAME_RE = new RegExp(
  `^(?!(?:${RESERVED_NAMES.filter((n) => IDENTIFIER_RE.test(n)).join('|')})$)${IDENTIFIER_RE.source.slice(1)}`,
);

/** Why a reserved name is refused, naming it. */
export const reservedNameMessage = (name: string): string =>
  `"${name}" is a reserved name (a built-in property of JavaScript objects, which would be confused with it); choose another name`;

/**
 * The format of a name, without the reserved-name check: for names a caller looks up
 * (path parameters, query fields). A lookup finds only what the project defines, so a
 * reserved name is simply not found, like any other unknown name.
 */
export const nameSchema = z.string().regex(IDENTIFIER_RE, { error: FORMAT_ERROR });

/** A name in the project files: a definition's key, or a reference to a definition. */
export const identifierSchema = z.string().regex(DEFINABLE_NAME_RE, {
  error: (iss) =>
    typeof iss.input === 'string' && IDENTIFIER_RE.test(iss.input) ? reservedNameMessage(iss.input) : FORMAT_ERROR,
});

/** The issue code (after `input.` or `schema.`) of a refused `__proto__` key. */
export const RESERVED_KEY_CODE = 'reserved_key';

/** The code of a zod issue: its own, or the one a custom issue carries in `params.code`. */
export const zodIssueCode = (zi: z.core.$ZodIssue): string =>
  zi.code === 'custom' && typeof zi.params?.['code'] === 'string' ? zi.params['code'] : zi.code;

/** Says why a `__proto__` key is refused. */
export const PROTO_KEY_MESSAGE =
  '"__proto__" is not allowed as a key: it is a reserved name in JavaScript and would be dropped; rename or remove it';

/**
 * `schema.safeParse(value)`, but a `__proto__` key anywhere in `value` is an issue at its
 * path (zod's objects and records drop such a key without a word). For every untrusted
 * document: request bodies, query objects, column maps, YAML files.
 */
export const safeParseInput = <S extends z.ZodType>(schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> => {
  const paths = prototypeKeyPaths(value);
  if (paths.length === 0) return schema.safeParse(value);
  const issues = paths.map(
    (path): z.core.$ZodIssue => ({
      code: 'custom',
      path,
      message: PROTO_KEY_MESSAGE,
      params: { code: RESERVED_KEY_CODE },
      input: undefined,
    }),
  );
  return { success: false, error: new z.ZodError(issues) } as z.ZodSafeParseResult<z.output<S>>;
};

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
