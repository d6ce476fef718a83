// Reader and scorer for the tourism forecasting competition data (Athanasopoulos et al., IJF
// 2011; ../shared/data/tourism, see its README): wide CSVs, one series per column, rows 2–3
// (2–4 for quarterly and monthly) are length / start year / start period, then the values.
// Scores per frequency: MAPE (the paper's headline, for the published naive check), sMAPE,
// MASE (in-sample seasonal naive scale), 95% coverage and MSIS (M4's definition).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { coverage, mae, maseScale, msis, smape } from '@kpi/forecast';

export const TOURISM_FREQS = [
  { name: 'Yearly', file: 'yearly', h: 4, m: 1, naiveMape: 23.61 },
  { name: 'Quarterly', file: 'quarterly', h: 8, m: 4, naiveMape: 16.46 },
  { name: 'Monthly', file: 'monthly', h: 24, m: 12, naiveMape: 22.56 },
];

const readWide = (path, metaRows) => {
  const rows = readFileSync(path, 'utf8')
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(','));
  const ids = rows[0].map((s) => s.replace(/"/g, ''));
  return ids.map((id, c) => {
    const n = Number(rows[1][c]);
    const values = [];
    for (let r = 1 + metaRows; r < rows.length && values.length < n; r++) {
      const s = rows[r][c];
      if (s !== undefined && s !== '') values.push(Number(s));
    }
    return { id, values };
  });
};

export const readTourism = (dir, freq) => {
  const meta = freq.file === 'yearly' ? 2 : 3;
  const train = readWide(join(dir, `${freq.file}_in.csv`), meta);
  const test = readWide(join(dir, `${freq.file}_oos.csv`), meta);
  return train.map((s, i) => ({ id: s.id, train: s.values, test: test[i].values.slice(0, freq.h) }));
};

const mapeOf = (actual, f) => {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += (100 * Math.abs(actual[i] - f[i])) / Math.abs(actual[i]);
  return s / actual.length;
};

const avg = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Accumulates the tourism scores of one method over series. */
export const tourismScorer = () => {
  const acc = { mape: [], smape: [], mase: [], cov: [], cov80: [], msis: [] };
  return {
    add(train, actual, f, m) {
      const scale = maseScale(train, train.length > m ? m : 1) || maseScale(train, 1) || 1;
      acc.mape.push(mapeOf(actual, f.mean));
      acc.smape.push(smape(actual, f.mean));
      acc.mase.push(mae(actual, f.mean) / scale);
      if (f.low95) {
        acc.cov.push(coverage(actual, f.low95, f.high95));
        acc.msis.push(msis(actual, f.low95, f.high95, scale));
      }
      if (f.low80) acc.cov80.push(coverage(actual, f.low80, f.high80));
    },
    result: () => ({
      mape: avg(acc.mape),
      smape: avg(acc.smape),
      mase: avg(acc.mase),
      coverage: acc.cov.length ? avg(acc.cov) : NaN,
      coverage80: acc.cov80.length ? avg(acc.cov80) : NaN,
      msis: acc.msis.length ? avg(acc.msis) : NaN,
    }),
  };
};
