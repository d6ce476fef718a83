// The column mapping a user chose for a dataset, kept in this browser (localStorage) so a
// fixed and re-chosen file, or next month's export, starts from it. IO (browser storage).
// Invariants: only headers present in the new file are taken back, and only for columns
// the dataset still has; storage that is full, off or holds junk is ignored, never an error.

import { ownGet } from '@kpi/core/own-lookup';
import type { DatasetInfo } from '../../api/api-types';
import { fileColumns, type ColumnMapping } from './column-map';

const key = (dataset: string): string => `kpi.import.mapping.${dataset}`;

export const rememberMapping = (dataset: string, mapping: ColumnMapping): void => {
  try {
    localStorage.setItem(key(dataset), JSON.stringify(mapping));
  } catch {
    // Storage full or disabled: the mapping is simply not remembered.
  }
};

/** `auto`, with the remembered choices laid over it where the file has those headers. */
export const recallMapping = (
  ds: DatasetInfo,
  headers: readonly string[],
  auto: ColumnMapping,
): ColumnMapping => {
  let saved: unknown;
  try {
    saved = JSON.parse(localStorage.getItem(key(ds.name)) ?? 'null');
  } catch {
    return auto;
  }
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return auto;
  const out: Record<string, string> = { ...auto };
  for (const column of fileColumns(ds)) {
    const h = ownGet(saved as Record<string, unknown>, column);
    if (typeof h === 'string' && (h === '' || headers.includes(h))) out[column] = h;
  }
  return out;
};
