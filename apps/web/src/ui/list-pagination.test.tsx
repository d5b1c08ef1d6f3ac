// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupI18n } from '../i18n/i18n.js';
import { type Rendered, render } from '../test/render.js';
import { usePagedList } from './list-pagination.js';

let rendered: Rendered | undefined;
beforeAll(setupI18n);
afterEach(() => rendered?.unmount());

function NumberList({ count }: { count: number }) {
  const items = Array.from({ length: count }, (_, index) => `row ${index + 1}`);
  const { pageItems, pagination } = usePagedList(items, 'Numbers');
  return (
    <>
      <ul>
        {pageItems.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      {pagination}
    </>
  );
}

const shownRows = (r: Rendered) =>
  [...r.container.querySelectorAll('li')].map((li) => li.textContent);
const pager = (r: Rendered) => r.container.querySelector('nav[aria-label="Numbers: pages"]');

describe('a paged list', () => {
  it('shows no pager when every row fits on one page', async () => {
    rendered = await render(<NumberList count={25} />);
    expect(shownRows(rendered)).toHaveLength(25);
    expect(pager(rendered)).toBeNull();
  });

  it('shows 25 rows and a labelled pager that moves to the next page', async () => {
    rendered = await render(<NumberList count={30} />);
    expect(shownRows(rendered)).toHaveLength(25);
    const nav = pager(rendered);
    expect(nav).not.toBeNull();
    const pageTwo = nav?.querySelector<HTMLButtonElement>('button[aria-label="Page 2"]');
    expect(nav?.querySelector('button[aria-label="Next page"]')).not.toBeNull();
    await act(async () => {
      pageTwo?.click();
      await Promise.resolve();
    });
    expect(shownRows(rendered)).toEqual(['row 26', 'row 27', 'row 28', 'row 29', 'row 30']);
    expect(pageTwo?.getAttribute('aria-current')).toBe('page');
  });
});
