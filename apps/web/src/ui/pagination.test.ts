import { describe, expect, it } from 'vitest';
import { clampPage, PAGE_SIZE, pageCount, pageSlice } from './pagination.js';

const rows = (n: number) => Array.from({ length: n }, (_, index) => index + 1);

describe('client-side pages of a whole list', () => {
  it('shows 25 rows a page', () => {
    expect(PAGE_SIZE).toBe(25);
    expect(pageSlice(rows(60), 1)).toEqual(rows(25));
    expect(pageSlice(rows(60), 3)).toEqual([51, 52, 53, 54, 55, 56, 57, 58, 59, 60]);
  });

  it('counts one page for an empty or short list, so no pager is needed', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(25)).toBe(1);
    expect(pageCount(26)).toBe(2);
  });

  it('falls back to the last page when the list shrinks under the page shown', () => {
    expect(clampPage(3, 30)).toBe(2);
    expect(pageSlice(rows(30), 3)).toEqual([26, 27, 28, 29, 30]);
    expect(clampPage(0, 30)).toBe(1);
  });
});
