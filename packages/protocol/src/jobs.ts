import { Cron } from 'croner';
import { z } from 'zod';
import { Email } from './auth.js';
import { Id, Pagination, Timestamp, pageOf } from './common.js';
import { Compression, CompressionAlgorithm, TableCount, TaskProgress } from './engine.js';
import { Failure } from './errors.js';
import { RunStatus, RunSummary, RunTrigger } from './runs.js';
import { StorageConfig, StorageKind, StorageSecrets } from './storages.js';

/* ─── Schedules ─────────────────────────────────────────────────────────────────────── */

function isIanaTimeZone(tz: string): boolean {
  // Intl also accepts offsets like "+01:00"; a schedule needs a named zone to follow DST.
  if (tz !== 'UTC' && !/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name such as `Europe/Berlin` (or `UTC`). */
export const TimeZone = z.string().min(1).max(64).refine(isIanaTimeZone, {
  message: 'use an IANA time zone name such as "Europe/Berlin" or "UTC"',
});
export type TimeZone = z.infer<typeof TimeZone>;

/** A wall-clock time of day, 24-hour `HH:MM`, in the schedule's time zone. */
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, {
  message: 'use a 24-hour time as HH:MM, e.g. 02:30',
});

/** A classic 5-field cron expression (minute hour day-of-month month day-of-week). */
export const CronExpression = z
  .string()
  .trim()
  .max(200)
  .superRefine((expression, ctx) => {
    if (expression.split(/\s+/).length !== 5) {
      ctx.addIssue({
        code: 'custom',
        message: 'use exactly 5 fields: minute hour day-of-month month day-of-week',
      });
      return;
    }
    try {
      new Cron(expression, { paused: true });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      ctx.addIssue({ code: 'custom', message: `not a valid cron expression (${reason})` });
    }
  });

const timezone = TimeZone;
const time = TimeOfDay;

/**
 * When a job runs by itself. Every kind but `manual` is read in its `timezone`, so
 * "daily 02:30" stays 02:30 on the wall clock across daylight-saving changes.
 */
export const Schedule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('manual') }),
  /** Every hour of elapsed time at this minute of the zone's clock. */
  z.object({ kind: z.literal('hourly'), minute: z.number().int().min(0).max(59), timezone }),
  z.object({ kind: z.literal('daily'), time, timezone }),
  /** `dayOfWeek`: 0 = Sunday … 6 = Saturday. */
  z.object({
    kind: z.literal('weekly'),
    dayOfWeek: z.number().int().min(0).max(6),
    time,
    timezone,
  }),
  /**
   * `dayOfMonth` 29–31 runs on the month's last day in shorter months, so a monthly
   * backup never silently skips a month (unlike cron's `31`).
   */
  z.object({
    kind: z.literal('monthly'),
    dayOfMonth: z.number().int().min(1).max(31),
    time,
    timezone,
  }),
  z.object({ kind: z.literal('cron'), expression: CronExpression, timezone }),
]);
export type Schedule = z.infer<typeof Schedule>;
export type ScheduleKind = Schedule['kind'];

/* ─── Retention and notifications ───────────────────────────────────────────────────── */

const gfsCount = z.number().int().min(0).max(1000).default(0);

/**
 * Which successful backups to keep; the union of every rule is kept and the newest
 * successful backup always is. No rule at all keeps everything.
 */
export const Retention = z.object({
  keepLast: z.number().int().min(1).max(100_000).optional(),
  keepDays: z.number().int().min(1).max(36_500).optional(),
  /** Grandfather-father-son: the newest backup of each of the last N days/weeks/months/years. */
  gfs: z
    .object({ daily: gfsCount, weekly: gfsCount, monthly: gfsCount, yearly: gfsCount })
    .optional(),
});
export type Retention = z.infer<typeof Retention>;

export const WebhookFormat = z.enum(['json', 'slack', 'discord']);
export type WebhookFormat = z.infer<typeof WebhookFormat>;

export const WebhookTarget = z.object({
  url: z
    .string()
    .url()
    .max(2048)
    .refine((u) => /^https?:\/\//i.test(u), { message: 'use an http:// or https:// URL' }),
  format: WebhookFormat.default('json'),
});
export type WebhookTarget = z.infer<typeof WebhookTarget>;

export const JobNotifications = z.object({
  onSuccess: z.boolean().default(false),
  onFailure: z.boolean().default(true),
  onSkipped: z.boolean().default(true),
  /** An empty `to` sends to the job owner's own address. */
  email: z
    .object({ enabled: z.boolean().default(false), to: z.array(Email).max(20).default([]) })
    .default({ enabled: false, to: [] }),
  webhooks: z.array(WebhookTarget).max(10).default([]),
});
export type JobNotifications = z.infer<typeof JobNotifications>;

/* ─── Backup jobs ───────────────────────────────────────────────────────────────────── */

export const Passphrase = z
  .string()
  .min(8, { message: 'use a passphrase of at least 8 characters' })
  .max(1024);

export const JobVerification = z.object({
  enabled: z.boolean().default(false),
  /** When to test-restore the latest backup; unset = after every successful run. */
  schedule: Schedule.optional(),
});
export type JobVerification = z.infer<typeof JobVerification>;

const StorageIds = z
  .array(Id)
  .min(1, { message: 'choose at least one storage destination' })
  .max(8)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'a destination is listed twice' });

const DEFAULT_NOTIFICATIONS: JobNotifications = {
  onSuccess: false,
  onFailure: true,
  onSkipped: true,
  email: { enabled: false, to: [] },
  webhooks: [],
};

/** The job's fields without defaults, so that a PATCH leaves absent fields alone. */
const JobFields = z.object({
  name: z.string().trim().min(1).max(100),
  databaseId: Id,
  /** One dump, written to every destination; a run succeeds only when all hold a copy. */
  storageIds: StorageIds,
  schedule: Schedule,
  compression: Compression,
  /** `passphrase` is sealed at rest and never returned. */
  encryption: z.object({ enabled: z.boolean(), passphrase: Passphrase.optional() }),
  retention: Retention,
  notifications: JobNotifications,
  /** False = paused: the schedule does not fire; "Run now" still works. */
  enabled: z.boolean(),
  /** A run still going after this long is cancelled and failed as timed out. */
  timeoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60),
  verification: JobVerification,
});

/** POST /api/v1/backups/jobs. */
export const BackupJobInput = JobFields.extend({
  compression: Compression.default({ algorithm: 'zstd' }),
  encryption: JobFields.shape.encryption.default({ enabled: false }),
  retention: Retention.default({ keepLast: 7 }),
  notifications: JobNotifications.default(DEFAULT_NOTIFICATIONS),
  enabled: z.boolean().default(true),
  timeoutMinutes: JobFields.shape.timeoutMinutes.default(240),
  verification: JobVerification.default({ enabled: false }),
}).refine((j) => !j.encryption.enabled || j.encryption.passphrase !== undefined, {
  message: 'encryption needs a passphrase',
  path: ['encryption', 'passphrase'],
});
export type BackupJobInput = z.infer<typeof BackupJobInput>;

/**
 * PATCH /api/v1/backups/jobs/:id: any field. `encryption` without a passphrase keeps the
 * sealed one; a new passphrase on a job that has one needs `currentPassphrase` (checked by
 * the server, which alone can unseal the current one).
 */
export const BackupJobPatch = JobFields.partial().extend({
  currentPassphrase: z.string().max(1024).optional(),
});
export type BackupJobPatch = z.infer<typeof BackupJobPatch>;

/** A job as the API returns it: never the passphrase. */
export const BackupJob = JobFields.extend({
  id: Id,
  encryption: z.object({ enabled: z.boolean() }),
  hasPassphrase: z.boolean(),
  /** Null for manual or paused jobs. */
  nextRunAt: Timestamp.nullable(),
  lastRun: RunSummary.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type BackupJob = z.infer<typeof BackupJob>;

export const BackupJobList = z.object({ items: z.array(BackupJob) });
export type BackupJobList = z.infer<typeof BackupJobList>;

/* ─── Runs and history ──────────────────────────────────────────────────────────────── */

/** One destination of a run: where the copy went and whether it is there. */
export const RunDestination = z.object({
  storageId: Id,
  /** Kept on the row so history still reads well after the storage is deleted. */
  storageName: z.string(),
  objectKey: z.string().nullable(),
  storedSize: z.number().nonnegative().nullable(),
  sha256: z.string().nullable(),
  ok: z.boolean(),
  error: Failure.nullable(),
  /** When retention deleted this copy; null = still there. */
  deletedAt: Timestamp.nullable().optional(),
  /** Why retention could not delete it yet (retried later), with the attempts so far. */
  deleteError: z.string().nullable().optional(),
  deleteAttempts: z.number().int().nonnegative().optional(),
});
export type RunDestination = z.infer<typeof RunDestination>;

/** The outcome of a test restore of a backup into a scratch database. */
export const RunVerification = z.object({
  status: z.enum(['success', 'failed']),
  verifiedAt: Timestamp,
  tableCounts: z.array(TableCount),
  error: Failure.nullable(),
});
export type RunVerification = z.infer<typeof RunVerification>;

/** A history row: one backup attempt, whatever became of it. */
export const BackupRun = z.object({
  id: Id,
  /** Null once the job is deleted; the backup files and history stay. */
  jobId: Id.nullable(),
  jobName: z.string(),
  databaseId: Id,
  status: RunStatus,
  trigger: RunTrigger,
  /** When the run was triggered (a skipped run never started otherwise). */
  startedAt: Timestamp,
  finishedAt: Timestamp.nullable(),
  durationMs: z.number().nonnegative().nullable(),
  rawSize: z.number().nonnegative().nullable(),
  storedSize: z.number().nonnegative().nullable(),
  /**
   * An estimate of `rawSize` while running: the raw size of the job's newest successful run
   * when this one was created. Null when there was none; absent from older servers.
   */
  expectedBytes: z.number().nonnegative().nullable().optional(),
  sha256: z.string().nullable(),
  destinations: z.array(RunDestination),
  /** Why it failed or was skipped, as a sentence naming cause and fix. */
  error: Failure.nullable(),
  logTail: z.array(z.string()),
  /** The latest progress report while running. */
  progress: TaskProgress.nullable(),
  clientToolVersion: z.string().nullable(),
  serverVersion: z.string().nullable(),
  encrypted: z.boolean(),
  compression: CompressionAlgorithm,
  lastRestoreStatus: RunStatus.nullable(),
  lastRestoredAt: Timestamp.nullable(),
  verifiedAt: Timestamp.nullable(),
  verification: RunVerification.nullable(),
});
export type BackupRun = z.infer<typeof BackupRun>;

const IsoDate = z.iso.datetime({ offset: true });

/** GET /api/v1/backups/history query string; `from`/`to` bound `startedAt`. */
export const HistoryQuery = Pagination.extend({
  jobId: Id.optional(),
  databaseId: Id.optional(),
  status: RunStatus.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export const HistoryPage = pageOf(BackupRun);
export type HistoryPage = z.infer<typeof HistoryPage>;

/* ─── Restores ──────────────────────────────────────────────────────────────────────── */

/** POST /api/v1/backups/history/:id/restore. */
export const RestoreInput = z.object({
  /** The backup's own database or another of the caller's databases. */
  targetDatabaseId: Id,
  dropExisting: z.boolean().default(false),
  /** The target database's name, typed by the user; required when `dropExisting`. */
  confirm: z.string().max(1024).optional(),
});
export type RestoreInput = z.infer<typeof RestoreInput>;

export const RestoreStatus = RunStatus.exclude(['skipped']);
export type RestoreStatus = z.infer<typeof RestoreStatus>;

export const Restore = z.object({
  id: Id,
  backupRunId: Id,
  jobId: Id.nullable(),
  sourceDatabaseId: Id,
  targetDatabaseId: Id,
  /** `verify` = a test restore into a scratch database, dropped afterwards. */
  mode: z.enum(['restore', 'verify']),
  dropExisting: z.boolean(),
  status: RestoreStatus,
  startedAt: Timestamp,
  finishedAt: Timestamp.nullable(),
  durationMs: z.number().nonnegative().nullable(),
  bytesRead: z.number().nonnegative().nullable(),
  /** How many bytes the restore reads from storage: the backup's stored size, when known. */
  expectedBytes: z.number().nonnegative().nullable().optional(),
  /** True once the backup's SHA-256 was re-checked while streaming it. */
  checksumVerified: z.boolean(),
  tableCounts: z.array(TableCount).nullable(),
  error: Failure.nullable(),
  logTail: z.array(z.string()),
  progress: TaskProgress.nullable(),
});
export type Restore = z.infer<typeof Restore>;

export const RestoreQuery = Pagination.extend({
  backupRunId: Id.optional(),
  targetDatabaseId: Id.optional(),
  status: RestoreStatus.optional(),
});
export type RestoreQuery = z.infer<typeof RestoreQuery>;

export const RestorePage = pageOf(Restore);
export type RestorePage = z.infer<typeof RestorePage>;

/* ─── Storage destinations ──────────────────────────────────────────────────────────── */

export const StorageSecretField = StorageSecrets.keyof();
export type StorageSecretField = z.infer<typeof StorageSecretField>;

/** POST /api/v1/storages: the secrets are sealed at rest and never returned. */
export const StorageInput = z.object({
  name: z.string().trim().min(1).max(100),
  /** The agent that reaches this destination (the host of a `local` folder). */
  agentId: Id,
  config: StorageConfig,
  secrets: StorageSecrets.default({}),
});
export type StorageInput = z.infer<typeof StorageInput>;

/**
 * PATCH /api/v1/storages/:id: any field. Each secret field given replaces the sealed one
 * and an empty string removes it; absent fields keep theirs.
 */
export const StoragePatch = StorageInput.partial().extend({ secrets: StorageSecrets.optional() });
export type StoragePatch = z.infer<typeof StoragePatch>;

export const Storage = z.object({
  id: Id,
  name: z.string(),
  agentId: Id,
  kind: StorageKind,
  config: StorageConfig,
  hasSecrets: z.boolean(),
  /** Which secret fields are set, never their values. */
  secretFields: z.array(StorageSecretField),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Storage = z.infer<typeof Storage>;

export const StorageList = z.object({ items: z.array(Storage) });
export type StorageList = z.infer<typeof StorageList>;

/* ─── Mail settings (admin) ─────────────────────────────────────────────────────────── */

/**
 * PUT /api/v1/settings/smtp. `secure` = TLS from the first byte (usually port 465);
 * otherwise STARTTLS is used when the server offers it. A missing password keeps the
 * sealed one.
 */
export const SmtpSettings = z.object({
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65535).default(587),
  secure: z.boolean().default(false),
  username: z.string().max(255).optional(),
  password: z.string().max(1024).optional(),
  /** The sender, `address@example.com` or `RahatBack <address@example.com>`. */
  from: z.string().trim().min(3).max(320),
});
export type SmtpSettings = z.infer<typeof SmtpSettings>;

export const SmtpSettingsView = SmtpSettings.omit({ password: true }).extend({
  hasPassword: z.boolean(),
  updatedAt: Timestamp,
});
export type SmtpSettingsView = z.infer<typeof SmtpSettingsView>;

/** POST /api/v1/settings/smtp/test. */
export const TestEmailBody = z.object({ to: Email });
export type TestEmailBody = z.infer<typeof TestEmailBody>;

/**
 * POST /api/v1/settings/webhooks/test: posts a sample notification to `url` in `format`,
 * as a job's webhook would receive it.
 */
export const TestWebhookBody = z.object({ url: WebhookTarget.shape.url, format: WebhookFormat });
export type TestWebhookBody = z.infer<typeof TestWebhookBody>;
