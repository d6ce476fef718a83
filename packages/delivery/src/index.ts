// Public surface of @kpi/delivery: getting reports and alerts to people. IO.
export * from './pdf/pdf-printer.js';
