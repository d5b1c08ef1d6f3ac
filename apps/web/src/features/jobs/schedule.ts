import type { Schedule } from '@rahatback/protocol';
import { Cron } from 'croner';
import type { TFunction } from 'i18next';
import { displayTimeZone } from '../../i18n/time-zone.js';

export { browserTimeZone } from '../../i18n/time-zone.js';

/** The zone a new schedule starts in: the one chosen in Settings, else the browser's. */
export function defaultTimeZone(): string {
  return displayTimeZone();
}

function weekdayName(dayOfWeek: number, language: string): string {
  // 7 January 2024 was a Sunday, so day 0 lands on Sunday as in the protocol.
  return new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 7 + dayOfWeek)),
  );
}

/** "every day at 02:00, Europe/Istanbul", in the reader's language. */
export function describeSchedule(schedule: Schedule, t: TFunction, language: string): string {
  switch (schedule.kind) {
    case 'manual':
      return t('jobs.scheduleWords.manual');
    case 'hourly':
      return t('jobs.scheduleWords.hourly', {
        minute: String(schedule.minute).padStart(2, '0'),
        timezone: schedule.timezone,
      });
    case 'daily':
      return t('jobs.scheduleWords.daily', { time: schedule.time, timezone: schedule.timezone });
    case 'weekly':
      return t('jobs.scheduleWords.weekly', {
        day: weekdayName(schedule.dayOfWeek, language),
        time: schedule.time,
        timezone: schedule.timezone,
      });
    case 'monthly':
      return t('jobs.scheduleWords.monthly', {
        day: schedule.dayOfMonth,
        time: schedule.time,
        timezone: schedule.timezone,
      });
    case 'cron':
      return t('jobs.scheduleWords.cron', {
        expression: schedule.expression,
        timezone: schedule.timezone,
      });
  }
}

function hourAndMinute(time: string): [number, number] {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return [hour, minute];
}

function dayOfMonthIn(date: Date, timezone: string): number {
  return Number(
    new Intl.DateTimeFormat('en-US', { day: 'numeric', timeZone: timezone }).format(date),
  );
}

function lastDayOfMonthIn(date: Date, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'numeric',
    timeZone: timezone,
  }).formatToParts(date);
  const year = Number(parts.find((part) => part.type === 'year')?.value);
  const month = Number(parts.find((part) => part.type === 'month')?.value);
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The next `count` times a schedule fires after `from`, computed in the browser so that the
 * form can preview them as the user types. Null when the schedule is invalid or manual.
 */
export function nextRunTimes(schedule: Schedule, count: number, from = new Date()): Date[] | null {
  if (schedule.kind === 'manual') return null;
  const { timezone } = schedule;
  try {
    switch (schedule.kind) {
      case 'hourly':
        return new Cron(`${schedule.minute} * * * *`, { timezone }).nextRuns(count, from);
      case 'daily': {
        const [hour, minute] = hourAndMinute(schedule.time);
        return new Cron(`${minute} ${hour} * * *`, { timezone }).nextRuns(count, from);
      }
      case 'weekly': {
        const [hour, minute] = hourAndMinute(schedule.time);
        const pattern = `${minute} ${hour} * * ${schedule.dayOfWeek}`;
        return new Cron(pattern, { timezone }).nextRuns(count, from);
      }
      case 'monthly':
        return monthlyRuns(schedule.dayOfMonth, schedule.time, timezone, count, from);
      case 'cron':
        return new Cron(schedule.expression, { timezone }).nextRuns(count, from);
    }
  } catch {
    return null;
  }
}

/** Days 29–31 fall on a shorter month's last day, as the server's scheduler does. */
function monthlyRuns(day: number, time: string, timezone: string, count: number, from: Date) {
  const [hour, minute] = hourAndMinute(time);
  if (day <= 28)
    return new Cron(`${minute} ${hour} ${day} * *`, { timezone }).nextRuns(count, from);
  const candidates = new Cron(`${minute} ${hour} 28-31 * *`, { timezone }).nextRuns(
    count * 4,
    from,
  );
  return candidates
    .filter((date) => {
      const wanted = Math.min(day, lastDayOfMonthIn(date, timezone));
      return dayOfMonthIn(date, timezone) === wanted;
    })
    .slice(0, count);
}
