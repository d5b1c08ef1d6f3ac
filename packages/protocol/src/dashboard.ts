import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { RunStatus } from './runs.js';
import { StorageKind } from './storages.js';

/** How many days the dashboard looks back. */
export const DASHBOARD_DAYS = 30;
/** The most runs one job's series holds (the newest ones), however often the job runs. */
export const DASHBOARD_SERIES_MAX_POINTS = 60;

/**
 * The backups a destination holds now: copies written successfully and not yet deleted by
 * retention. `bytes` is the sum of their stored sizes.
 */
export const DashboardStorageUsage = z.object({
  storageId: Id,
  name: z.string(),
  kind: StorageKind,
  bytes: z.number().nonnegative(),
  backups: z.number().int().nonnegative(),
});
export type DashboardStorageUsage = z.infer<typeof DashboardStorageUsage>;

/** One finished run of a job, as a point of its size and duration chart. */
export const DashboardRunPoint = z.object({
  runId: Id,
  startedAt: Timestamp,
  status: RunStatus,
  storedSize: z.number().nonnegative().nullable(),
  rawSize: z.number().nonnegative().nullable(),
  durationMs: z.number().nonnegative().nullable(),
});
export type DashboardRunPoint = z.infer<typeof DashboardRunPoint>;

/** The outcome of a job's latest test restore. */
export const DashboardVerification = z.object({
  verifiedAt: Timestamp,
  status: z.enum(['success', 'failed']),
  /** The backup that was test-restored. */
  runId: Id,
});
export type DashboardVerification = z.infer<typeof DashboardVerification>;

export const DashboardJob = z.object({
  jobId: Id,
  name: z.string(),
  /** Whether the job's form asks for test restores. */
  isVerificationEnabled: z.boolean(),
  /** Null = no backup of this job was ever test-restored. */
  lastVerification: DashboardVerification.nullable(),
  /**
   * Finished runs of the last {@link DASHBOARD_DAYS} days, oldest first, at most
   * {@link DASHBOARD_SERIES_MAX_POINTS} (the newest).
   */
  series: z.array(DashboardRunPoint),
});
export type DashboardJob = z.infer<typeof DashboardJob>;

/** Finished runs of the period by outcome, counted by the store (not from a page of rows). */
export const DashboardRunCounts = z.object({
  success: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  cancelled: z.number().int().nonnegative(),
});
export type DashboardRunCounts = z.infer<typeof DashboardRunCounts>;

/** GET /api/v1/dashboard: the caller's backup health. */
export const DashboardSummary = z.object({
  /** Start of the period that `runs` and each job's `series` cover. */
  since: Timestamp,
  runs: DashboardRunCounts,
  storages: z.array(DashboardStorageUsage),
  jobs: z.array(DashboardJob),
});
export type DashboardSummary = z.infer<typeof DashboardSummary>;
