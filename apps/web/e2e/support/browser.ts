import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium, type ConsoleMessage, type Page } from 'playwright-core';
import { REPO_ROOT } from './processes.js';

export const SCREENSHOT_DIR = join(REPO_ROOT, 'artifacts/screenshots');

/** Debian's Chromium; never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Chromium reports every non-2xx response as a console error. A signed-out visitor's first
 * `GET /api/v1/auth/me` answers 401 by design (that is how the app learns it must show the
 * login page), so that one, and only that one, is expected.
 */
function isExpectedSignedOutProbe(message: ConsoleMessage): boolean {
  return (
    message.text().includes('status of 401') && message.location().url.endsWith('/api/v1/auth/me')
  );
}

/** Collects console errors and uncaught page errors; the story fails if any appear. */
export function watchForErrors(page: Page): () => string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !isExpectedSignedOutProbe(message))
      errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  return () => errors;
}

export async function screenshot(page: Page, language: string, step: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${language}-${step}.png`), fullPage: true });
}
