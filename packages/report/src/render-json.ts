// The report as JSON: the report model itself, indented, with a trailing newline. Pure.
import type { Report } from './report-model.js';

export const renderJson = (r: Report): string => `${JSON.stringify(r, null, 2)}\n`;
