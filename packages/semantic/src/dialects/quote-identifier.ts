// Identifier quoting shared by the ANSI-quoting dialects. Pure.
// Invariant: only names matching the project's identifier rule are ever quoted.
import { IDENTIFIER_RE } from '@kpi/core';

export const quoteIdentifier = (name: string): string => {
  if (!IDENTIFIER_RE.test(name)) throw new Error(`invalid SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
};
