// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { browserTimeZone, chooseTimeZone } from '../../i18n/time-zone.js';
import { emptyJobValues } from './job-form-values.js';
import { describeSchedule, nextRunTimes } from './schedule.js';
import { testTranslator } from '../../test/translator.js';

const { i18n } = testTranslator();

const iso = (dates: Date[] | null) => dates?.map((date) => date.toISOString()) ?? null;

describe('a schedule in words', () => {
  it('reads a daily schedule with its zone, in English and Turkish', () => {
    const daily = { kind: 'daily', time: '02:00', timezone: 'Europe/Istanbul' } as const;
    expect(describeSchedule(daily, i18n.getFixedT('en'), 'en')).toBe(
      'every day at 02:00, Europe/Istanbul',
    );
    expect(describeSchedule(daily, i18n.getFixedT('tr'), 'tr')).toBe(
      'her gün saat 02:00, Europe/Istanbul',
    );
  });

  it('names the weekday in the reader’s language', () => {
    const weekly = { kind: 'weekly', dayOfWeek: 1, time: '03:30', timezone: 'UTC' } as const;
    expect(describeSchedule(weekly, i18n.getFixedT('en'), 'en')).toBe('every Monday at 03:30, UTC');
    expect(describeSchedule(weekly, i18n.getFixedT('tr'), 'tr')).toContain('Pazartesi');
  });
});

describe('the next run times', () => {
  const from = new Date('2026-01-30T12:00:00Z');

  it('follows the chosen zone: 02:00 in Istanbul is 23:00 UTC the day before', () => {
    const runs = nextRunTimes(
      { kind: 'daily', time: '02:00', timezone: 'Europe/Istanbul' },
      2,
      from,
    );
    expect(iso(runs)).toEqual(['2026-01-30T23:00:00.000Z', '2026-01-31T23:00:00.000Z']);
  });

  it('previews a cron expression as typed, and nothing for one that is not valid', () => {
    const cron = { kind: 'cron', expression: '*/15 * * * *', timezone: 'UTC' } as const;
    expect(iso(nextRunTimes(cron, 5, from))).toEqual([
      '2026-01-30T12:15:00.000Z',
      '2026-01-30T12:30:00.000Z',
      '2026-01-30T12:45:00.000Z',
      '2026-01-30T13:00:00.000Z',
      '2026-01-30T13:15:00.000Z',
    ]);
    expect(nextRunTimes({ ...cron, expression: '61 * * * *' }, 5, from)).toBeNull();
    expect(nextRunTimes({ kind: 'manual' }, 5, from)).toBeNull();
  });

  it('runs a day-31 monthly schedule on the last day of shorter months', () => {
    const runs = nextRunTimes(
      { kind: 'monthly', dayOfMonth: 31, time: '01:00', timezone: 'UTC' },
      3,
      from,
    );
    expect(iso(runs)).toEqual([
      '2026-01-31T01:00:00.000Z',
      '2026-02-28T01:00:00.000Z',
      '2026-03-31T01:00:00.000Z',
    ]);
  });
});

describe('the zone of a new job', () => {
  afterEach(() => chooseTimeZone(null));

  it('is the browser’s zone until one is chosen in Settings, then the chosen one', () => {
    expect(emptyJobValues().timezone).toBe(browserTimeZone());
    chooseTimeZone('Asia/Tokyo');
    expect(emptyJobValues().timezone).toBe('Asia/Tokyo');
    chooseTimeZone(null);
    expect(emptyJobValues().timezone).toBe(browserTimeZone());
  });
});
