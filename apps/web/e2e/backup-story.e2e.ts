import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, watchForErrors } from './support/browser.js';
import { englishOnlyTexts, type Language, text } from './support/catalogue.js';
import { enrollAndRunAgent, startServerWithWeb } from './support/stack.js';

/**
 * Story 1 of issue 5 in Chromium against the real server, a real agent and the local
 * PostgreSQL: register → agent online → add the database → add a local-folder destination
 * and test it → create an encrypted daily job → run now → success appears without a reload,
 * and the encrypted file is in the folder; then story 2: restore it into a second database with
 * the typed confirmation, and check the rows there with psql.
 */
const exec = promisify(execFile);
const psql = async (database: string, sql: string) =>
  (
    await exec('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', database, '-tAc', sql])
  ).stdout.trim();

describe.each<Language>(['en', 'tr'])('the backup story in %s', (language) => {
  const t = (key: string, values?: Record<string, string>) => text(language, key, values);
  const cleanups: (() => Promise<void>)[] = [];
  const suffix = randomBytes(3).toString('hex');
  let browser: Browser;
  let page: Page;
  let errors: () => string[];
  let baseUrl: string;
  let folder: string;
  const englishOnly = englishOnlyTexts();
  /** Saves the page's screenshot; in Turkish, also checks that no English text is left on it. */
  const capture = async (step: string) => {
    await screenshot(page, language, `backup-${step}`);
    if (language === 'en') return;
    const lines = (await page.locator('body').innerText()).split('\n').map((line) => line.trim());
    expect(lines.filter((line) => englishOnly.has(line))).toEqual([]);
  };
  const percent = (share: number) =>
    new Intl.NumberFormat(language, { style: 'percent' }).format(share);
  const daily = () => t('jobs.scheduleWords.daily', { time: '02:00', timezone: 'Europe/Istanbul' });
  const source = `rb_e2e_src_${suffix}`;
  const target = `rb_e2e_dst_${suffix}`;

  beforeAll(async () => {
    for (const database of [source, target]) {
      await psql('postgres', `CREATE DATABASE ${database}`);
      cleanups.push(async () => {
        await psql('postgres', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      });
    }
    await psql(source, 'CREATE TABLE orders (id int PRIMARY KEY, item text)');
    await psql(source, "INSERT INTO orders SELECT g, 'item ' || g FROM generate_series(1, 500) g");
    await psql(target, 'CREATE TABLE orders (id int PRIMARY KEY, item text)');
    const server = await startServerWithWeb(`backup-${suffix}`);
    cleanups.push(server.stop);
    baseUrl = server.url;
    folder = await mkdtemp(join(tmpdir(), 'rahatback-e2e-folder-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    browser = await launchChromium();
    cleanups.push(() => browser.close());
    const context = await browser.newContext({
      locale: 'en-US',
      timezoneId: 'Europe/Istanbul',
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    errors = watchForErrors(page);
  });

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('registers and enrolls an agent that comes online', async () => {
    await page.goto(baseUrl);
    await page.getByRole('heading', { name: text('en', 'auth.login.title') }).waitFor();
    if (language === 'tr') {
      await page.getByLabel(text('en', 'language.label')).selectOption('tr');
      await page.getByRole('heading', { name: t('auth.login.title') }).waitFor();
    }
    await page.getByRole('link', { name: t('auth.login.registerLink') }).click();
    await labelled(page, t('auth.fields.name')).fill('Backup Story');
    await labelled(page, t('auth.fields.email')).fill(`backup-${suffix}@example.com`);
    await labelled(page, t('auth.fields.password')).fill('a long enough password');
    await page.getByRole('button', { name: t('auth.register.submit') }).click();
    await page.getByRole('heading', { name: t('dashboard.title') }).waitFor();
    await capture('dashboard-empty');

    await navLink(page, t('nav.agents')).click();
    await page
      .getByRole('button', { name: t('agents.add') })
      .first()
      .click();
    await labelled(page, t('agents.enroll.nameLabel')).fill(`story-${suffix}`);
    await page.getByRole('button', { name: t('agents.enroll.create') }).click();
    const command = (await page.getByTestId('enrollment-command').textContent()) ?? '';
    const agent = await enrollAndRunAgent(command);
    cleanups.push(agent.remove);
    await page
      .getByRole('dialog')
      .getByText(t('agents.enroll.connected', { name: `story-${suffix}` }))
      .waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
  });

  it('adds the source and a second PostgreSQL database', async () => {
    for (const [name, database] of [
      ['Local PostgreSQL', source],
      ['Restore target', target],
    ] as const) {
      await page.goto(`${baseUrl}/databases/new`);
      const field = (key: string) => labelled(page, t(`databases.form.${key}`));
      await field('name').fill(name);
      await field('host').fill('127.0.0.1');
      await field('username').fill('postgres');
      await field('database').fill(database);
      await page.getByRole('button', { name: t('common.save') }).click();
      await page.getByRole('cell', { name }).waitFor();
    }
  });

  it('adds a local-folder destination, tests it and saves it', async () => {
    await navLink(page, t('nav.storages')).click();
    await page.getByRole('heading', { name: t('storages.emptyTitle') }).waitFor();
    await capture('storages-empty');
    await page
      .getByRole('link', { name: t('storages.add') })
      .first()
      .click();
    await labelled(page, t('storages.form.name')).fill('Backup folder');
    await labelled(page, t('storages.form.localPath')).fill('backups');
    await page.getByRole('button', { name: t('storages.form.test') }).click();
    await page.getByText(t('storages.validation.absolutePath')).waitFor();

    await labelled(page, t('storages.form.localPath')).fill(folder);
    await page.getByRole('button', { name: t('storages.form.test') }).click();
    await page.getByText(t('storages.test.success')).waitFor({ timeout: 20_000 });
    await capture('storage-test-ok');

    await labelled(page, t('storages.form.kind')).selectOption('s3');
    await labelled(page, t('storages.form.preset')).selectOption('wasabi');
    expect(await labelled(page, t('storages.form.endpoint')).inputValue()).toBe(
      'https://s3.us-east-1.wasabisys.com',
    );
    await capture('storage-s3-preset');
    await labelled(page, t('storages.form.kind')).selectOption('local');

    await page.getByRole('button', { name: t('common.save') }).click();
    await page.getByRole('cell', { name: 'Backup folder' }).waitFor();
    await capture('storages-list');
  });

  it('creates an encrypted daily job, previewing its next runs in the browser’s zone', async () => {
    await navLink(page, t('nav.jobs')).click();
    await page
      .getByRole('link', { name: t('jobs.add') })
      .first()
      .click();
    await labelled(page, t('jobs.form.name')).fill('Nightly');
    await page.getByRole('checkbox', { name: 'Backup folder' }).check();
    expect(await labelled(page, t('jobs.form.timezone')).inputValue()).toBe('Europe/Istanbul');
    const preview = page.getByTestId('schedule-preview');
    await preview.getByText(daily()).waitFor();
    expect(await preview.getByRole('listitem').count()).toBe(5);

    await labelled(page, t('jobs.form.schedule')).selectOption('cron');
    await labelled(page, t('jobs.form.cron')).fill('0 2 * *');
    await preview.getByText(t('jobs.form.previewInvalid')).waitFor();
    await labelled(page, t('jobs.form.cron')).fill('30 3 * * 1');
    await preview.getByRole('listitem').first().waitFor();
    await capture('job-cron-preview');
    await labelled(page, t('jobs.form.schedule')).selectOption('daily');

    await labelled(page, t('jobs.form.passphrase')).fill('correct horse battery');
    await labelled(page, t('jobs.form.passphraseAgain')).fill('correct horse batter');
    await page.getByRole('button', { name: t('common.save') }).click();
    await page.getByText(t('jobs.form.passphraseMismatch')).waitFor();
    await page.getByText(t('jobs.form.passphraseWarning')).waitFor();
    await labelled(page, t('jobs.form.passphraseAgain')).fill('correct horse battery');
    await capture('job-form');
    await page.getByRole('button', { name: t('common.save') }).click();

    const row = page.getByRole('row').filter({ hasText: 'Nightly' });
    await row.getByText(daily()).waitFor();
    await row.getByText(t('jobs.neverRun')).waitFor();
    await capture('jobs-list');
  });

  it('runs the job now and sees it succeed in the history without a reload', async () => {
    await page.evaluate(() => Object.assign(globalThis, { e2eSamePage: true }));
    const row = page.getByRole('row').filter({ hasText: 'Nightly' });
    await row.getByRole('button', { name: t('jobs.runNow') }).click();
    await row.getByText(t('runs.status.success')).waitFor({ timeout: 60_000 });

    await navLink(page, t('nav.history')).click();
    const run = page.getByRole('row').filter({ hasText: 'Nightly' });
    await run.getByText(t('runs.status.success')).waitFor();
    await run.getByText(t('history.trigger.manual')).waitFor();
    await run.getByRole('button', { name: t('history.detailsButton') }).click();
    expect(await page.getByTestId('run-sha256').textContent()).toMatch(/^[0-9a-f]{64}$/);
    await capture('history-details');
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => 'e2eSamePage' in globalThis)).toBe(true);

    const files = await readdir(folder, { recursive: true });
    expect(files.some((file) => /\.rbk|\.enc|\.zst/.test(String(file)))).toBe(true);
  });

  it('shows the success on the dashboard', async () => {
    await navLink(page, t('nav.dashboard')).click();
    await page
      .getByTestId(`stat-${t('dashboard.successRate')}`)
      .getByText(percent(1))
      .waitFor();
    await page.getByText(t('dashboard.noFailing')).waitFor();
    await capture('dashboard');
    await navLink(page, t('nav.history')).click();
  });

  it('restores the backup into the second database after the typed confirmation', async () => {
    const run = page.getByRole('row').filter({ hasText: 'Nightly' });
    await run.getByRole('button', { name: t('history.restoreButton') }).click();
    const dialog = page.getByRole('dialog');
    await labelled(dialog, t('restore.target')).selectOption({ label: 'Restore target' });
    await dialog.getByLabel(t('restore.dropExisting')).check();
    const submit = dialog.getByRole('button', { name: t('restore.submit') });
    expect(await submit.isDisabled()).toBe(true);
    await labelled(dialog, t('restore.typeName', { name: target })).fill(`${target}x`);
    expect(await submit.isDisabled()).toBe(true);
    await labelled(dialog, t('restore.typeName', { name: target })).fill(target);
    await capture('restore-confirm');
    await submit.click();

    const restore = page.getByRole('table', { name: t('restore.listLabel') }).getByRole('row');
    await restore
      .filter({ hasText: 'Restore target' })
      .getByText(t('runs.status.success'))
      .waitFor({
        timeout: 60_000,
      });
    await capture('restore-done');
    expect(await psql(target, 'SELECT count(*) FROM orders')).toBe('500');
  });

  it('shows a failed run’s sentence in the history and on the dashboard', async () => {
    // PostgreSQL here trusts any password, so the failure is a database that has gone away.
    await psql('postgres', `DROP DATABASE ${source} WITH (FORCE)`);
    await navLink(page, t('nav.jobs')).click();
    const row = page.getByRole('row').filter({ hasText: 'Nightly' });
    await row.getByRole('button', { name: t('jobs.runNow') }).click();
    await row.getByText(t('runs.status.failed')).waitFor({ timeout: 60_000 });

    await navLink(page, t('nav.history')).click();
    const failed = page.locator('tr[data-status="failed"]');
    const sentence = (await failed.getByTestId('run-error').textContent()) ?? '';
    expect(sentence).toContain(source);
    await capture('history-failed');

    await navLink(page, t('nav.dashboard')).click();
    await page.getByText(sentence).waitFor();
    await page
      .getByTestId(`stat-${t('dashboard.successRate')}`)
      .getByText(percent(0.5))
      .waitFor();
    await capture('dashboard-failed');
  });

  it('saves mail settings and shows the server’s sentence when the test email cannot go', async () => {
    await navLink(page, t('nav.settings')).click();
    await labelled(page, t('settings.smtp.host')).fill('127.0.0.1');
    await labelled(page, t('settings.smtp.port')).fill('1');
    await labelled(page, t('settings.smtp.from')).fill('RahatBack <backups@example.com>');
    await page.getByRole('button', { name: t('common.save') }).click();
    await page.getByText(t('settings.smtp.saved')).waitFor();
    await labelled(page, t('settings.smtp.testTo')).fill('me@example.com');
    await page.getByRole('button', { name: t('settings.smtp.sendTest') }).click();
    const failure = page.getByRole('alert').filter({ hasText: '127.0.0.1' });
    await failure.waitFor({ timeout: 30_000 });

    await labelled(page, t('settings.password.current')).fill('a long enough password');
    await labelled(page, t('settings.password.new')).fill('another long password');
    await labelled(page, t('settings.password.again')).fill('another long passwort');
    await page.getByRole('button', { name: t('settings.password.submit') }).click();
    await page.getByText(t('settings.password.mismatch')).waitFor();
    await capture('settings');
  });

  it('showed no browser console error or page error', () => {
    // Chromium logs every non-2xx answer. These two are the answers this story asks for: mail
    // not set up yet (404 before the first save) and a mail server that cannot be reached (502).
    const expected = [
      /404 .*\/api\/v1\/settings\/smtp\)$/,
      /502 .*\/api\/v1\/settings\/smtp\/test\)$/,
    ];
    expect(errors().filter((error) => !expected.some((pattern) => pattern.test(error)))).toEqual(
      [],
    );
  });
});

/** The input whose label reads exactly `label` (Mantine appends " *" to required fields). */
function labelled(page: Pick<Page, 'getByLabel'>, label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}

function navLink(page: Page, name: string) {
  return page.getByRole('navigation').getByRole('link', { name, exact: true });
}
