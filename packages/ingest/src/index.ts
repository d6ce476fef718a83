// Public surface of @kpi/ingest: file import into dataset tables, table upkeep, stats. IO.
export * from './import-types.js';
export { importFile } from './import-file.js';
export {
  ensureDatasetTables,
  ensureDatasetTable,
  ensureImportLog,
  datasetTableChanges,
  IMPORT_LOG_TABLE,
} from './dataset-tables.js';
export { datasetStats } from './dataset-stats.js';
export { SQL_TYPES } from './column-sql.js';
export { databaseTableProblems } from './database-tables.js';
export { DELIMITERS, parseRecords } from './csv-sniff.js';
export { decodeHead, detectEncoding } from './file-reencode.js';
