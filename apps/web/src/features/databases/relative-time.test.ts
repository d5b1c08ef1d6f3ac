import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './relative-time.js';

const now = Date.parse('2026-11-27T12:00:00Z');
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

describe('a time relative to now', () => {
  it('says how long ago in the largest whole unit, in English and Turkish', () => {
    expect(formatRelativeTime(ago(20), 'en', now)).toBe('now');
    expect(formatRelativeTime(ago(5 * 60), 'en', now)).toBe('5 minutes ago');
    expect(formatRelativeTime(ago(3 * 3600 + 59 * 60), 'en', now)).toBe('3 hours ago');
    expect(formatRelativeTime(ago(26 * 3600), 'en', now)).toBe('yesterday');
    expect(formatRelativeTime(ago(3 * 3600), 'tr', now)).toBe('3 saat önce');
    expect(formatRelativeTime(ago(26 * 3600), 'tr', now)).toBe('dün');
    expect(formatRelativeTime(ago(40 * 24 * 3600), 'tr', now)).toBe('geçen ay');
  });
});
