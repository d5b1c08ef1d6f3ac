import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatRate } from './format.js';

describe('formatting for the reader', () => {
  it('writes sizes in decimal units with the language’s decimal mark', () => {
    expect(formatBytes(0, 'en')).toBe('0 B');
    expect(formatBytes(999, 'en')).toBe('999 B');
    expect(formatBytes(1_500_000, 'en')).toBe('1.5 MB');
    expect(formatBytes(1_500_000, 'tr')).toBe('1,5 MB');
    expect(formatBytes(3_200_000_000_000_000, 'en')).toBe('3,200 TB');
  });

  it('writes a rate per second', () => {
    expect(formatRate(12_345_678, 'en')).toBe('12.3 MB/s');
  });

  it('writes short durations in seconds and longer ones with their two largest units', () => {
    expect(formatDuration(4_200, 'en')).toBe('4.2 sec');
    expect(formatDuration(125_000, 'en')).toBe('2 min 5 sec');
    expect(formatDuration(3_780_000, 'en')).toBe('1 hr 3 min');
    expect(formatDuration(125_000, 'tr')).toMatch(/^2 dk\.?,? 5 sn\.?$/);
  });
});
