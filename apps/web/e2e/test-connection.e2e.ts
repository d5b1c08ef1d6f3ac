import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturer, openPage } from './support/browser.js';
import { type Language, translator } from './support/catalogue.js';
import {
  ACCOUNT_PASSWORD,
  fillPostgresForm,
  isSamePage,
  labelled,
  markSamePage,
  navLink,
  openLoginPage,
  registerAccount,
  testConnection,
} from './support/page.js';
import { enrollAndRunAgent, startServerWithWeb } from './support/stack.js';

/**
 * The foundation's user story, in Chromium against the real server serving the built web app,
 * a real agent process and the local PostgreSQL: register → enroll an agent and watch it come online → add the
 * database → "Test connection" succeeds with the version → save → a missing database is named.
 */
describe.each<Language>(['en', 'tr'])('the test-connection story in %s', (language) => {
  const t = translator(language);
  const cleanups: (() => Promise<void>)[] = [];
  let browser: Browser;
  let page: Page;
  let errors: () => string[];
  let baseUrl: string;
  let capture: (step: string) => Promise<void>;

  beforeAll(async () => {
    const server = await startServerWithWeb(`${language}-${randomBytes(3).toString('hex')}`);
    cleanups.push(server.stop);
    baseUrl = server.url;
    ({ browser, page, errors } = await openPage({
      locale: 'en-US',
      viewport: { width: 1280, height: 900 },
    }));
    cleanups.push(() => browser.close());
    capture = capturer(page, language);
  });

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('registers the first account in the chosen language', async () => {
    await openLoginPage(page, baseUrl, language);
    await capture('login');

    const email = `e2e-${language}@example.com`;
    await registerAccount(page, t, { name: 'Ayşe Test', email, capture });
    await capture('dashboard');
  });

  it('enrolls an agent with the shown command and sees it come online without a reload', async () => {
    await navLink(page, t('nav.agents')).click();
    await page.getByRole('heading', { name: t('agents.emptyTitle') }).waitFor();
    await capture('agents-empty');
    await markSamePage(page);

    const agentName = `e2e-${language}-${randomBytes(3).toString('hex')}`;
    await page
      .getByRole('button', { name: t('agents.add') })
      .first()
      .click();
    await labelled(page, t('agents.enroll.nameLabel')).fill(agentName);
    await page.getByRole('button', { name: t('agents.enroll.create') }).click();
    const command = (await page.getByTestId('enrollment-command').textContent()) ?? '';
    expect(command).toMatch(/^npx rahatback-agent enroll --server \S+ --token \S+$/);
    await capture('agents-enroll');

    const agent = await enrollAndRunAgent(command);
    cleanups.push(agent.remove);
    const dialog = page.getByRole('dialog');
    await dialog
      .getByText(t('agents.enroll.connected', { name: agentName }))
      .waitFor({ timeout: 30_000 });
    await capture('agents-enroll-connected');
    await page.keyboard.press('Escape');
    const row = page.getByRole('row').filter({ hasText: agentName });
    await row.getByText(t('agents.online'), { exact: true }).waitFor();
    expect(await isSamePage(page)).toBe(true);
    await capture('agents-online');
  });

  it('tests the local PostgreSQL, shows its version, and saves it', async () => {
    await navLink(page, t('nav.databases')).click();
    await page.getByRole('heading', { name: t('databases.emptyTitle') }).waitFor();
    await capture('databases-empty');
    await page
      .getByRole('link', { name: t('databases.add') })
      .first()
      .click();

    const field = (key: string) => labelled(page, t(`databases.form.${key}`));
    expect(await field('port').inputValue()).toBe('5432');
    expect(await field('agent').locator('option:checked').textContent()).toMatch(/^e2e-/);
    const name = `Local PostgreSQL ${language}`;
    await fillPostgresForm(page, t, { name, password: 'postgres', database: 'postgres' });
    await testConnection(page, t, 'PostgreSQL 15');
    await capture('database-test-ok');

    await page.getByRole('button', { name: t('common.save') }).click();
    await page.getByRole('heading', { name: t('databases.title') }).waitFor();
    await page.getByRole('cell', { name: `Local PostgreSQL ${language}` }).waitFor();
    await capture('databases-list');
  });

  it('names a database that does not exist', async () => {
    await page
      .getByRole('link', { name: t('databases.add') })
      .first()
      .click();
    const missing = `rahatback_missing_${randomBytes(4).toString('hex')}`;
    await fillPostgresForm(page, t, { name: 'Missing', database: missing });
    await page.getByRole('button', { name: t('databases.form.test') }).click();

    const failure = page.getByRole('alert').filter({ hasText: t('databases.testResult.failed') });
    await failure.waitFor({ timeout: 20_000 });
    expect(await failure.getAttribute('data-code')).toBe('DATABASE_NOT_FOUND');
    expect(await failure.textContent()).toContain(`database "${missing}" does not exist`);
    await capture('database-test-missing');
  });

  it('deletes the database and revokes the agent, each after asking', async () => {
    await navLink(page, t('nav.databases')).click();
    const databaseRow = page.getByRole('row').filter({ hasText: `Local PostgreSQL ${language}` });
    await databaseRow.getByRole('button', { name: t('common.delete') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(t('databases.deleteBody')).waitFor();
    await capture('database-delete-confirm');
    await dialog.getByRole('button', { name: t('databases.deleteConfirm') }).click();
    await page.getByRole('heading', { name: t('databases.emptyTitle') }).waitFor();

    await navLink(page, t('nav.agents')).click();
    await page.getByRole('button', { name: t('agents.revoke') }).click();
    await dialog.getByText(t('agents.revokeBody')).waitFor();
    await capture('agent-revoke-confirm');
    await dialog.getByRole('button', { name: t('agents.revokeConfirm') }).click();
    await page.getByRole('heading', { name: t('agents.emptyTitle') }).waitFor();
  });

  it('remembers the language across a reload, then signs out and back in', async () => {
    await page.reload();
    await page.getByRole('heading', { name: t('agents.title'), exact: true }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe(language);

    await page.getByRole('button', { name: t('user.menu') }).click();
    await page.getByRole('menuitem', { name: t('user.logout') }).click();
    await page.getByRole('heading', { name: t('auth.login.title') }).waitFor();
    await labelled(page, t('auth.fields.email')).fill(`e2e-${language}@example.com`);
    await labelled(page, t('auth.fields.password')).fill(ACCOUNT_PASSWORD);
    await page.getByRole('button', { name: t('auth.login.submit') }).click();
    await page.getByRole('heading', { name: t('dashboard.title') }).waitFor();
  });

  it('showed no browser console error or page error', () => {
    expect(errors()).toEqual([]);
  });
});
