// @vitest-environment happy-dom
import type { BackupJob, DashboardJob, DashboardRunPoint } from '@rahatback/protocol';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime } from '../i18n/format.js';
import { changeLanguage, setupI18n } from '../i18n/i18n.js';
import { byLabel, choose, type Rendered, render } from '../test/render.js';
import { BackupTrendChart } from './dashboard-chart.js';
import { NeedsAttention, StorageUsed } from './dashboard-sections.js';

let rendered: Rendered | undefined;
beforeAll(setupI18n);
afterEach(async () => {
  rendered?.unmount();
  await changeLanguage('en');
});

const inRouter = (ui: ReactNode) => render(<MemoryRouter>{ui}</MemoryRouter>);

const point = (
  day: number,
  status: DashboardRunPoint['status'],
  storedSize: number | null,
  durationMs: number | null,
): DashboardRunPoint => ({
  runId: `run-${day}`,
  startedAt: new Date(Date.UTC(2026, 10, day, 2)).toISOString(),
  status,
  storedSize,
  rawSize: storedSize,
  durationMs,
});

const dashboardJob = (name: string, patch: Partial<DashboardJob> = {}): DashboardJob => ({
  jobId: `id-${name}`,
  name,
  isVerificationEnabled: false,
  lastVerification: null,
  series: [],
  ...patch,
});

const text = (r: Rendered, selector: string) =>
  [...r.container.querySelectorAll(selector)].map((e) => e.textContent?.trim());

// In the reader's time zone, as the page shows it.
const shown = (day: number) =>
  formatDateTime(new Date(Date.UTC(2026, 10, day, 2)).toISOString(), 'en');

describe('the dashboard’s chart', () => {
  const nightly = dashboardJob('nightly', {
    series: [
      point(1, 'success', 2_000_000, 30_000),
      point(2, 'failed', 0, 4_000),
      point(3, 'success', 3_500_000, 45_000),
    ],
  });

  it('labels its axes with sizes and durations and summarises the points for screen readers', async () => {
    rendered = await inRouter(<BackupTrendChart jobs={[nightly]} />);
    const svg = rendered.container.querySelector('svg[role="img"]');
    expect(svg?.getAttribute('aria-label')).toBe(
      `nightly: 3 finished backups from ${shown(1)} to ${shown(3)}. ` +
        'Stored size from 2 MB to 3.5 MB, duration from 30 sec to 45 sec. ' +
        'Runs that did not succeed: 1.',
    );
    const labels = text(rendered, 'svg[role="img"] text');
    expect(labels).toEqual(expect.arrayContaining(['0 B', '1 MB', '4 MB', '0 sec', '45 sec']));
    expect(rendered.container.querySelectorAll('[data-testid="chart-failure"]')).toHaveLength(1);
    // No job selector for a single job.
    expect(rendered.container.querySelector('select')).toBeNull();

    const rows = [...rendered.container.querySelectorAll('table tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      [shown(1), 'Succeeded', '2 MB', '30 sec'],
      [shown(2), 'Failed', '0 B', '4 sec'],
      [shown(3), 'Succeeded', '3.5 MB', '45 sec'],
    ]);
  });

  it('switches between jobs and says what to do for a job without backups', async () => {
    await changeLanguage('tr');
    rendered = await inRouter(<BackupTrendChart jobs={[nightly, dashboardJob('weekly')]} />);
    const select = byLabel(rendered.container, 'Görev');
    expect(select.value).toBe('id-nightly');
    expect(rendered.container.querySelector('svg[role="img"]')).not.toBeNull();

    await choose(select, 'id-weekly');
    expect(rendered.container.querySelector('svg[role="img"]')).toBeNull();
    expect(text(rendered, '[data-testid="chart-empty"] p')).toEqual([
      'weekly son 30 günde hiç yedek tamamlamadı. Görevler sayfasından şimdi çalıştırın; boyutu ve süresi burada görünür.',
    ]);
    expect(rendered.container.querySelector('a[href="/jobs"]')?.textContent).toBe('Görevlere git');
  });
});

describe('the dashboard’s sections', () => {
  it('lists failing jobs with the server’s sentence and jobs whose backups were never test-restored', async () => {
    const broken = {
      id: 'b',
      name: 'broken',
      lastRun: { status: 'failed', error: { code: 'UNKNOWN', message: 'database "x" is gone' } },
    } as BackupJob;
    rendered = await inRouter(
      <NeedsAttention
        failing={[broken]}
        jobs={[
          dashboardJob('off'),
          dashboardJob('pending', { isVerificationEnabled: true }),
          dashboardJob('fine', {
            isVerificationEnabled: true,
            lastVerification: {
              verifiedAt: '2026-11-20T10:00:00.000Z',
              status: 'success',
              runId: 'r',
            },
          }),
        ]}
      />,
    );
    const content = rendered.container.textContent ?? '';
    expect(content).toContain('database "x" is gone');
    expect(content).not.toContain('fine');
    const unverified = rendered.container.querySelector('[data-testid="unverified-jobs"]');
    expect(unverified?.textContent).toBe(
      'off' +
        'Never test-restored: a backup that was never restored is not known to restore. ' +
        "Turn on test restores in the job's settings. " +
        'Or test-restore one of its backups from the history.' +
        'pending' +
        'Never test-restored: a backup that was never restored is not known to restore. ' +
        'Test restores are on: the next successful backup will be test-restored.',
    );
    const hint = [...(unverified?.querySelectorAll('a') ?? [])].find((a) =>
      a.textContent?.startsWith('Turn on'),
    );
    expect(hint?.getAttribute('href')).toBe('/jobs/id-off');
  });

  it('says so when no job failed and every job’s latest test restore succeeded', async () => {
    rendered = await inRouter(
      <NeedsAttention
        failing={[]}
        jobs={[
          dashboardJob('fine', {
            lastVerification: {
              verifiedAt: '2026-11-20T10:00:00.000Z',
              status: 'success',
              runId: 'r',
            },
          }),
        ]}
      />,
    );
    expect(rendered.container.textContent).toContain("Every job's last run succeeded.");
    expect(rendered.container.textContent).toContain("Every job's latest test restore succeeded.");
  });

  it('shows the bytes and backups each destination holds, with the total', async () => {
    await changeLanguage('tr');
    rendered = await inRouter(
      <StorageUsed
        storages={[
          { storageId: 's1', name: 'nas', kind: 'local', bytes: 1_500_000, backups: 3 },
          { storageId: 's2', name: 'bucket', kind: 's3', bytes: 2_000_000_000, backups: 1200 },
        ]}
      />,
    );
    const rows = [...rendered.container.querySelectorAll('tr')].map((row) =>
      [...row.querySelectorAll('td, th')].map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      ['Hedef', 'Kullanılan', 'Yedekler'],
      ['nasYerel klasör', '1,5 MB', '3'],
      ['bucketS3 kovası', '2 GB', '1.200'],
      ['Toplam', '2 GB', '1.203'],
    ]);
  });

  it('points to adding a destination when there is none', async () => {
    rendered = await inRouter(<StorageUsed storages={[]} />);
    expect(rendered.container.querySelector('a[href="/storages/new"]')?.textContent).toBe(
      'Add a destination',
    );
  });
});
