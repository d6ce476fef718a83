// Meeting mode's slides as TV pages: how many tiles fit the slide area (a grid of tiles at
// least TILE_WIDTH × TILE_HEIGHT px), and each goal cut into pages of that many KPIs, so a
// slide never needs scrolling and one rotation shows every KPI of every goal. Pure.
// Invariants: at least one tile per page; every KPI is on exactly one page, in order.

export const TILE_WIDTH = 280;
export const TILE_HEIGHT = 150;
export const TILE_GAP = 12;

/** Columns and rows of tiles that fit an area of width × height px. */
export const tileGrid = (width: number, height: number): { cols: number; rows: number } => ({
  cols: Math.max(1, Math.floor((width + TILE_GAP) / (TILE_WIDTH + TILE_GAP))),
  rows: Math.max(1, Math.floor((height + TILE_GAP) / (TILE_HEIGHT + TILE_GAP))),
});

export interface Slide {
  readonly goal: number;
  /** 0-based page of the goal, and how many pages the goal has. */
  readonly page: number;
  readonly pages: number;
  /** Indexes of the goal's KPIs on this page. */
  readonly kpis: readonly number[];
}

/** Every goal cut into pages of `perPage` KPIs (a goal without KPIs still gets one slide). */
export const slidesOf = (kpiCounts: readonly number[], perPage: number): Slide[] => {
  const size = Math.max(1, Math.floor(perPage));
  return kpiCounts.flatMap((count, goal) => {
    const pages = Math.max(1, Math.ceil(count / size));
    return Array.from({ length: pages }, (_, page) => ({
      goal,
      page,
      pages,
      kpis: Array.from({ length: Math.min(size, count - page * size) }, (_, i) => page * size + i).filter(
        (i) => i < count,
      ),
    }));
  });
};
