// Sizes, durations and rates in the reader's language, built on Intl so that Turkish gets
// "1,5 MB" and "2 dk 5 sn" without a catalogue entry per unit.

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** A size in decimal units (1 MB = 1 000 000 bytes), e.g. "1.5 MB" or "1,5 MB". */
export function formatBytes(bytes: number, language: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  // Intl's short form of "byte" is the whole word; "B" matches kB, MB, … beside it.
  if (unit === 0) return `${new Intl.NumberFormat(language).format(value)} B`;
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: BYTE_UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value);
}

/** A transfer rate, e.g. "12.3 MB/s". */
export function formatRate(bytesPerSecond: number, language: string): string {
  return `${formatBytes(bytesPerSecond, language)}/s`;
}

function unitPart(value: number, unit: 'hour' | 'minute' | 'second', language: string): string {
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: unit === 'second' && value < 10 ? 1 : 0,
  }).format(value);
}

/** A duration with its two largest units, e.g. "4.2 sec", "2 min 5 sec", "1 hr 3 min". */
export function formatDuration(ms: number, language: string): string {
  const totalSeconds = Math.max(0, ms) / 1000;
  if (totalSeconds < 60) return unitPart(totalSeconds, 'second', language);
  const whole = Math.round(totalSeconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const seconds = whole % 60;
  const parts =
    hours > 0
      ? [unitPart(hours, 'hour', language), unitPart(minutes, 'minute', language)]
      : [unitPart(minutes, 'minute', language), unitPart(seconds, 'second', language)];
  return new Intl.ListFormat(language, { style: 'narrow', type: 'unit' }).format(parts);
}
