/** The wall clock of a time zone at one instant, as the scheduler reads it. */
export interface WallClock {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday. */
  dayOfWeek: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

// "Thu, 1/1/2026, 01:00" — en-US with a 24-hour clock.
const EN_US = /^([A-Za-z]{3}), (\d{1,2})\/(\d{1,2})\/(\d{4}), (\d{2}):(\d{2})$/;

function fromParts(formatter: Intl.DateTimeFormat, at: Date): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(at)) parts[part.type] = part.value;
  const number = (type: string): number => Number(parts[type]);
  return {
    year: number('year'),
    month: number('month'),
    day: number('day'),
    hour: number('hour'),
    minute: number('minute'),
    dayOfWeek: WEEKDAYS.indexOf(parts['weekday'] ?? ''),
  };
}

export function wallClock(at: Date, timeZone: string): WallClock {
  const formatter = formatterFor(timeZone);
  // Parsing the formatted string is several times faster than formatToParts; the parts
  // remain the fallback should an ICU version print it differently.
  const match = EN_US.exec(formatter.format(at));
  if (match === null) return fromParts(formatter, at);
  const [, weekday, month, day, year, hour, minute] = match;
  return {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    dayOfWeek: WEEKDAYS.indexOf(weekday ?? ''),
  };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
