import {
  CompressionAlgorithm,
  ErrorCode,
  RunStatus,
  RunTrigger,
  RunVerification,
  TaskProgress,
  type BackupRun,
  type Failure,
  type RunDestination,
  type RunSummary,
} from '@rahatback/protocol';
import { z } from 'zod';
import { toNumber, type BackupRunRow, type RunDestinationRow } from '../../db/backups.tables.js';

const LogTail = z.array(z.string()).catch([]);

const parseJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** The stored error columns as a Failure; an unknown code reads as UNKNOWN. */
export function failureOf(code: string | null, message: string | null): Failure | null {
  if (code === null && message === null) return null;
  return { code: ErrorCode.catch('UNKNOWN').parse(code), message: message ?? '' };
}

export const toRunSummary = (row: BackupRunRow): RunSummary => ({
  id: row.id,
  status: RunStatus.parse(row.status),
  trigger: RunTrigger.parse(row.trigger),
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  storedSize: toNumber(row.stored_size),
  error: failureOf(row.error_code, row.error_message),
});

export const toRunDestination = (row: RunDestinationRow): RunDestination => ({
  storageId: row.storage_id,
  storageName: row.storage_name,
  objectKey: row.object_key,
  storedSize: toNumber(row.stored_size),
  sha256: row.sha256,
  ok: row.ok === 1,
  error: failureOf(row.error_code, row.error_message),
  deletedAt: row.deleted_at,
  deleteError: row.delete_error,
  deleteAttempts: row.delete_attempts,
});

/** A history row as the API and the live channel show it. */
export const toBackupRun = (row: BackupRunRow, destinations: RunDestinationRow[]): BackupRun => ({
  id: row.id,
  jobId: row.job_id,
  jobName: row.job_name,
  databaseId: row.database_id,
  status: RunStatus.parse(row.status),
  trigger: RunTrigger.parse(row.trigger),
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  durationMs: toNumber(row.duration_ms),
  rawSize: toNumber(row.raw_size),
  storedSize: toNumber(row.stored_size),
  expectedBytes: toNumber(row.expected_bytes),
  sha256: row.sha256,
  destinations: [...destinations].sort((a, b) => a.position - b.position).map(toRunDestination),
  error: failureOf(row.error_code, row.error_message),
  logTail: LogTail.parse(parseJson(row.log_tail_json)),
  progress: TaskProgress.nullable().catch(null).parse(parseJson(row.progress_json)),
  clientToolVersion: row.client_tool_version,
  serverVersion: row.server_version,
  encrypted: row.encrypted === 1,
  compression: CompressionAlgorithm.catch('none').parse(row.compression),
  lastRestoreStatus: RunStatus.nullable().catch(null).parse(row.last_restore_status),
  lastRestoredAt: row.last_restored_at,
  verifiedAt: row.verified_at,
  verification: RunVerification.nullable().catch(null).parse(parseJson(row.verification_json)),
});
