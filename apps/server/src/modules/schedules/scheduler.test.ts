import type { Schedule } from '@rahatback/protocol';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import {
  type ScheduledJob,
  type SchedulerDeps,
  type SchedulerStore,
  createScheduler,
} from './scheduler.js';

/**
 * An in-memory store typed as the scheduler's port. `claim` is a compare-and-set, as the
 * real one is one conditional UPDATE; every call yields first, so two schedulers interleave.
 */
class FakeSchedulerStore implements SchedulerStore {
  readonly jobs = new Map<string, ScheduledJob>();

  async listDue(now: Date, limit: number): Promise<ScheduledJob[]> {
    await sleep(1);
    return [...this.jobs.values()]
      .filter((j) => j.enabled && j.schedule.kind !== 'manual')
      .filter((j) => j.nextRunAt === null || j.nextRunAt <= now)
      .slice(0, limit)
      .map((j) => ({ ...j }));
  }

  async claim(jobId: string, seen: Date | null, next: Date | null): Promise<boolean> {
    await sleep(Math.random() * 2);
    const job = this.jobs.get(jobId);
    if (job === undefined || (job.nextRunAt?.getTime() ?? null) !== (seen?.getTime() ?? null))
      return false;
    job.nextRunAt = next;
    return true;
  }
}

const silent = { info: () => undefined, error: () => undefined };
const daily: Schedule = { kind: 'daily', time: '02:30', timezone: 'UTC' };

function setup(now: { value: Date }, overrides: Partial<SchedulerDeps> = {}) {
  const store = new FakeSchedulerStore();
  const started: { jobId: string; trigger: string }[] = [];
  const deps: SchedulerDeps = {
    store,
    startRun: (jobId, trigger) => {
      started.push({ jobId, trigger });
      return Promise.resolve();
    },
    logger: silent,
    now: () => now.value,
    ...overrides,
  };
  return { store, started, deps };
}

describe('createScheduler', () => {
  it('fires each of 200 due jobs exactly once with two schedulers sharing one store', async () => {
    const now = { value: new Date('2026-05-01T02:30:10Z') };
    const { store, started, deps } = setup(now);
    for (let i = 0; i < 200; i += 1)
      store.jobs.set(`job${i}`, {
        id: `job${i}`,
        schedule: daily,
        nextRunAt: new Date('2026-05-01T02:30Z'),
        enabled: true,
      });
    const [a, b] = [createScheduler(deps), createScheduler(deps)];
    const reports = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    expect(started).toHaveLength(200);
    expect(new Set(started.map((s) => s.jobId)).size).toBe(200);
    expect(reports.reduce((n, r) => n + r.fired, 0)).toBe(200);
    // The schedulers really raced: some claims were lost to the other one.
    expect(reports.reduce((n, r) => n + r.lostClaims, 0)).toBeGreaterThan(0);
    expect(started.every((s) => s.trigger === 'schedule')).toBe(true);
    expect(
      [...store.jobs.values()].every(
        (j) => j.nextRunAt?.toISOString() === '2026-05-02T02:30:00.000Z',
      ),
    ).toBe(true);
  });

  it('computes the first time of a new job without firing it', async () => {
    const now = { value: new Date('2026-05-01T03:00Z') };
    const { store, started, deps } = setup(now);
    store.jobs.set('new', { id: 'new', schedule: daily, nextRunAt: null, enabled: true });
    const report = await createScheduler(deps).tick();
    expect(report).toEqual({ fired: 0, rescheduled: 1, lostClaims: 0 });
    expect(started).toEqual([]);
    expect(store.jobs.get('new')?.nextRunAt?.toISOString()).toBe('2026-05-02T02:30:00.000Z');
  });

  it('marks the one run after a long downtime as a catch-up', async () => {
    const now = { value: new Date('2026-05-04T10:00Z') };
    const { store, started, deps } = setup(now);
    store.jobs.set('j', {
      id: 'j',
      schedule: daily,
      nextRunAt: new Date('2026-05-01T02:30Z'),
      enabled: true,
    });
    const scheduler = createScheduler(deps);
    await scheduler.tick();
    await scheduler.tick();
    expect(started).toEqual([{ jobId: 'j', trigger: 'catch-up' }]);
  });

  it('keeps firing the other jobs when one cannot start', async () => {
    const now = { value: new Date('2026-05-01T02:30Z') };
    const errors: object[] = [];
    const started: string[] = [];
    const { store, deps } = setup(now, {
      startRun: (jobId) => {
        if (jobId === 'bad') return Promise.reject(new Error('store unavailable'));
        started.push(jobId);
        return Promise.resolve();
      },
      logger: { info: () => undefined, error: (fields) => errors.push(fields) },
    });
    for (const id of ['bad', 'good'])
      store.jobs.set(id, {
        id,
        schedule: daily,
        nextRunAt: new Date('2026-05-01T02:30Z'),
        enabled: true,
      });
    await createScheduler(deps).tick();
    expect(started).toEqual(['good']);
    expect(errors).toMatchObject([{ jobId: 'bad' }]);
  });

  it('runs in the background until stopped', async () => {
    const now = { value: new Date('2026-05-01T02:30Z') };
    const { store, started, deps } = setup(now, { intervalMs: 5 });
    store.jobs.set('j', {
      id: 'j',
      schedule: daily,
      nextRunAt: new Date('2026-05-01T02:30Z'),
      enabled: true,
    });
    const scheduler = createScheduler(deps);
    scheduler.start();
    await expect.poll(() => started.length, { timeout: 2_000 }).toBe(1);
    await scheduler.stop();
    now.value = new Date('2026-05-02T02:30Z');
    await sleep(50);
    expect(started).toHaveLength(1);
  });
});
