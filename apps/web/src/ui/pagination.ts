/** Lists the API returns whole are shown this many rows at a time. */
export const PAGE_SIZE = 25;

export function pageCount(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * The page actually shown: a list that shrank (a row deleted on the last page, a live update)
 * falls back to its new last page instead of showing an empty one.
 */
export function clampPage(page: number, total: number, pageSize = PAGE_SIZE): number {
  return Math.min(Math.max(1, Math.floor(page)), pageCount(total, pageSize));
}

/** The rows of page `page` (1-based, clamped). */
export function pageSlice<T>(items: readonly T[], page: number, pageSize = PAGE_SIZE): T[] {
  const start = (clampPage(page, items.length, pageSize) - 1) * pageSize;
  return items.slice(start, start + pageSize);
}
