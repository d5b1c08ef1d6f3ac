import type { BackupJob, DashboardJob, DashboardRunCounts } from '@rahatback/protocol';

/**
 * The share of finished runs that succeeded (skipped and cancelled count as not succeeded;
 * the server does not count running ones yet). Null when nothing finished.
 */
export function successRate(runs: DashboardRunCounts): number | null {
  const finished = runs.success + runs.failed + runs.skipped + runs.cancelled;
  return finished === 0 ? null : runs.success / finished;
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

/**
 * Why a job's backups are not known to restore: its last test restore failed, or none was
 * ever made — with test restores on (`pending`: the next backup will be) or off (`off`).
 */
export type VerificationAttention = 'failed' | 'pending' | 'off';

/** Jobs whose latest test restore failed first, then those never test-restored. */
export function verificationAttention(
  jobs: readonly DashboardJob[],
): { job: DashboardJob; reason: VerificationAttention }[] {
  const reasonOf = (job: DashboardJob): VerificationAttention | null => {
    if (job.lastVerification !== null)
      return job.lastVerification.status === 'failed' ? 'failed' : null;
    return job.isVerificationEnabled ? 'pending' : 'off';
  };
  const order: VerificationAttention[] = ['failed', 'off', 'pending'];
  return jobs
    .flatMap((job) => {
      const reason = reasonOf(job);
      return reason === null ? [] : [{ job, reason }];
    })
    .sort((a, b) => order.indexOf(a.reason) - order.indexOf(b.reason));
}
