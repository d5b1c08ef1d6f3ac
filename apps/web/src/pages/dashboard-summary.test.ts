import type { BackupJob, DashboardJob, RunStatus } from '@rahatback/protocol';
import { describe, expect, it } from 'vitest';
import {
  failingJobs,
  successRate,
  upcomingJobs,
  verificationAttention,
} from './dashboard-summary.js';

const counts = { success: 0, failed: 0, skipped: 0, cancelled: 0 };
const job = (name: string, patch: Partial<BackupJob>) => ({ name, ...patch }) as BackupJob;

describe('the dashboard’s summary', () => {
  it('counts skipped and cancelled runs against the success rate', () => {
    expect(successRate({ ...counts, success: 2, failed: 1, skipped: 1 })).toBe(0.5);
    expect(successRate({ ...counts, success: 3, cancelled: 1 })).toBe(0.75);
    expect(successRate({ ...counts, success: 1 })).toBe(1);
    expect(successRate(counts)).toBeNull();
  });

  it('lists the next jobs soonest first, leaving out paused and manual ones', () => {
    const jobs = [
      job('later', { nextRunAt: '2026-12-02T00:00:00.000Z' }),
      job('manual', { nextRunAt: null }),
      job('sooner', { nextRunAt: '2026-12-01T00:00:00.000Z' }),
    ];
    expect(upcomingJobs(jobs, 5).map((j) => j.name)).toEqual(['sooner', 'later']);
  });

  it('flags jobs whose last run failed or was skipped', () => {
    const lastRun = (status: RunStatus) => ({ status }) as BackupJob['lastRun'];
    const jobs = [
      job('ok', { lastRun: lastRun('success') }),
      job('broken', { lastRun: lastRun('failed') }),
      job('offline', { lastRun: lastRun('skipped') }),
      job('new', { lastRun: null }),
    ];
    expect(failingJobs(jobs).map((j) => j.name)).toEqual(['broken', 'offline']);
  });

  it('lists failed test restores first, then jobs never test-restored, and not verified ones', () => {
    const verified = (status: 'success' | 'failed') => ({
      verifiedAt: '2026-11-27T10:00:00.000Z',
      status,
      runId: 'r',
    });
    const dashboardJob = (name: string, patch: Partial<DashboardJob>): DashboardJob => ({
      jobId: name,
      name,
      isVerificationEnabled: false,
      lastVerification: null,
      series: [],
      ...patch,
    });
    const jobs = [
      dashboardJob('pending', { isVerificationEnabled: true }),
      dashboardJob('off', {}),
      dashboardJob('good', { isVerificationEnabled: true, lastVerification: verified('success') }),
      dashboardJob('bad', { isVerificationEnabled: true, lastVerification: verified('failed') }),
    ];
    expect(verificationAttention(jobs).map(({ job, reason }) => [job.name, reason])).toEqual([
      ['bad', 'failed'],
      ['off', 'off'],
      ['pending', 'pending'],
    ]);
  });
});
