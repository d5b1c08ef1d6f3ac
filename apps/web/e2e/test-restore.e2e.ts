import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturer, openPage } from './support/browser.js';
import { translator } from './support/catalogue.js';
import {
  addPostgresDatabase,
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
 * Test restores in Chromium against the real server with its embedded agent and the local
 * PostgreSQL: a job with test restores after each backup is run now → the history shows the
 * run verified, with each table's rows in its details, and the dashboard stops listing the job
 * as never test-restored; a job without them is test-restored from the history's button.
 */
const suffix = randomBytes(3).toString('hex');
const source = `rb_e2e_verify_${suffix}`;
const LOCAL_FOLDER = 'Local folder (this server)';
const t = translator('en');

describe('test restores in the browser', () => {
  const cleanups: (() => Promise<void>)[] = [];
  let browser: Browser;
  let page: Page;
  let errors: () => string[];
  let baseUrl: string;
  let capture: (step: string) => Promise<void>;
  const runRow = (job: string) => page.locator('tr[data-run-id]').filter({ hasText: job });
  const unverified = () => page.getByTestId('unverified-jobs');

  /** Creates an unencrypted job on the embedded agent's folder; `verify` turns test restores on. */
  async function createJob(name: string, verify: boolean) {
    await openAddForm(page, t('nav.jobs'), t('jobs.add'));
    await labelled(page, t('jobs.form.name')).fill(name);
    await labelled(page, t('jobs.form.database')).selectOption({ label: 'Shop' });
    await page.getByRole('checkbox', { name: LOCAL_FOLDER }).check();
    await page.getByLabel(t('jobs.form.encrypt')).uncheck();
    await page.getByText(t('jobs.form.verifyExplain')).waitFor();
    if (verify) {
      await page.getByLabel(t('jobs.form.verify')).check();
      const when = labelled(page, t('jobs.form.verifyWhen'));
      expect(await when.inputValue()).toBe('afterBackup');
      // Their own schedule shows its preview; the story keeps "after every backup".
      await when.selectOption('schedule');
      const previews = page.getByTestId('schedule-preview');
      await previews.nth(1).getByRole('listitem').first().waitFor();
      await capture('job-form-own-schedule');
      await when.selectOption('afterBackup');
      expect(await previews.count()).toBe(1);
      await capture('job-form');
    }
    await page.getByRole('button', { name: t('common.save') }).click();
    await page.getByRole('row').filter({ hasText: name }).getByText(t('jobs.neverRun')).waitFor();
  }

  async function runNow(job: string) {
    await navLink(page, t('nav.jobs')).click();
    await page
      .getByRole('row')
      .filter({ hasText: job })
      .getByRole('button', { name: t('jobs.runNow') })
      .click();
    await navLink(page, t('nav.history')).click();
    await runRow(job).getByText(t('runs.status.success')).waitFor({ timeout: 120_000 });
  }

  /** The run's details show each table's rows as the test restore counted them. */
  async function expectCounts(job: string) {
    await runRow(job)
      .getByRole('button', { name: t('history.detailsButton') })
      .click();
    const counts = page.getByTestId('verification-counts');
    await counts.waitFor();
    // The drawer slides in: screenshots wait until it stands still.
    const left = async () => (await page.getByRole('dialog').boundingBox())?.x;
    let last: number | undefined;
    await expect
      .poll(async () => {
        const [before, now] = [last, await left()];
        last = now;
        return before !== undefined && before === now;
      })
      .toBe(true);
    const rows = (await counts.locator('tbody tr').allInnerTexts()).map((row) =>
      row.replace(/\s+/g, ' ').trim(),
    );
    expect(rows).toEqual([
      expect.stringMatching(/^(public\.)?customers 1,200$/),
      expect.stringMatching(/^(public\.)?orders 37$/),
    ]);
  }

  beforeAll(async () => {
    await psql('postgres', `CREATE DATABASE ${source}`);
    cleanups.push(async () => {
      await psql('postgres', `DROP DATABASE IF EXISTS ${source} WITH (FORCE)`);
    });
    await psql(
      source,
      `CREATE TABLE customers AS SELECT g AS id, 'customer ' || g AS name FROM generate_series(1, 1200) g;
       CREATE TABLE orders AS SELECT g AS id, g % 10 AS customer_id FROM generate_series(1, 37) g;`,
    );
    const server = await startServerWithWeb(`test-restore-${suffix}`, { isEmbeddedAgentOn: true });
    cleanups.push(server.stop);
    baseUrl = server.url;
    ({ browser, page, errors } = await openPage({
      locale: 'en-US',
      timezoneId: 'Europe/Istanbul',
      viewport: { width: 1440, height: 900 },
    }));
    cleanups.push(() => browser.close());
    capture = capturer(page, 'en', 'test-restore-');
  });

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('registers, with the embedded agent online, and adds the database', async () => {
    await openLoginPage(page, baseUrl, 'en');
    const email = `verify-${suffix}@example.com`;
    await registerAccount(page, t, { name: 'Test Restore Story', email });
    await waitForEmbeddedAgent(page, t);
    await addPostgresDatabase(page, t, { name: 'Shop', database: source });
  });

  it('test-restores a job’s backup right after it, with the rows of each table', async () => {
    await createJob('Verified nightly', true);
    await markSamePage(page);
    await runNow('Verified nightly');
    const badge = runRow('Verified nightly').locator('[data-verification]');
    await expect
      .poll(() => badge.getAttribute('data-verification'), { timeout: 120_000 })
      .toBe('success');
    expect(await badge.textContent()).toContain('✓');
    const restores = page.getByRole('table', { name: t('restore.listLabel') });
    const test = restores.locator('td[data-mode="verify"]');
    await test.getByText(t('restore.mode.verify')).waitFor();
    await capture('history-verified');
    await expectCounts('Verified nightly');
    await capture('details-counts');
    await page.keyboard.press('Escape');
    expect(await isSamePage(page)).toBe(true);
  });

  it('no longer lists that job on the dashboard as never test-restored', async () => {
    await navLink(page, t('nav.dashboard')).click();
    await page.getByText(t('dashboard.allVerified')).waitFor();
    await capture('dashboard-all-verified');
  });

  it('test-restores another job’s backup from the history’s button', async () => {
    await createJob('Unverified weekly', false);
    await runNow('Unverified weekly');
    const row = runRow('Unverified weekly');
    expect(await row.locator('[data-verification]').getAttribute('data-verification')).toBe(
      'never',
    );

    // The dashboard names it, and points both to its settings and to the history.
    await navLink(page, t('nav.dashboard')).click();
    const listed = unverified().locator('div').filter({ hasText: 'Unverified weekly' }).first();
    await listed.getByText(t('dashboard.neverVerified')).waitFor();
    await listed.getByRole('link', { name: t('dashboard.turnOnVerification') }).waitFor();
    expect(await unverified().textContent()).not.toContain('Verified nightly');
    await capture('dashboard-never');
    await listed.getByRole('link', { name: t('dashboard.verifyFromHistory') }).click();

    await runRow('Unverified weekly')
      .getByRole('button', { name: t('history.verify.buttonLabel', { name: 'Unverified weekly' }) })
      .click();
    await page.getByText(t('history.verify.started')).waitFor();
    const badge = runRow('Unverified weekly').locator('[data-verification]');
    await expect
      .poll(() => badge.getAttribute('data-verification'), { timeout: 120_000 })
      .toBe('success');
    await capture('history-button-verified');
    await expectCounts('Unverified weekly');
    await page.keyboard.press('Escape');

    await navLink(page, t('nav.dashboard')).click();
    await page.getByText(t('dashboard.allVerified')).waitFor();
  });

  it('showed no browser console error or page error', () => {
    expect(errors()).toEqual([]);
  });
});
