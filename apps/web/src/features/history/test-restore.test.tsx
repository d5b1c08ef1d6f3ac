// @vitest-environment happy-dom
import type { BackupRun, Restore, RestorePage } from '@rahatback/protocol';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { restoresQueryKey } from '../../api/restores.js';
import { changeLanguage, setupI18n } from '../../i18n/i18n.js';
import { type Rendered, render } from '../../test/render.js';
import { VerificationBadge, VerificationSection } from './test-restore.js';

const run = (patch: Partial<BackupRun> = {}): BackupRun => ({
  id: 'run-1',
  jobId: 'job-1',
  jobName: 'Nightly',
  databaseId: 'db-1',
  status: 'success',
  trigger: 'manual',
  startedAt: '2026-11-20T02:00:00.000Z',
  finishedAt: '2026-11-20T02:01:00.000Z',
  durationMs: 60_000,
  rawSize: 2048,
  storedSize: 1024,
  sha256: 'a'.repeat(64),
  destinations: [
    {
      storageId: 'st-1',
      storageName: 'Local folder',
      objectKey: 'nightly/run-1.rbk',
      storedSize: 1024,
      sha256: 'a'.repeat(64),
      ok: true,
      error: null,
    },
  ],
  error: null,
  logTail: [],
  progress: null,
  clientToolVersion: null,
  serverVersion: null,
  encrypted: false,
  compression: 'zstd',
  lastRestoreStatus: null,
  lastRestoredAt: null,
  verifiedAt: null,
  verification: null,
  ...patch,
});

const verifyRestore = (patch: Partial<Restore> = {}): Restore => ({
  id: 'restore-1',
  backupRunId: 'run-1',
  jobId: 'job-1',
  sourceDatabaseId: 'db-1',
  targetDatabaseId: 'db-1',
  mode: 'verify',
  dropExisting: false,
  status: 'running',
  startedAt: '2026-11-20T03:00:00.000Z',
  finishedAt: null,
  durationMs: null,
  bytesRead: null,
  checksumVerified: false,
  tableCounts: null,
  error: null,
  logTail: [],
  progress: null,
  ...patch,
});

/** The restores list as the server would answer it, so that nothing is fetched. */
function clientWith(restores: Restore[]): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  const page: RestorePage = { items: restores, total: restores.length, page: 1, pageSize: 50 };
  client.setQueryData(restoresQueryKey, page);
  return client;
}

let rendered: Rendered | undefined;
beforeAll(setupI18n);
afterEach(async () => {
  rendered?.unmount();
  await changeLanguage('en');
});

describe('a run’s test restore', () => {
  it('shows the rows of each table counted by a successful test restore', async () => {
    const verified = run({
      verifiedAt: '2026-11-20T03:00:00.000Z',
      verification: {
        status: 'success',
        verifiedAt: '2026-11-20T03:00:00.000Z',
        tableCounts: [
          { table: 'public.customers', rows: 1200 },
          { table: 'public.orders', rows: 3 },
        ],
        error: null,
      },
    });
    rendered = await render(
      <QueryClientProvider client={clientWith([])}>
        <VerificationSection run={verified} />
      </QueryClientProvider>,
    );
    const badge = rendered.container.querySelector('[data-verification]');
    expect(badge?.getAttribute('data-verification')).toBe('success');
    expect(badge?.textContent).toContain('Verified ✓');
    const rows = [
      ...rendered.container.querySelectorAll('[data-testid="verification-counts"] tbody tr'),
    ];
    expect(rows.map((row) => row.textContent)).toEqual(['public.customers1,200', 'public.orders3']);
    const button = rendered.container.querySelector('button');
    expect(button?.textContent).toBe('Test restore');
  });

  it('shows why a test restore failed, next to its badge', async () => {
    const failed = run({
      verification: {
        status: 'failed',
        verifiedAt: '2026-11-20T03:00:00.000Z',
        tableCounts: [],
        error: {
          code: 'RESTORE_FAILED',
          message: 'permission denied to create database: grant CREATEDB to the backup user',
        },
      },
    });
    rendered = await render(<VerificationBadge run={failed} hasSentence />);
    expect(rendered.container.textContent).toContain('Test restore failed');
    expect(rendered.container.textContent).toContain('grant CREATEDB to the backup user');
  });

  it('says when a backup was never test-restored, and follows one going', async () => {
    rendered = await render(
      <QueryClientProvider client={clientWith([verifyRestore()])}>
        <VerificationSection run={run()} />
      </QueryClientProvider>,
    );
    expect(rendered.container.textContent).toContain('never test-restored');
    expect(rendered.container.querySelector('[data-testid="run-progress"]')).not.toBeNull();
    expect(rendered.container.querySelector('button')?.getAttribute('data-loading')).toBe('true');
  });

  it('offers no test restore of a backup whose copies retention deleted', async () => {
    const gone = run({
      destinations: run().destinations.map((d) => ({ ...d, deletedAt: '2026-11-21T00:00:00Z' })),
    });
    rendered = await render(
      <QueryClientProvider client={clientWith([])}>
        <VerificationSection run={gone} />
      </QueryClientProvider>,
    );
    expect(rendered.container.querySelector('button')).toBeNull();
  });
});
