// A platform template: the datasets (with the export's header names, date formats and
// shape) and the metrics with the platform's own definitions, as a definitions/ file.
// Pure data. Invariant: every name a template defines starts with its prefix, so templates
// never clash with each other or with the starter project.

export interface PlatformTemplate {
  /** What `kpi add <name>` takes. */
  readonly name: string;
  readonly title: string;
  /** The export it reads, in the platform's words: where to click, what to pick. */
  readonly export: string;
  /** Datasets it defines (their files go to `kpi import <dataset> <file>`). */
  readonly datasets: readonly string[];
  /** The definitions file, YAML. */
  readonly yaml: string;
}
