// Identifier quoting shared by the ANSI-quoting dialects. Pure.
// Invariants: only names matching the project's identifier rule (lower-case snake_case)
// are quoted as user identifiers; compiler aliases start with an upper-case letter, so the
// two sets never meet and an alias can never shadow a dataset, column or dimension.
import { IDENTIFIER_RE } from '@kpi/core';

const ALIAS_RE = /^[A-Z][A-Za-z0-9_]{0,62}$/;

export const quoteIdentifier = (name: string): string => {
  if (!IDENTIFIER_RE.test(name)) throw new Error(`invalid SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
};

export const quoteAliasName = (name: string): string => {
  if (!ALIAS_RE.test(name)) throw new Error(`invalid SQL alias: ${JSON.stringify(name)}`);
  return `"${name}"`;
};
