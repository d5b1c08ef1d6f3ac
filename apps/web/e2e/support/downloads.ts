import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** A file the browser downloaded: the name it offered and the SHA-256 of its bytes. */
export interface SavedDownload {
  name: string;
  sha256: string;
}

/** Clicks `button` as a user does, and saves the file the browser's download manager gets. */
export async function saveDownload(
  page: Page,
  button: Locator,
  dir: string,
): Promise<SavedDownload> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    button.click(),
  ]);
  const name = download.suggestedFilename();
  await download.saveAs(join(dir, name));
  const bytes = await readFile(join(dir, name));
  return { name, sha256: createHash('sha256').update(bytes).digest('hex') };
}
