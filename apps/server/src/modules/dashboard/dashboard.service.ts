import {
  DASHBOARD_DAYS,
  DASHBOARD_SERIES_MAX_POINTS,
  JobVerification,
  RunStatus,
  RunVerification,
  StorageKind,
  type DashboardJob,
  type DashboardRunCounts,
  type DashboardRunPoint,
  type DashboardSummary,
  type DashboardVerification,
} from '@rahatback/protocol';
import { toNumber } from '../../db/backups.tables.js';
import type { DashboardRepository } from './dashboard.repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DashboardServiceDeps {
  repo: DashboardRepository;
  now?: () => Date;
}

type Repo = DashboardRepository;
type SeriesRow = Awaited<ReturnType<Repo['series']>>[number];
type VerificationRow = Awaited<ReturnType<Repo['lastVerifications']>>[number];

const isVerificationEnabled = (json: string): boolean =>
  JobVerification.catch({ enabled: false }).parse(JSON.parse(json)).enabled;

function countsOf(rows: Awaited<ReturnType<Repo['runCounts']>>): DashboardRunCounts {
  const counts: DashboardRunCounts = { success: 0, failed: 0, skipped: 0, cancelled: 0 };
  for (const row of rows) {
    const status = RunStatus.safeParse(row.status);
    if (status.success && status.data in counts)
      counts[status.data as keyof DashboardRunCounts] = Number(row.n);
  }
  return counts;
}

const toPoint = (row: SeriesRow): DashboardRunPoint => ({
  runId: row.id,
  startedAt: row.started_at,
  status: RunStatus.parse(row.status),
  storedSize: toNumber(row.stored_size),
  rawSize: toNumber(row.raw_size),
  durationMs: toNumber(row.duration_ms),
});

/** The stored outcome of a test restore; a row whose record cannot be read counts as failed. */
function toVerification(row: VerificationRow): DashboardVerification | null {
  if (row.verified_at === null) return null;
  const recorded = RunVerification.nullable()
    .catch(null)
    .parse(row.verification_json === null ? null : JSON.parse(row.verification_json));
  return { verifiedAt: row.verified_at, status: recorded?.status ?? 'failed', runId: row.id };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [row]);
    else group.push(row);
  }
  return groups;
}

/** The caller's backup health: outcomes, per-job trends and verification, storage held. */
export function createDashboardService({ repo, now = () => new Date() }: DashboardServiceDeps) {
  return {
    async summary(ownerId: string): Promise<DashboardSummary> {
      const since = new Date(now().getTime() - DASHBOARD_DAYS * DAY_MS).toISOString();
      const [jobs, counts, storages, series, verifications] = await Promise.all([
        repo.jobs(ownerId),
        repo.runCounts(ownerId, since),
        repo.storageUsage(ownerId),
        repo.series(ownerId, since, DASHBOARD_SERIES_MAX_POINTS),
        repo.lastVerifications(ownerId),
      ]);
      const seriesOf = groupBy(series, (row) => row.job_id);
      // The store ranks them: at most one per job.
      const verificationOf = new Map(verifications.map((row) => [row.job_id, toVerification(row)]));
      return {
        since,
        runs: countsOf(counts),
        storages: storages.map((row) => ({
          storageId: row.id,
          name: row.name,
          kind: StorageKind.parse(row.kind),
          bytes: Number(row.bytes),
          backups: Number(row.backups),
        })),
        jobs: jobs.map((job): DashboardJob => ({
          jobId: job.id,
          name: job.name,
          isVerificationEnabled: isVerificationEnabled(job.verification_json),
          lastVerification: verificationOf.get(job.id) ?? null,
          series: (seriesOf.get(job.id) ?? []).map(toPoint),
        })),
      };
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
