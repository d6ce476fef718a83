// DuckDB dialect hooks. Pure.
import type { Dialect } from '../dialect.js';
import { quoteIdentifier } from './quote-identifier.js';

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  quoteIdent: quoteIdentifier,
};
