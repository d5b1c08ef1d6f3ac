import { z } from 'zod';
import { DatabaseConnection } from './databases.js';
import { Failure } from './errors.js';
import { StorageTarget } from './storages.js';

/**
 * The backup engine's contract: what the agent is asked to do and what it reports back.
 * The same shapes serve the CLI (no server) and the socket commands.
 */

export const CompressionAlgorithm = z.enum(['none', 'gzip', 'zstd']);
export type CompressionAlgorithm = z.infer<typeof CompressionAlgorithm>;

export const Compression = z
  .object({
    algorithm: CompressionAlgorithm,
    /** gzip 1–9, zstd 1–19; unset = the engine's fast default (gzip 6, zstd 3). */
    level: z.number().int().min(1).max(19).optional(),
  })
  .refine((c) => c.algorithm !== 'gzip' || c.level === undefined || c.level <= 9, {
    message: 'gzip levels go from 1 to 9',
    path: ['level'],
  });
export type Compression = z.infer<typeof Compression>;

export const ClientToolName = z.enum([
  'pg_dump',
  'pg_restore',
  'psql',
  'mysqldump',
  'mysql',
  'mariadb-dump',
  'mariadb',
  'sqlite3',
]);
export type ClientToolName = z.infer<typeof ClientToolName>;

/** One client program found on the agent's host. */
export const ClientTool = z.object({
  name: ClientToolName,
  version: z.string().max(100),
  path: z.string().max(1024),
});
export type ClientTool = z.infer<typeof ClientTool>;

export const BackupDestination = z.object({
  storageId: z.string().max(64),
  target: StorageTarget,
});
export type BackupDestination = z.infer<typeof BackupDestination>;

export const BackupRequest = z.object({
  runId: z.string().min(1).max(64),
  jobId: z.string().max(64).optional(),
  /** Names the object: `<prefix>/<label>/<UTC time>_<runId>.<ext>`. */
  label: z.string().min(1).max(200),
  database: DatabaseConnection,
  /** One dump, encrypted once, written to every destination side by side. */
  destinations: z.array(BackupDestination).min(1).max(8),
  compression: Compression,
  /** Present = encrypt with this passphrase (file format v1). */
  encryption: z.object({ passphrase: z.string().min(1).max(1024) }).nullable(),
});
export type BackupRequest = z.infer<typeof BackupRequest>;

export const TaskPhase = z.enum([
  'starting',
  'dumping',
  'uploading',
  'downloading',
  'restoring',
  'verifying',
  'finishing',
]);
export type TaskPhase = z.infer<typeof TaskPhase>;

export const TaskProgress = z.object({
  /** The run (backup) or restore this progress belongs to. */
  taskId: z.string().max(64),
  phase: TaskPhase,
  /** Bytes read from the database (backup) or from storage (restore). */
  bytesRead: z.number().nonnegative(),
  /** Bytes written to storage (backup) or fed to the database client (restore). */
  bytesWritten: z.number().nonnegative(),
  bytesPerSecond: z.number().nonnegative(),
  elapsedMs: z.number().nonnegative(),
});
export type TaskProgress = z.infer<typeof TaskProgress>;

export const TaskStatus = z.enum(['success', 'failed', 'cancelled']);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const DestinationResult = z.object({
  storageId: z.string().max(64),
  ok: z.boolean(),
  objectKey: z.string().max(2048),
  storedSize: z.number().nonnegative(),
  sha256: z.string().max(64),
  error: Failure.optional(),
});
export type DestinationResult = z.infer<typeof DestinationResult>;

export const BackupResult = z.object({
  runId: z.string().max(64),
  status: TaskStatus,
  objectKey: z.string().max(2048).optional(),
  rawSize: z.number().nonnegative().default(0),
  storedSize: z.number().nonnegative().default(0),
  sha256: z.string().max(64).optional(),
  durationMs: z.number().nonnegative(),
  encrypted: z.boolean(),
  compression: CompressionAlgorithm,
  clientToolVersion: z.string().max(200).optional(),
  serverVersion: z.string().max(200).optional(),
  destinations: z.array(DestinationResult),
  error: Failure.optional(),
  /** The last lines the dump tool printed on stderr, secrets never included. */
  logTail: z.array(z.string().max(2000)).max(50).default([]),
});
export type BackupResult = z.infer<typeof BackupResult>;

export const BackupSource = z.object({
  target: StorageTarget,
  objectKey: z.string().min(1).max(2048),
  /** Checked while streaming; a mismatch fails the restore before the client exits 0. */
  expectedSha256: z.string().length(64).optional(),
});
export type BackupSource = z.infer<typeof BackupSource>;

export const RestoreRequest = z.object({
  restoreId: z.string().min(1).max(64),
  source: BackupSource,
  passphrase: z.string().max(1024).optional(),
  database: DatabaseConnection,
  /** Drop existing objects before loading (pg_restore --clean --if-exists). */
  dropExisting: z.boolean().default(false),
  /**
   * `verify`: create a scratch database next to `database`, restore into it, count rows
   * per table, drop it. `restore`: load into `database` itself.
   */
  mode: z.enum(['restore', 'verify']).default('restore'),
});
export type RestoreRequest = z.infer<typeof RestoreRequest>;

export const TableCount = z.object({
  table: z.string().max(300),
  rows: z.number().int().nonnegative(),
});
export type TableCount = z.infer<typeof TableCount>;

export const RestoreResult = z.object({
  restoreId: z.string().max(64),
  status: TaskStatus,
  durationMs: z.number().nonnegative(),
  bytesRead: z.number().nonnegative().default(0),
  sha256: z.string().max(64).optional(),
  tableCounts: z.array(TableCount).optional(),
  error: Failure.optional(),
  logTail: z.array(z.string().max(2000)).max(50).default([]),
});
export type RestoreResult = z.infer<typeof RestoreResult>;

export const StorageTestResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), latencyMs: z.number() }),
  z.object({ ok: z.literal(false) }).extend(Failure.shape),
]);
export type StorageTestResult = z.infer<typeof StorageTestResult>;

export const DeleteObjectsRequest = z.object({
  target: StorageTarget,
  keys: z.array(z.string().min(1).max(2048)).min(1).max(1000),
});
export type DeleteObjectsRequest = z.infer<typeof DeleteObjectsRequest>;

export const DeleteObjectsResult = z.object({
  deleted: z.array(z.string()),
  failed: z.array(z.object({ key: z.string(), error: Failure })),
});
export type DeleteObjectsResult = z.infer<typeof DeleteObjectsResult>;
