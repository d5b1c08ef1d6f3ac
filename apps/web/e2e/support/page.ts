import type { Locator, Page } from 'playwright-core';

/** The input whose label reads exactly `label` (Mantine appends " *" to required fields). */
export function labelled(scope: Pick<Page, 'getByLabel'>, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}

/** A link of the side navigation, as a user clicks it (no reload). */
export function navLink(page: Page, name: string): Locator {
  return page.getByRole('navigation').getByRole('link', { name, exact: true });
}

/** Marks the page, so that a later `isSamePage` proves nothing reloaded it in between. */
export async function markSamePage(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(globalThis, { e2eSamePage: true }));
}

export function isSamePage(page: Page): Promise<boolean> {
  return page.evaluate(() => 'e2eSamePage' in globalThis);
}

/** Opens a list page from the navigation, then its "Add" form (the header's link comes first). */
export async function openAddForm(page: Page, navName: string, addName: string): Promise<void> {
  await navLink(page, navName).click();
  await page.getByRole('link', { name: addName }).first().click();
}
