import type { Schedule } from '@rahatback/protocol';
import { describe, expect, it } from 'vitest';
import { describeSchedule, nextRunAfter, toCronExpression } from './schedule.js';

const at = (iso: string) => new Date(iso);
const next = (schedule: Schedule, after: string) =>
  nextRunAfter(schedule, at(after))?.toISOString();

/** Every fire time in [from, to), chaining nextRunAfter as the scheduler does. */
function firesBetween(schedule: Schedule, from: string, to: string): string[] {
  const fires: string[] = [];
  let cursor: Date | null = at(from);
  while (cursor !== null) {
    cursor = nextRunAfter(schedule, cursor);
    if (cursor === null || cursor >= at(to)) break;
    fires.push(cursor.toISOString());
  }
  return fires;
}

describe('nextRunAfter', () => {
  it('never schedules a manual job', () => {
    expect(nextRunAfter({ kind: 'manual' }, new Date())).toBeNull();
  });

  it('runs hourly at the minute of the zone clock, also in half-hour zones', () => {
    const berlin: Schedule = { kind: 'hourly', minute: 15, timezone: 'Europe/Berlin' };
    expect(next(berlin, '2026-06-01T10:20:00Z')).toBe('2026-06-01T11:15:00.000Z');
    expect(next(berlin, '2026-06-01T10:14:59Z')).toBe('2026-06-01T10:15:00.000Z');
    const kolkata: Schedule = { kind: 'hourly', minute: 0, timezone: 'Asia/Kolkata' };
    expect(next(kolkata, '2026-06-01T10:00:00Z')).toBe('2026-06-01T10:30:00.000Z');
  });

  it('runs daily at the wall-clock time of its zone in summer and winter', () => {
    const daily: Schedule = { kind: 'daily', time: '02:30', timezone: 'Europe/Berlin' };
    expect(next(daily, '2026-07-01T12:00:00Z')).toBe('2026-07-02T00:30:00.000Z');
    expect(next(daily, '2026-12-01T12:00:00Z')).toBe('2026-12-02T01:30:00.000Z');
  });

  it('is strictly after the given instant', () => {
    const daily: Schedule = { kind: 'daily', time: '00:00', timezone: 'UTC' };
    expect(next(daily, '2026-07-01T00:00:00Z')).toBe('2026-07-02T00:00:00.000Z');
  });

  it('runs weekly on the given weekday in the zone', () => {
    // Monday 09:00 in New York = 13:00 UTC in summer; 2026-06-03 is a Wednesday.
    const weekly: Schedule = {
      kind: 'weekly',
      dayOfWeek: 1,
      time: '09:00',
      timezone: 'America/New_York',
    };
    expect(next(weekly, '2026-06-03T00:00:00Z')).toBe('2026-06-08T13:00:00.000Z');
    // Sunday 23:30 in Tokyo is still Sunday 14:30 UTC.
    const tokyo: Schedule = { kind: 'weekly', dayOfWeek: 0, time: '23:30', timezone: 'Asia/Tokyo' };
    expect(next(tokyo, '2026-06-03T00:00:00Z')).toBe('2026-06-07T14:30:00.000Z');
  });

  it('runs monthly, on the last day of months shorter than the chosen day', () => {
    const on = (dayOfMonth: number): Schedule => ({
      kind: 'monthly',
      dayOfMonth,
      time: '03:00',
      timezone: 'UTC',
    });
    expect(firesBetween(on(31), '2026-01-01T00:00:00Z', '2026-05-01T00:00:00Z')).toEqual([
      '2026-01-31T03:00:00.000Z',
      '2026-02-28T03:00:00.000Z',
      '2026-03-31T03:00:00.000Z',
      '2026-04-30T03:00:00.000Z',
    ]);
    expect(next(on(30), '2028-02-01T00:00:00Z')).toBe('2028-02-29T03:00:00.000Z');
    expect(next(on(29), '2027-02-01T00:00:00Z')).toBe('2027-02-28T03:00:00.000Z');
    expect(next(on(15), '2026-01-15T03:00:00Z')).toBe('2026-02-15T03:00:00.000Z');
  });

  it('runs a monthly schedule at midnight of the zone, not of UTC', () => {
    const sydney: Schedule = {
      kind: 'monthly',
      dayOfMonth: 31,
      time: '00:30',
      timezone: 'Australia/Sydney',
    };
    // 30 April 00:30 in Sydney (UTC+10) = 29 April 14:30 UTC.
    expect(next(sydney, '2026-04-01T00:00:00Z')).toBe('2026-04-29T14:30:00.000Z');
  });

  it('follows any 5-field cron expression in its zone', () => {
    const cron: Schedule = { kind: 'cron', expression: '0 */6 * * 1-5', timezone: 'Asia/Tokyo' };
    // Friday 2026-06-05 18:00 Tokyo, then Monday 00:00 Tokyo (Sunday 15:00 UTC).
    expect(firesBetween(cron, '2026-06-05T08:00:00Z', '2026-06-08T00:00:00Z')).toEqual([
      '2026-06-05T09:00:00.000Z',
      '2026-06-07T15:00:00.000Z',
      '2026-06-07T21:00:00.000Z',
    ]);
  });

  it('runs a wildcard-hour cron expression through both passes of a repeated hour', () => {
    const halfHourly = (timezone: string): Schedule => ({
      kind: 'cron',
      expression: '*/30 * * * *',
      timezone,
    });
    // 25-hour nights: 50 runs, none skipped; 23-hour night: 46.
    expect(
      firesBetween(halfHourly('Europe/Berlin'), '2026-10-24T21:59:00Z', '2026-10-25T22:59:00Z'),
    ).toHaveLength(50);
    expect(
      firesBetween(halfHourly('America/New_York'), '2026-11-01T03:59:00Z', '2026-11-02T04:59:00Z'),
    ).toHaveLength(50);
    expect(
      firesBetween(halfHourly('Europe/Berlin'), '2026-03-28T22:59:00Z', '2026-03-29T21:59:00Z'),
    ).toHaveLength(46);
    const repeated = firesBetween(
      halfHourly('Europe/Berlin'),
      '2026-10-24T23:59:00Z',
      '2026-10-25T02:00:00Z',
    );
    expect(repeated).toEqual([
      '2026-10-25T00:00:00.000Z', // 02:00 CEST
      '2026-10-25T00:30:00.000Z', // 02:30 CEST
      '2026-10-25T01:00:00.000Z', // 02:00 CET
      '2026-10-25T01:30:00.000Z', // 02:30 CET
    ]);
  });

  it('always answers a time strictly after the given one, around every DST change', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe'];
    const nights = [
      '2026-03-08T00:00:00Z',
      '2026-03-29T00:00:00Z',
      '2026-04-05T00:00:00Z',
      '2026-10-04T00:00:00Z',
      '2026-10-25T00:00:00Z',
      '2026-11-01T00:00:00Z',
    ];
    for (const timezone of zones) {
      const schedules: Schedule[] = [
        { kind: 'hourly', minute: 30, timezone },
        { kind: 'daily', time: '01:30', timezone },
        { kind: 'daily', time: '02:30', timezone },
        { kind: 'cron', expression: '*/30 * * * *', timezone },
        { kind: 'cron', expression: '15 1,2 * * *', timezone },
      ];
      for (const night of nights)
        for (let t = Date.parse(night); t < Date.parse(night) + 12 * 3600_000; t += 17 * 60_000)
          for (const schedule of schedules) {
            const next = nextRunAfter(schedule, new Date(t));
            expect(
              next!.getTime(),
              `${JSON.stringify(schedule)} after ${new Date(t).toISOString()}`,
            ).toBeGreaterThan(t);
          }
    }
  });

  it('runs a fixed-hour cron expression once on the night the clock goes back', () => {
    const cron: Schedule = { kind: 'cron', expression: '30 2 * * *', timezone: 'Europe/Berlin' };
    expect(firesBetween(cron, '2026-10-24T21:59:00Z', '2026-10-25T22:59:00Z')).toHaveLength(1);
  });

  it('runs hourly every elapsed hour across both Berlin DST changes', () => {
    const hourly: Schedule = { kind: 'hourly', minute: 15, timezone: 'Europe/Berlin' };
    // The night the clock goes back has 25 hours; both 02:15 run.
    expect(firesBetween(hourly, '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z')).toHaveLength(25);
    // The night it skips 02:00–03:00 has 23 hours.
    expect(firesBetween(hourly, '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z')).toHaveLength(23);
  });
});

describe('toCronExpression and describeSchedule', () => {
  it('writes the standard expression of each preset', () => {
    expect(toCronExpression({ kind: 'manual' })).toBeNull();
    expect(toCronExpression({ kind: 'hourly', minute: 5, timezone: 'UTC' })).toBe('5 * * * *');
    expect(toCronExpression({ kind: 'daily', time: '02:30', timezone: 'UTC' })).toBe('30 2 * * *');
    expect(toCronExpression({ kind: 'weekly', dayOfWeek: 6, time: '23:05', timezone: 'UTC' })).toBe(
      '5 23 * * 6',
    );
    expect(
      toCronExpression({ kind: 'monthly', dayOfMonth: 1, time: '00:00', timezone: 'UTC' }),
    ).toBe('0 0 1 * *');
    expect(toCronExpression({ kind: 'cron', expression: ' 0  3 * * 1', timezone: 'UTC' })).toBe(
      '0 3 * * 1',
    );
  });

  it('describes a schedule in a sentence', () => {
    expect(
      describeSchedule({ kind: 'weekly', dayOfWeek: 1, time: '09:00', timezone: 'Europe/Berlin' }),
    ).toBe('Every Monday at 09:00 (Europe/Berlin)');
    expect(describeSchedule({ kind: 'manual' })).toBe('Manual only');
  });
});
