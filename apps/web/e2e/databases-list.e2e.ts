import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturer, openPage } from './support/browser.js';
import { type Language, translator } from './support/catalogue.js';
import {
  fillPostgresForm,
  isSamePage,
  labelled,
  markSamePage,
  navLink,
  openAddForm,
  openLoginPage,
  registerAccount,
  waitForEmbeddedAgent,
} from './support/page.js';
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
  const t = translator(language);
  const suffix = randomBytes(3).toString('hex');
  const source = `rb_e2e_dblist_${language}_${suffix}`;
  const cleanups: (() => Promise<void>)[] = [];
  let browser: Browser;
  let page: Page;
  let errors: () => string[];
  let baseUrl: string;
  const row = () => page.getByRole('row').filter({ hasText: 'Shop' });
  let capture: (step: string) => Promise<void>;

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
    ({ browser, page, errors } = await openPage({
      locale: 'en-US',
      timezoneId: 'Europe/Istanbul',
      viewport: { width: 1366, height: 900 },
    }));
    cleanups.push(() => browser.close());
    capture = capturer(page, language, 'databases-');
  }, 180_000);

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('shows the embedded agent under its name in the language, and adds a database on it', async () => {
    await openLoginPage(page, baseUrl, language);
    const email = `dblist-${language}-${suffix}@example.com`;
    await registerAccount(page, t, { name: 'Databases List', email });

    const embedded = await waitForEmbeddedAgent(page, t);
    await embedded.getByText(t('agents.embeddedName'), { exact: true }).waitFor();
    await navLink(page, t('nav.storages')).click();
    await page.getByRole('cell', { name: t('storages.embeddedName'), exact: true }).waitFor();

    await openAddForm(page, t('nav.databases'), t('databases.add'));
    await fillPostgresForm(page, t, { name: 'Shop', database: source });
    expect(
      await labelled(page, t('databases.form.agent')).locator('option:checked').textContent(),
    ).toBe(t('agents.embeddedName'));
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
