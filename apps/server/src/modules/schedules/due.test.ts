import type { Schedule } from '@rahatback/protocol';
import { describe, expect, it } from 'vitest';
import { planDueRun } from './due.js';

interface Fire {
  at: string;
  trigger: 'schedule' | 'catch-up';
}

/**
 * A scheduler loop on a fake clock: every `stepMs` it plans the job, fires when told and
 * stores the next time, as the real loop does through the store.
 */
function runLoop(
  schedule: Schedule,
  from: string,
  to: string,
  options: { stepMs?: number; nextRunAt?: Date | null } = {},
): Fire[] {
  const stepMs = options.stepMs ?? 60_000;
  const fires: Fire[] = [];
  let nextRunAt = options.nextRunAt ?? null;
  for (let t = Date.parse(from); t < Date.parse(to); t += stepMs) {
    const plan = planDueRun({ schedule, nextRunAt }, new Date(t));
    if (plan.fire) fires.push({ at: new Date(t).toISOString(), trigger: plan.trigger });
    nextRunAt = plan.nextRunAt;
  }
  return fires;
}

const daily = (time: string, timezone: string): Schedule => ({ kind: 'daily', time, timezone });

describe('planDueRun across daylight-saving changes', () => {
  it('fires a Berlin 02:30 job once on the night the clock skips 02:00–03:00', () => {
    // 2026-03-29 00:00 CET = 2026-03-28T23:00Z; the day has 23 hours.
    const fires = runLoop(
      daily('02:30', 'Europe/Berlin'),
      '2026-03-28T23:00Z',
      '2026-03-29T22:00Z',
    );
    expect(fires).toEqual([{ at: '2026-03-29T01:30:00.000Z', trigger: 'schedule' }]); // 03:30 CEST
  });

  it('fires a Berlin 02:30 job once on the night the clock repeats 02:00–03:00', () => {
    const fires = runLoop(
      daily('02:30', 'Europe/Berlin'),
      '2026-10-24T22:00Z',
      '2026-10-25T23:00Z',
    );
    expect(fires).toHaveLength(1);
    expect(fires[0]?.trigger).toBe('schedule');
  });

  it('fires New York jobs once when the clock skips 02:00 and when it repeats 01:00', () => {
    const spring = runLoop(
      daily('02:30', 'America/New_York'),
      '2026-03-08T05:00Z',
      '2026-03-09T04:00Z',
    );
    expect(spring).toEqual([{ at: '2026-03-08T07:30:00.000Z', trigger: 'schedule' }]); // 03:30 EDT
    const autumn = runLoop(
      daily('01:30', 'America/New_York'),
      '2026-11-01T04:00Z',
      '2026-11-02T05:00Z',
    );
    expect(autumn).toHaveLength(1);
  });

  it('fires a daily job once a day through a whole week spanning the change', () => {
    const fires = runLoop(
      daily('02:30', 'Europe/Berlin'),
      '2026-10-21T22:00Z',
      '2026-10-28T23:00Z',
    );
    expect(fires).toHaveLength(7);
    expect(fires.every((f) => f.trigger === 'schedule')).toBe(true);
  });

  it('fires a cron job at each of its times in a zone with a DST change', () => {
    const everySixHours: Schedule = {
      kind: 'cron',
      expression: '0 */6 * * *',
      timezone: 'America/New_York',
    };
    const fires = runLoop(everySixHours, '2026-03-08T04:59Z', '2026-03-09T04:00Z');
    // 00:00, 06:00, 12:00 and 18:00 EST/EDT on the 23-hour day.
    expect(fires.map((f) => f.at)).toEqual([
      '2026-03-08T05:00:00.000Z',
      '2026-03-08T10:00:00.000Z',
      '2026-03-08T16:00:00.000Z',
      '2026-03-08T22:00:00.000Z',
    ]);
  });
});

describe('planDueRun after downtime', () => {
  const utcDaily = daily('02:30', 'UTC');

  it('fires one catch-up run, not three, after a 3-day downtime, then resumes the schedule', () => {
    // The last stored next time was 1 May 02:30; the server comes back on 4 May at 10:00.
    const fires = runLoop(utcDaily, '2026-05-04T10:00Z', '2026-05-06T00:00Z', {
      nextRunAt: new Date('2026-05-01T02:30Z'),
    });
    expect(fires).toEqual([
      { at: '2026-05-04T10:00:00.000Z', trigger: 'catch-up' },
      { at: '2026-05-05T02:30:00.000Z', trigger: 'schedule' },
    ]);
  });

  it('computes the next time from now after a catch-up, so no burst follows', () => {
    const plan = planDueRun(
      { schedule: utcDaily, nextRunAt: new Date('2026-05-01T02:30Z') },
      new Date('2026-05-04T10:00Z'),
    );
    expect(plan.nextRunAt?.toISOString()).toBe('2026-05-05T02:30:00.000Z');
  });

  it('counts a run late within the grace as on schedule and beyond it as a catch-up', () => {
    const job = { schedule: utcDaily, nextRunAt: new Date('2026-05-01T02:30Z') };
    expect(planDueRun(job, new Date('2026-05-01T02:31:30Z')).trigger).toBe('schedule');
    expect(planDueRun(job, new Date('2026-05-01T02:33:00Z')).trigger).toBe('catch-up');
  });

  it('counts a missed whole period as a catch-up even within the grace', () => {
    const everyMinute: Schedule = { kind: 'cron', expression: '* * * * *', timezone: 'UTC' };
    const plan = planDueRun(
      { schedule: everyMinute, nextRunAt: new Date('2026-05-01T02:30Z') },
      new Date('2026-05-01T02:31:10Z'),
    );
    expect(plan).toMatchObject({ fire: true, trigger: 'catch-up' });
  });
});

describe('planDueRun for jobs that do not fire', () => {
  it('never fires a manual or a paused job and clears its next time', () => {
    const now = new Date('2026-05-01T00:00Z');
    const past = new Date('2026-04-01T00:00Z');
    expect(planDueRun({ schedule: { kind: 'manual' }, nextRunAt: past }, now)).toMatchObject({
      fire: false,
      nextRunAt: null,
    });
    expect(
      planDueRun({ schedule: daily('01:00', 'UTC'), nextRunAt: past, enabled: false }, now),
    ).toMatchObject({ fire: false, nextRunAt: null });
  });

  it('schedules a new or resumed job from now without firing it', () => {
    const plan = planDueRun(
      { schedule: daily('01:00', 'UTC'), nextRunAt: null },
      new Date('2026-05-01T03:00Z'),
    );
    expect(plan).toEqual({
      fire: false,
      trigger: 'schedule',
      nextRunAt: new Date('2026-05-02T01:00Z'),
    });
  });

  it('keeps the stored next time while it is still ahead', () => {
    const nextRunAt = new Date('2026-05-01T01:00Z');
    const plan = planDueRun(
      { schedule: daily('01:00', 'UTC'), nextRunAt },
      new Date('2026-05-01T00:59:59Z'),
    );
    expect(plan).toEqual({ fire: false, trigger: 'schedule', nextRunAt });
  });
});
