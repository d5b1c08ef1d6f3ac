import type { BackupJob, BackupRun } from '@rahatback/protocol';

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The share of finished runs that succeeded (skipped and cancelled count as not succeeded;
 * running ones are not counted yet). Null when nothing finished.
 */
export function successRate(runs: readonly BackupRun[]): number | null {
  const finished = runs.filter((run) => run.status !== 'running' && run.status !== 'queued');
  if (finished.length === 0) return null;
  return finished.filter((run) => run.status === 'success').length / finished.length;
}

/** The jobs due next, soonest first; paused and manual jobs have no next run. */
export function upcomingJobs(jobs: readonly BackupJob[], count: number): BackupJob[] {
  return jobs
    .filter((job) => job.nextRunAt !== null)
    .sort((a, b) => (a.nextRunAt ?? '').localeCompare(b.nextRunAt ?? ''))
    .slice(0, count);
}

/** Jobs whose last run did not succeed: what a user should look at first. */
export function failingJobs(jobs: readonly BackupJob[]): BackupJob[] {
  return jobs.filter(
    (job) => job.lastRun !== null && ['failed', 'skipped'].includes(job.lastRun.status),
  );
}
