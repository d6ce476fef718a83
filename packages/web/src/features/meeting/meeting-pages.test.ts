// The TV pages of meeting mode: the tile grid at the two TV sizes, worked by hand, and goals
// cut into pages that hold every KPI exactly once.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slidesOf, tileGrid } from './meeting-pages';

test('tiles that fit a slide area, by hand: (w + 12) / 292 columns, (h + 12) / 162 rows', () => {
  // 1280×720 less the bar and the goal header (about 1232 × 520): 4 × 3.
  assert.deepEqual(tileGrid(1232, 520), { cols: 4, rows: 3 });
  // 1920×1080 (about 1872 × 880): 6 × 5.
  assert.deepEqual(tileGrid(1872, 880), { cols: 6, rows: 5 });
  assert.deepEqual(tileGrid(100, 50), { cols: 1, rows: 1 });
});

test('goals cut into pages: every KPI once, in order, a goal without KPIs still a slide', () => {
  const slides = slidesOf([9, 0, 25], 12);
  assert.deepEqual(
    slides.map((s) => [s.goal, s.page, s.pages, s.kpis.length]),
    [
      [0, 0, 1, 9],
      [1, 0, 1, 0],
      [2, 0, 3, 12],
      [2, 1, 3, 12],
      [2, 2, 3, 1],
    ],
  );
  const third = slides.filter((s) => s.goal === 2).flatMap((s) => s.kpis);
  assert.deepEqual(
    third,
    Array.from({ length: 25 }, (_, i) => i),
  );
  assert.equal(slidesOf([3], 0).length, 3);
});
