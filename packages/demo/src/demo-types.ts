// Public types of the demo generator. Pure. Invariant: a DemoDataset's rows() yields, on
// every call, the same rows in the same order, each with one value per column.

export type DemoValue = string | number | boolean | null;
export type DemoRow = readonly DemoValue[];

export interface DemoOptions {
  /** PRNG seed; default 42. Same options give byte-identical files and rows. */
  readonly seed?: number;
  /** Last day of data (YYYY-MM-DD); the data covers the two years up to and including it. */
  readonly endDate: string;
  /**
   * 'small' (default, roughly 30k-80k fact rows), 'large' (about 1M) or an approximate total
   * of fact rows; large sizes come mostly from more paid campaigns and their web sessions.
   */
  readonly scale?: 'small' | 'large' | number;
  /** IANA time zone of the project and of the timestamps; default Europe/Berlin. */
  readonly timezone?: string;
  /** ISO currency code of the project; default EUR. */
  readonly currency?: string;
}

export interface DemoDataset {
  readonly name: string;
  readonly columns: readonly string[];
  /** Lazily generated rows: dates 'YYYY-MM-DD', timestamps ISO with offset. */
  rows(): Iterable<DemoRow>;
}

export interface DemoFile {
  /** Path relative to the project folder: 'kpi.yaml' or 'definitions/*.yaml'. */
  readonly path: string;
  readonly text: string;
}

export interface DemoProject {
  /** 'kpi.yaml' first, then the definitions files. */
  readonly files: readonly DemoFile[];
  readonly datasets: readonly DemoDataset[];
}
