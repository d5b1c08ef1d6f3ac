import { displayTimeZone } from './time-zone.js';

/**
 * Date and time in the reader's language and chosen zone (Settings; the browser's by default),
 * e.g. "27 Kas 2026 14:05" in Turkish.
 */
export function formatDateTime(
  iso: string,
  language: string,
  timeZone = displayTimeZone(),
): string {
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
}

export function formatTime(iso: string, language: string, timeZone = displayTimeZone()): string {
  return new Intl.DateTimeFormat(language, { timeStyle: 'short', timeZone }).format(new Date(iso));
}
