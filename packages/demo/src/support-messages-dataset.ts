// support_messages: one row per inbound customer-care message, in time order. Pure. Volume
// follows orders (demand) and the working week; in the bad week (shipping delay) volume
// triples, first responses get several times slower and fewer cases are resolved.
// Invariants: message_id unique and increasing with received_at; first_response_seconds >= 5.

import type { DemoDataset, DemoRow } from './demo-types.js';
import type { DemoWorld } from './demo-world.js';
import { isBadDay } from './demo-world.js';
import { daytimeSecond } from './mentions-dataset.js';
import { createRng, hashSeed } from './random-source.js';
import { zonedFormatter } from './zoned-timestamp.js';

export const SUPPORT_COLUMNS = [
  'message_id',
  'received_at',
  'channel',
  'first_response_seconds',
  'resolved',
] as const;

/** [channel, share, median first response in seconds, resolution probability]. */
const SUPPORT_CHANNELS = [
  ['email', 0.35, 9000, 0.95],
  ['chat', 0.4, 90, 0.96],
  ['instagram_dm', 0.15, 5400, 0.93],
  ['x', 0.1, 3600, 0.88],
] as const;
const SUPPORT_WEEKDAY = [1.2, 1.1, 1, 1, 0.95, 0.6, 0.55] as const;
/** Volume, response-time and resolution factors during the bad week. */
export const BAD_WEEK_SUPPORT = { volume: 3.2, response: 4.5, resolution: 0.8 } as const;

export const supportMessagesDataset = (w: DemoWorld): DemoDataset => ({
  name: 'support_messages',
  columns: SUPPORT_COLUMNS,
  *rows(): Generator<DemoRow> {
    const rng = createRng(0);
    const stamp = zonedFormatter(w.timezone, w.dates);
    let seq = 0;
    for (let i = 0; i < w.dayCount; i++) {
      rng.reset(hashSeed(w.seed, 701, i));
      const bad = isBadDay(w, i);
      const wd = w.weekday[i] ?? 0;
      const weekend = wd >= 5;
      const mean = 9 * (w.demand[i] ?? 1) * (SUPPORT_WEEKDAY[wd] ?? 1) * (bad ? BAD_WEEK_SUPPORT.volume : 1);
      const n = rng.round(mean * w.thin * rng.noise(0.2));
      const day: { second: number; row: DemoRow[number][] }[] = [];
      for (let k = 0; k < n; k++) {
        let u = rng.next();
        let ch: (typeof SUPPORT_CHANNELS)[number] = SUPPORT_CHANNELS[0];
        for (const c of SUPPORT_CHANNELS) {
          ch = c;
          u -= c[1];
          if (u < 0) break;
        }
        const [channel, , median, resolution] = ch;
        const second =
          channel === 'chat'
            ? Math.floor((8 + 12 * rng.next()) * 3600)
            : daytimeSecond(rng.next(), rng.next(), rng.next());
        const slow = (weekend ? (channel === 'chat' ? 1.3 : 2.2) : 1) * (bad ? BAD_WEEK_SUPPORT.response : 1);
        const response = Math.max(5, Math.round(median * slow * rng.skew(0.6)));
        const pResolved =
          resolution * (bad ? BAD_WEEK_SUPPORT.resolution : 1) * (response > 86_400 ? 0.9 : 1);
        day.push({ second, row: ['', stamp(i, second), channel, response, rng.next() < pResolved] });
      }
      day.sort((a, b) => a.second - b.second);
      for (const m of day) {
        seq += 1;
        m.row[0] = `sm-${String(seq).padStart(6, '0')}`;
        yield m.row;
      }
    }
  },
});
