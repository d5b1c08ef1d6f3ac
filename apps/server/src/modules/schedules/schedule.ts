import type { Schedule } from '@rahatback/protocol';
import { Cron } from 'croner';
import { aheadOf, earlierMatchInRepeatedHour } from './repeated-hour.js';
import { daysInMonth, wallClock } from './zoned-clock.js';

const MINUTE_MS = 60_000;

function timeParts(time: string): { hour: number; minute: number } {
  const [hour, minute] = time.split(':').map(Number);
  return { hour: hour ?? 0, minute: minute ?? 0 };
}

/**
 * The standard 5-field cron expression of a schedule, for display and export; null for
 * `manual`. Two presets mean slightly more than their expression, see {@link nextRunAfter}:
 * `hourly` counts elapsed hours and `monthly` on days 29–31 also runs in shorter months.
 */
export function toCronExpression(schedule: Schedule): string | null {
  switch (schedule.kind) {
    case 'manual':
      return null;
    case 'hourly':
      return `${schedule.minute} * * * *`;
    case 'daily': {
      const { hour, minute } = timeParts(schedule.time);
      return `${minute} ${hour} * * *`;
    }
    case 'weekly': {
      const { hour, minute } = timeParts(schedule.time);
      return `${minute} ${hour} * * ${schedule.dayOfWeek}`;
    }
    case 'monthly': {
      const { hour, minute } = timeParts(schedule.time);
      return `${minute} ${hour} ${schedule.dayOfMonth} * *`;
    }
    case 'cron':
      return schedule.expression.trim().split(/\s+/).join(' ');
  }
}

function cronNext(expression: string, timezone: string, after: Date): Date | null {
  const cron = new Cron(expression, { timezone, paused: true });
  // A fixed hour runs once a night; a wildcard hour (`*`, `*/2`) follows elapsed time.
  const hasWildcardHour = expression.trim().split(/\s+/)[1]?.startsWith('*') ?? false;
  const next = aheadOf(cron, timezone, after, cron.nextRun(after), hasWildcardHour);
  if (next === null || !hasWildcardHour) return next;
  return earlierMatchInRepeatedHour(expression, timezone, after, next) ?? next;
}

/**
 * Every elapsed hour at the zone's `minute`: on the night the clock goes back, both passes
 * through the repeated hour run (as cron does for jobs with a wildcard hour), and zones
 * with half-hour offsets are honoured.
 */
function nextHourly(minute: number, timezone: string, after: Date): Date {
  let at = Math.floor(after.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  // Each step lands on the wanted minute unless an offset change intervenes; then retry.
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const current = wallClock(new Date(at), timezone).minute;
    if (current === minute) return new Date(at);
    at += ((minute - current + 60) % 60) * MINUTE_MS;
  }
  return new Date(at);
}

/** Day 29–31 lands on the month's last day when the month is shorter. */
function nextMonthly(dayOfMonth: number, time: string, timezone: string, after: Date): Date | null {
  const { hour, minute } = timeParts(time);
  if (dayOfMonth <= 28) return cronNext(`${minute} ${hour} ${dayOfMonth} * *`, timezone, after);
  const candidates = new Cron(`${minute} ${hour} 28-31 * *`, { timezone, paused: true });
  let from: Date | null = after;
  for (let i = 0; i < 12 * 4 && from !== null; i += 1) {
    const candidate: Date | null = candidates.nextRun(from);
    if (candidate === null) return null;
    const wall = wallClock(candidate, timezone);
    if (wall.day === Math.min(dayOfMonth, daysInMonth(wall.year, wall.month))) return candidate;
    from = candidate;
  }
  return null;
}

/**
 * The first time strictly after `after` at which the schedule fires, or null (manual).
 *
 * Fixed times follow the wall clock of the schedule's zone and fire once per day they
 * name: a time the clock skips (spring forward) runs at the same offset after the jump,
 * e.g. 02:30 becomes 03:30; a time the clock repeats (fall back) runs once. As in cron,
 * `hourly` and expressions with a wildcard hour (`*`, `*\/2`) follow elapsed time instead,
 * so both passes through a repeated hour run.
 */
export function nextRunAfter(schedule: Schedule, after: Date): Date | null {
  switch (schedule.kind) {
    case 'manual':
      return null;
    case 'hourly':
      return nextHourly(schedule.minute, schedule.timezone, after);
    case 'monthly':
      return nextMonthly(schedule.dayOfMonth, schedule.time, schedule.timezone, after);
    case 'daily':
    case 'weekly':
    case 'cron':
      return cronNext(toCronExpression(schedule) ?? '', schedule.timezone, after);
  }
}

function weekdayName(dayOfWeek: number, locale: string): string {
  // 2023-01-01 was a Sunday.
  const date = new Date(Date.UTC(2023, 0, 1 + dayOfWeek));
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(date);
}

/** A short English sentence for lists and notifications, e.g. "Every day at 02:30 (Europe/Berlin)". */
export function describeSchedule(schedule: Schedule, locale = 'en'): string {
  switch (schedule.kind) {
    case 'manual':
      return 'Manual only';
    case 'hourly':
      return `Every hour at minute ${schedule.minute} (${schedule.timezone})`;
    case 'daily':
      return `Every day at ${schedule.time} (${schedule.timezone})`;
    case 'weekly':
      return `Every ${weekdayName(schedule.dayOfWeek, locale)} at ${schedule.time} (${schedule.timezone})`;
    case 'monthly': {
      const last = schedule.dayOfMonth > 28 ? ', or the last day of shorter months' : '';
      return `Every month on day ${schedule.dayOfMonth}${last}, at ${schedule.time} (${schedule.timezone})`;
    }
    case 'cron':
      return `Cron "${schedule.expression}" (${schedule.timezone})`;
  }
}
