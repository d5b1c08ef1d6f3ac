import {
  Compression,
  JobNotifications,
  JobVerification,
  Retention,
  Schedule,
  type BackupJob,
} from '@rahatback/protocol';
import { toNumber, type BackupJobRow, type BackupRunRow } from '../../db/backups.tables.js';
import { toRunSummary } from '../runs/run.mapper.js';

/** A stored job as the API returns it: never the passphrase. */
export function toBackupJob(
  row: BackupJobRow,
  storageIds: string[],
  lastRun: BackupRunRow | undefined,
): BackupJob {
  const nextRunAt = toNumber(row.next_run_at);
  return {
    id: row.id,
    name: row.name,
    databaseId: row.database_id,
    storageIds,
    schedule: Schedule.parse(JSON.parse(row.schedule_json)),
    compression: Compression.parse({
      algorithm: row.compression,
      ...(row.compression_level !== null && { level: row.compression_level }),
    }),
    encryption: { enabled: row.encrypted === 1 },
    hasPassphrase: row.sealed_passphrase !== null,
    retention: Retention.parse(JSON.parse(row.retention_json)),
    notifications: JobNotifications.parse(JSON.parse(row.notifications_json)),
    enabled: row.enabled === 1,
    timeoutMinutes: row.timeout_minutes,
    verification: JobVerification.parse(JSON.parse(row.verification_json)),
    nextRunAt: nextRunAt === null ? null : new Date(nextRunAt).toISOString(),
    lastRun: lastRun === undefined ? null : toRunSummary(lastRun),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
