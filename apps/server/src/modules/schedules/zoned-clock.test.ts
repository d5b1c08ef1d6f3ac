import { describe, expect, it } from 'vitest';
import { daysInMonth, wallClock } from './zoned-clock.js';

describe('wallClock', () => {
  it('reads the clock of a zone, midnight as hour 0', () => {
    expect(wallClock(new Date('2026-12-31T23:00:00Z'), 'Europe/Berlin')).toEqual({
      year: 2027,
      month: 1,
      day: 1,
      hour: 0,
      minute: 0,
      dayOfWeek: 5,
    });
    expect(wallClock(new Date('2026-06-01T00:15:00Z'), 'Asia/Kathmandu')).toMatchObject({
      hour: 6,
      minute: 0,
    });
  });

  it('reads both passes of a repeated hour as the same wall time', () => {
    const first = wallClock(new Date('2026-10-25T00:30:00Z'), 'Europe/Berlin');
    const second = wallClock(new Date('2026-10-25T01:30:00Z'), 'Europe/Berlin');
    expect(first).toEqual(second);
    expect(first).toMatchObject({ hour: 2, minute: 30, dayOfWeek: 0 });
  });
});

describe('daysInMonth', () => {
  it('knows February in leap and common years', () => {
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2026, 12)).toBe(31);
  });
});
