import type { BackupRun, Restore } from '@rahatback/protocol';
import type { BackupFinishedEvent, RestoreFinishedEvent } from './notification.summary.js';

/**
 * Example events, for the "send a test notification" action of a job's webhooks and mail:
 * the receiver sees exactly what a real run would send.
 */
export function sampleBackupEvent(
  overrides: Partial<BackupRun> = {},
  databaseName = 'example_db',
): BackupFinishedEvent {
  const run: BackupRun = {
    id: 'example-run',
    jobId: 'job_1',
    jobName: 'Example job',
    databaseId: 'db_1',
    status: 'success',
    trigger: 'schedule',
    startedAt: '2026-06-30T01:00:00.000Z',
    finishedAt: '2026-06-30T01:01:05.000Z',
    durationMs: 65_000,
    rawSize: 50 * 1024 * 1024,
    storedSize: 12.5 * 1024 * 1024,
    sha256: 'a'.repeat(64),
    destinations: [
      {
        storageId: 's1',
        storageName: 'Example storage',
        objectKey: 'example/2026-06-30T01-00-00Z_example-run.rbk',
        storedSize: 12.5 * 1024 * 1024,
        sha256: 'a'.repeat(64),
        ok: true,
        error: null,
      },
    ],
    error: null,
    logTail: [],
    progress: null,
    clientToolVersion: 'pg_dump (PostgreSQL) 15.8',
    serverVersion: '15.8',
    encrypted: true,
    compression: 'zstd',
    lastRestoreStatus: null,
    lastRestoredAt: null,
    verifiedAt: null,
    verification: null,
    ...overrides,
  };
  return { type: 'backup', run, databaseName };
}

export function sampleRestoreEvent(overrides: Partial<Restore> = {}): RestoreFinishedEvent {
  const restore: Restore = {
    id: 'example-restore',
    backupRunId: 'example-run',
    jobId: 'job_1',
    sourceDatabaseId: 'db_1',
    targetDatabaseId: 'db_2',
    mode: 'restore',
    dropExisting: false,
    status: 'success',
    startedAt: '2026-06-30T08:00:00.000Z',
    finishedAt: '2026-06-30T08:00:30.000Z',
    durationMs: 30_000,
    bytesRead: 1024,
    checksumVerified: true,
    tableCounts: null,
    error: null,
    logTail: [],
    progress: null,
    ...overrides,
  };
  return { type: 'restore', restore, jobName: 'Example job', targetDatabaseName: 'example_copy' };
}
