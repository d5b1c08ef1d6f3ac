import type { ColumnType, Selectable } from 'kysely';

/*
 * Tables of storages, jobs, runs and restores (migration 0002_backups). A bigint column
 * reads back as a string from PostgreSQL and as a number from SQLite; repositories turn
 * it into a number with `toNumber`.
 */
type NullableBigIntColumn = string | number | null;

export interface StoragesTable {
  id: string;
  owner_id: string;
  agent_id: string;
  name: string;
  kind: string;
  config_json: string;
  sealed_secrets: string | null;
  secret_fields_json: string;
  created_at: string;
  updated_at: string;
}

export interface BackupJobsTable {
  id: string;
  owner_id: string;
  database_id: string;
  name: string;
  schedule_json: string;
  timezone: string | null;
  compression: string;
  compression_level: number | null;
  encrypted: number;
  sealed_passphrase: string | null;
  retention_json: string;
  notifications_json: string;
  verification_json: string;
  enabled: number;
  timeout_minutes: number;
  /** Epoch milliseconds; null = never fires by itself (manual or paused). */
  next_run_at: NullableBigIntColumn;
  created_at: string;
  updated_at: string;
}

export interface BackupJobStoragesTable {
  job_id: string;
  storage_id: string;
  position: number;
}

export interface BackupRunsTable {
  id: string;
  owner_id: string;
  job_id: string | null;
  job_name: string;
  database_id: string;
  agent_id: string;
  status: string;
  trigger: string;
  is_catch_up: number;
  started_at: string;
  finished_at: string | null;
  duration_ms: NullableBigIntColumn;
  raw_size: NullableBigIntColumn;
  stored_size: NullableBigIntColumn;
  /** The raw size of the job's newest successful run when this one was created (0004). */
  expected_bytes: ColumnType<NullableBigIntColumn, NullableBigIntColumn | undefined>;
  sha256: string | null;
  object_key: string | null;
  encrypted: number;
  compression: string;
  client_tool_version: string | null;
  server_version: string | null;
  error_code: string | null;
  error_message: string | null;
  log_tail_json: string;
  progress_json: string | null;
  result_digest: string | null;
  cancel_requested_at: string | null;
  last_restore_status: string | null;
  last_restored_at: string | null;
  verified_at: string | null;
  verification_json: string | null;
}

export interface RunDestinationsTable {
  run_id: string;
  storage_id: string;
  storage_name: string;
  position: number;
  object_key: string | null;
  stored_size: NullableBigIntColumn;
  sha256: string | null;
  ok: number;
  error_code: string | null;
  error_message: string | null;
  deleted_at: string | null;
  delete_error: string | null;
  delete_attempts: number;
}

export interface RestoresTable {
  id: string;
  owner_id: string;
  run_id: string;
  job_id: string | null;
  source_database_id: string;
  target_database_id: string;
  agent_id: string;
  storage_id: string | null;
  mode: string;
  drop_existing: number;
  status: string;
  started_at: string;
  finished_at: string | null;
  duration_ms: NullableBigIntColumn;
  bytes_read: NullableBigIntColumn;
  checksum_verified: number;
  table_counts_json: string | null;
  error_code: string | null;
  error_message: string | null;
  log_tail_json: string;
  progress_json: string | null;
  result_digest: string | null;
  cancel_requested_at: string | null;
}

export interface BackupsTables {
  storages: StoragesTable;
  backup_jobs: BackupJobsTable;
  backup_job_storages: BackupJobStoragesTable;
  backup_runs: BackupRunsTable;
  run_destinations: RunDestinationsTable;
  restores: RestoresTable;
}

export type StorageRow = Selectable<StoragesTable>;
export type BackupJobRow = Selectable<BackupJobsTable>;
export type BackupRunRow = Selectable<BackupRunsTable>;
export type RunDestinationRow = Selectable<RunDestinationsTable>;
export type RestoreRow = Selectable<RestoresTable>;

/** A bigint column's value as a number (PostgreSQL returns int8 as a string). */
export function toNumber(value: string | number): number;
export function toNumber(value: string | number | null): number | null;
export function toNumber(value: string | number | null): number | null {
  return value === null ? null : Number(value);
}
