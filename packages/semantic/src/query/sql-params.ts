// Collects bound parameters while SQL is rendered. Pure (a closure over a local array).
// Invariant: the placeholder returned for a value is the only way that value reaches SQL.

import type { Dialect, SqlValue } from '../dialect.js';

export interface SqlParams {
  /** Binds a value and returns its placeholder. */
  bind(value: SqlValue): string;
  /** Binds a value once per key (time zone, range dates) and returns the same placeholder after. */
  bindShared(key: string, value: SqlValue): string;
  readonly values: readonly SqlValue[];
}

export const createSqlParams = (dialect: Dialect): SqlParams => {
  const values: SqlValue[] = [];
  const shared = new Map<string, string>();
  const bind = (value: SqlValue): string => {
    values.push(value);
    return dialect.placeholder(values.length);
  };
  return {
    bind,
    bindShared: (key, value) => {
      const known = shared.get(key);
      if (known !== undefined) return known;
      const p = bind(value);
      shared.set(key, p);
      return p;
    },
    values,
  };
};
