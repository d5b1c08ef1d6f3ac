import { TableCount, TaskProgress, type Restore, RestoreStatus } from '@rahatback/protocol';
import { z } from 'zod';
import { toNumber, type RestoreRow } from '../../db/backups.tables.js';
import { failureOf } from '../runs/run.mapper.js';

const parseJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** A restore row with the stored size of the backup it reads, for its progress bar. */
export type RestoreView = RestoreRow & { run_stored_size: string | number | null };

/** A restore row as the API and the live channel show it. */
export const toRestore = (row: RestoreView): Restore => ({
  id: row.id,
  backupRunId: row.run_id,
  jobId: row.job_id,
  sourceDatabaseId: row.source_database_id,
  targetDatabaseId: row.target_database_id,
  mode: row.mode === 'verify' ? 'verify' : 'restore',
  dropExisting: row.drop_existing === 1,
  status: RestoreStatus.catch('failed').parse(row.status),
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  durationMs: toNumber(row.duration_ms),
  bytesRead: toNumber(row.bytes_read),
  expectedBytes: toNumber(row.run_stored_size),
  checksumVerified: row.checksum_verified === 1,
  tableCounts: z.array(TableCount).nullable().catch(null).parse(parseJson(row.table_counts_json)),
  error: failureOf(row.error_code, row.error_message),
  logTail: z.array(z.string()).catch([]).parse(parseJson(row.log_tail_json)),
  progress: TaskProgress.nullable().catch(null).parse(parseJson(row.progress_json)),
});
