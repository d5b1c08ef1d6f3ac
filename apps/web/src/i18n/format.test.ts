// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { formatDateTime, formatTime } from './format.js';
import { browserTimeZone, chooseTimeZone, displayTimeZone } from './time-zone.js';

afterEach(() => chooseTimeZone(null));

describe('dates in the chosen time zone', () => {
  const midnightUtc = '2026-11-27T00:30:00.000Z';

  it('shows dates in the browser’s zone until another is chosen', () => {
    expect(displayTimeZone()).toBe(browserTimeZone());
    expect(formatDateTime(midnightUtc, 'en')).toBe(
      formatDateTime(midnightUtc, 'en', browserTimeZone()),
    );
  });

  it('shows every date in the chosen zone, in the reader’s language', () => {
    chooseTimeZone('Europe/Istanbul');
    expect(formatDateTime(midnightUtc, 'en')).toMatch(/^Nov 27, 2026, 3:30\sAM$/);
    expect(formatDateTime(midnightUtc, 'tr')).toBe('27 Kas 2026 03:30');
    expect(formatTime(midnightUtc, 'tr')).toBe('03:30');
    chooseTimeZone('America/New_York');
    expect(formatDateTime(midnightUtc, 'en')).toMatch(/^Nov 26, 2026, 7:30\sPM$/);
  });

  it('forgets a remembered zone the browser no longer knows', () => {
    localStorage.setItem('rahatback.timeZone', 'Mars/Olympus_Mons');
    expect(displayTimeZone()).toBe(browserTimeZone());
  });
});
