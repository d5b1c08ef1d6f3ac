import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Browser,
  type BrowserContextOptions,
  chromium,
  type ConsoleMessage,
  type Page,
} from 'playwright-core';
import { expect } from 'vitest';
import { englishOnlyTexts, type Language } from './catalogue.js';
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

export interface OpenPage {
  browser: Browser;
  page: Page;
  /** The console errors and page errors seen so far. */
  errors: () => string[];
}

/** Chromium with one page as the stories drive it: 15 s a step, its errors collected. */
export async function openPage(options: BrowserContextOptions): Promise<OpenPage> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { browser, page, errors: watchForErrors(page) };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/**
 * Saves the page's screenshot at each step (named `<prefix><step>`); in Turkish, also fails on
 * any English catalogue text left on the page.
 */
export function capturer(
  page: Page,
  language: Language,
  prefix = '',
): (step: string) => Promise<void> {
  const englishOnly = englishOnlyTexts();
  return async (step) => {
    await screenshot(page, language, `${prefix}${step}`);
    if (language === 'en') return;
    const lines = (await page.locator('body').innerText()).split('\n').map((line) => line.trim());
    expect(lines.filter((line) => englishOnly.has(line))).toEqual([]);
  };
}
