import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, watchForErrors } from './support/browser.js';
import { englishOnlyTexts, type Language, text } from './support/catalogue.js';
import { isSamePage, labelled, markSamePage, navLink, openAddForm } from './support/page.js';
import { psql } from './support/postgres.js';
import { startServerWithWeb } from './support/stack.js';

/**
 * Issue 5's Databases list in Chromium against the real server with its embedded agent and the
 * local PostgreSQL: a database never backed up says so; "Back up now" with no job explains that
 * a job is needed and opens the job form with the database chosen; with the job, "Back up now"
 * runs it and the list shows the success without a reload; with two jobs, it asks which. The
 * embedded agent and its folder show in the reader's language, in English and in Turkish.
 */
describe.each<Language>(['en', 'tr'])('the Databases list in %s', (language) => {
  const t = (key: string, values?: Record<string, string>) => text(language, key, values);
  const suffix = randomBytes(3).toString('hex');
  const source = `rb_e2e_dblist_${language}_${suffix}`;
  const cleanups: (() => Promise<void>)[] = [];
  const englishOnly = englishOnlyTexts();
  let browser: Browser;
  let page: Page;
  let errors: () => string[];
  let baseUrl: string;
  const row = () => page.getByRole('row').filter({ hasText: 'Shop' });
  const capture = async (step: string) => {
    await screenshot(page, language, `databases-${step}`);
    if (language === 'en') return;
    const lines = (await page.locator('body').innerText()).split('\n').map((line) => line.trim());
    expect(lines.filter((line) => englishOnly.has(line))).toEqual([]);
  };

  beforeAll(async () => {
    await psql('postgres', `CREATE DATABASE ${source}`);
    cleanups.push(async () => {
      await psql('postgres', `DROP DATABASE IF EXISTS ${source} WITH (FORCE)`);
    });
    await psql(
      source,
      "CREATE TABLE notes AS SELECT g AS id, 'note ' || g AS body FROM generate_series(1, 500) g",
    );
    const server = await startServerWithWeb(`databases-${language}-${suffix}`, {
      isEmbeddedAgentOn: true,
    });
    cleanups.push(server.stop);
    baseUrl = server.url;
    browser = await launchChromium();
    cleanups.push(() => browser.close());
    const context = await browser.newContext({
      locale: 'en-US',
      timezoneId: 'Europe/Istanbul',
      viewport: { width: 1366, height: 900 },
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    errors = watchForErrors(page);
  }, 180_000);

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('shows the embedded agent under its name in the language, and adds a database on it', async () => {
    await page.goto(baseUrl);
    if (language === 'tr') await page.getByLabel(text('en', 'language.label')).selectOption('tr');
    await page.getByRole('link', { name: t('auth.login.registerLink') }).click();
    await labelled(page, t('auth.fields.name')).fill('Databases List');
    await labelled(page, t('auth.fields.email')).fill(`dblist-${language}-${suffix}@example.com`);
    await labelled(page, t('auth.fields.password')).fill('a long enough password');
    await page.getByRole('button', { name: t('auth.register.submit') }).click();
    await page.getByRole('heading', { name: t('dashboard.title') }).waitFor();

    await navLink(page, t('nav.agents')).click();
    const embedded = page.getByRole('row').filter({ hasText: t('agents.embedded') });
    await embedded.getByText(t('agents.online'), { exact: true }).waitFor({ timeout: 30_000 });
    await embedded.getByText(t('agents.embeddedName'), { exact: true }).waitFor();
    await navLink(page, t('nav.storages')).click();
    await page.getByRole('cell', { name: t('storages.embeddedName'), exact: true }).waitFor();

    await openAddForm(page, t('nav.databases'), t('databases.add'));
    const field = (key: string) => labelled(page, t(`databases.form.${key}`));
    await field('name').fill('Shop');
    await field('host').fill('127.0.0.1');
    await field('username').fill('postgres');
    await field('database').fill(source);
    expect(await field('agent').locator('option:checked').textContent()).toBe(
      t('agents.embeddedName'),
    );
    await page.getByRole('button', { name: t('common.save') }).click();
    await row().getByText(t('databases.neverBackedUp')).waitFor();
    await row().getByText(t('agents.embeddedName')).waitFor();
    await capture('never-backed-up');
  });

  it('with no job, says a backup needs one and opens the job form with this database', async () => {
    await row()
      .getByRole('button', { name: t('databases.backupNow') })
      .click();
    await page.getByText(t('databases.backupNeedsJob')).waitFor();
    await capture('needs-job');
    await page.getByRole('link', { name: t('databases.createJobFor', { name: 'Shop' }) }).click();
    const database = labelled(page, t('jobs.form.database'));
    expect(await database.locator('option:checked').textContent()).toBe('Shop');
    await labelled(page, t('jobs.form.name')).fill('Nightly');
    await page.getByRole('checkbox', { name: t('storages.embeddedName') }).check();
    await page.getByLabel(t('jobs.form.encrypt')).uncheck();
    await page.getByRole('button', { name: t('common.save') }).click();
    await page.getByRole('row').filter({ hasText: 'Nightly' }).waitFor();
  });

  it('runs the one job, and the list shows the success without a reload', async () => {
    await navLink(page, t('nav.databases')).click();
    await markSamePage(page);
    await row()
      .getByRole('button', { name: t('databases.backupNow') })
      .click();
    await page.getByText(t('jobs.started', { name: 'Nightly' })).waitFor();
    await row().getByText(t('runs.status.success'), { exact: true }).waitFor({ timeout: 60_000 });
    expect(await isSamePage(page)).toBe(true);
    await capture('backed-up');
  });

  it('with two jobs, asks which one to run', async () => {
    await openAddForm(page, t('nav.jobs'), t('jobs.add'));
    await labelled(page, t('jobs.form.name')).fill('Hourly');
    await labelled(page, t('jobs.form.database')).selectOption({ label: 'Shop' });
    await page.getByRole('checkbox', { name: t('storages.embeddedName') }).check();
    await page.getByLabel(t('jobs.form.encrypt')).uncheck();
    await page.getByRole('button', { name: t('common.save') }).click();
    await page.getByRole('row').filter({ hasText: 'Hourly' }).waitFor();

    await navLink(page, t('nav.databases')).click();
    await row()
      .getByRole('button', { name: t('databases.backupNow') })
      .click();
    await page.getByText(t('databases.pickJob')).waitFor();
    await capture('pick-job');
    await page.getByRole('menuitem', { name: 'Hourly' }).click();
    await page.getByText(t('jobs.started', { name: 'Hourly' })).waitFor();
  });

  it('showed no browser console error or page error', () => {
    expect(errors()).toEqual([]);
  });
});
