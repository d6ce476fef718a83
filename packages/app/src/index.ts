// Public surface of @kpi/app: the use-cases the CLI and the server call. IO.
export * from './project-files.js';
export * from './store.js';
export * from './upload-folders.js';
export * from './dates.js';
export * from './use-cases/init-project.js';
export * from './use-cases/import-dataset.js';
export * from './use-cases/add-template.js';
export * from './use-cases/list-datasets.js';
export * from './use-cases/list-benchmarks.js';
export * from './use-cases/query-metrics.js';
export * from './access/access-schema.js';
export * from './access/principal.js';
export * from './access/secret-token.js';
export * from './access/share-signature.js';
export { ensureAccessTables } from './access/access-tables.js';
export * from './edit/definition-schemas.js';
export { recoverEdits, type StartupRecovery } from './edit/project-writer.js';
export * from './use-cases/manage-users.js';
export * from './use-cases/manage-sessions.js';
export * from './use-cases/manage-tokens.js';
export * from './use-cases/manage-shares.js';
export * from './use-cases/manage-accounts.js';
export * from './use-cases/manage-reviews.js';
export * from './use-cases/change-history.js';
export * from './use-cases/edit-definitions.js';
export * from './use-cases/load-rows.js';
export * from './use-cases/evaluate-scorecard.js';
export * from './use-cases/explain-kpi.js';
export * from './use-cases/check-project.js';
export * from './use-cases/forecast-kpi.js';
export * from './use-cases/series-file.js';
export * from './use-cases/review-kpi.js';
export * from './use-cases/kpi-history.js';
export * from './use-cases/cascade-tree.js';
export * from './use-cases/forecast-band.js';
export * from './use-cases/stakeholder-report.js';
export * from './delivery/report-renderer.js';
export * from './delivery/scheduled-report.js';
export * from './delivery/run-schedule.js';
export * from './delivery/manage-alerts.js';
export { observeAlert, type AlertFacts } from './delivery/alert-observations.js';
export { alertMessage } from './delivery/alert-message.js';
export {
  loadSecrets,
  newWebhookSecret,
  startSchedulerLoop,
  type DeliveryRecord,
  type SchedulerLoop,
  type Secrets,
} from '@kpi/delivery';
export * from './use-cases/sentiment-data.js';
export {
  adapterPath,
  projectScorer,
  trainProjectAdapter,
  fitAdapter,
  type AdapterRun,
} from './use-cases/sentiment-adapter.js';
export { sentimentColumnsOf, SENTIMENT_TABLE } from './use-cases/sentiment-store.js';
export * from './use-cases/budget-plan.js';
export * from './use-cases/budget-kpi-effect.js';
export * from './use-cases/budget-summary.js';
export * from './use-cases/churn-risk.js';
export * from './use-cases/budget-plan-file.js';
export * from './use-cases/utm-links.js';
export { readUtmExport, MAX_UTM_EXPORT_BYTES, type UtmExportOptions } from './use-cases/utm-export-file.js';
