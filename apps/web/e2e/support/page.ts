import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { type Language, text, type Translate } from './catalogue.js';

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

/** The password every story registers with (some sign in or change it later). */
export const ACCOUNT_PASSWORD = 'a long enough password';

type Capture = (step: string) => Promise<void>;

/** Opens the app signed out, on the login page; in Turkish, switches it there and checks it. */
export async function openLoginPage(page: Page, baseUrl: string, language: Language) {
  await page.goto(baseUrl);
  await page.getByRole('heading', { name: text('en', 'auth.login.title') }).waitFor();
  if (language === 'en') return;
  await page.getByLabel(text('en', 'language.label')).selectOption(language);
  await page.getByRole('heading', { name: text(language, 'auth.login.title') }).waitFor();
  expect(await page.getAttribute('html', 'lang')).toBe(language);
}

/** From the login page, registers an account and waits for the dashboard. */
export async function registerAccount(
  page: Page,
  t: Translate,
  account: { name: string; email: string; capture?: Capture },
) {
  await page.getByRole('link', { name: t('auth.login.registerLink') }).click();
  await page.getByRole('heading', { name: t('auth.register.title') }).waitFor();
  await labelled(page, t('auth.fields.name')).fill(account.name);
  await labelled(page, t('auth.fields.email')).fill(account.email);
  await labelled(page, t('auth.fields.password')).fill(ACCOUNT_PASSWORD);
  await account.capture?.('register');
  await page.getByRole('button', { name: t('auth.register.submit') }).click();
  await page.getByRole('heading', { name: t('dashboard.title') }).waitFor();
}

/** Opens the Agents page and waits for the embedded agent to be online; returns its row. */
export async function waitForEmbeddedAgent(page: Page, t: Translate): Promise<Locator> {
  await navLink(page, t('nav.agents')).click();
  const embedded = page.getByRole('row').filter({ hasText: t('agents.embedded') });
  await embedded.getByText(t('agents.online'), { exact: true }).waitFor({ timeout: 30_000 });
  return embedded;
}

export interface PostgresEntry {
  name: string;
  database: string;
  /** Left empty, the form's 5432 and no password (the local PostgreSQL trusts 127.0.0.1). */
  port?: number;
  password?: string;
}

/** Fills the open database form for a PostgreSQL on 127.0.0.1 as user postgres. */
export async function fillPostgresForm(page: Page, t: Translate, db: PostgresEntry) {
  const field = (key: string) => labelled(page, t(`databases.form.${key}`));
  await field('name').fill(db.name);
  await field('host').fill('127.0.0.1');
  if (db.port !== undefined) await field('port').fill(String(db.port));
  await field('username').fill('postgres');
  if (db.password !== undefined) await field('password').fill(db.password);
  await field('database').fill(db.database);
}

/** Clicks "Test connection" and waits for the success that names `version`. */
export async function testConnection(page: Page, t: Translate, version: string) {
  await page.getByRole('button', { name: t('databases.form.test') }).click();
  const success = t('databases.testResult.success', { version });
  await page.getByText(success, { exact: false }).waitFor({ timeout: 20_000 });
}

/**
 * Adds a PostgreSQL database from the Databases page's form and waits for it in the list;
 * with `testedVersion`, "Test connection" must succeed with that version first.
 */
export async function addPostgresDatabase(
  page: Page,
  t: Translate,
  db: PostgresEntry & { testedVersion?: string; capture?: Capture },
) {
  await openAddForm(page, t('nav.databases'), t('databases.add'));
  await fillPostgresForm(page, t, db);
  if (db.testedVersion !== undefined) {
    await testConnection(page, t, db.testedVersion);
    await db.capture?.(`database-test-ok-${db.name.toLowerCase().replaceAll(' ', '-')}`);
  }
  await page.getByRole('button', { name: t('common.save') }).click();
  await page.getByRole('cell', { name: db.name, exact: true }).waitFor();
}
