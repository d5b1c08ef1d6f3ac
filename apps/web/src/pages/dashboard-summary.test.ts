import type { BackupJob, BackupRun, RunStatus } from '@rahatback/protocol';
import { describe, expect, it } from 'vitest';
import { failingJobs, successRate, upcomingJobs } from './dashboard-summary.js';

const run = (status: RunStatus) => ({ status }) as BackupRun;
const job = (name: string, patch: Partial<BackupJob>) => ({ name, ...patch }) as BackupJob;

describe('the dashboard’s summary', () => {
  it('counts skipped and cancelled runs against the success rate, running ones not yet', () => {
    expect(successRate([run('success'), run('success'), run('failed'), run('skipped')])).toBe(0.5);
    expect(successRate([run('success'), run('running')])).toBe(1);
    expect(successRate([run('running')])).toBeNull();
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
});
