import type { RunStatus } from '@rahatback/protocol';
import { describe, expect, it } from 'vitest';
import { type RetentionCandidate, selectExpired } from './retention.policy.js';

const now = new Date('2026-06-30T12:00:00Z');

/** One backup per entry, named by its start time, e.g. `b('2026-06-01T03:00Z')`. */
const b = (startedAt: string, status: RunStatus = 'success'): RetentionCandidate => ({
  id: startedAt,
  startedAt,
  status,
});

/** A successful backup every day at 03:00 UTC, for `days` days ending on 30 June 2026. */
function dailyBackups(days: number): RetentionCandidate[] {
  return Array.from({ length: days }, (_, i) =>
    b(new Date(Date.UTC(2026, 5, 30 - i, 3)).toISOString()),
  ).reverse();
}

describe('selectExpired', () => {
  it('keeps everything when no rule is set', () => {
    expect(selectExpired(dailyBackups(30), {}, now)).toEqual([]);
    expect(
      selectExpired(dailyBackups(30), { gfs: { daily: 0, weekly: 0, monthly: 0, yearly: 0 } }, now),
    ).toEqual([]);
  });

  it('keeps the last N successful backups and lets the older ones go, oldest first', () => {
    const backups = dailyBackups(10);
    const expired = selectExpired(backups, { keepLast: 3 }, now);
    expect(expired).toEqual(backups.slice(0, 7).map((x) => x.id));
  });

  it('keeps backups younger than D days', () => {
    const expired = selectExpired(dailyBackups(30), { keepDays: 7 }, now);
    // 24–30 June are younger than 7 days at 30 June 12:00; 23 June 03:00 is older.
    expect(expired).toHaveLength(23);
    expect(expired.at(-1)).toBe('2026-06-23T03:00:00.000Z');
  });

  it('never selects the newest successful backup, however old', () => {
    const old = [b('2025-01-01T00:00:00Z'), b('2025-01-02T00:00:00Z')];
    expect(selectExpired(old, { keepDays: 1 }, now)).toEqual(['2025-01-01T00:00:00Z']);
  });

  it('keeps the last good backup when the last three runs failed', () => {
    const runs = [
      b('2026-06-20T03:00:00Z'),
      b('2026-06-21T03:00:00Z'),
      b('2026-06-28T03:00:00Z', 'failed'),
      b('2026-06-29T03:00:00Z', 'failed'),
      b('2026-06-30T03:00:00Z', 'failed'),
    ];
    const expired = selectExpired(runs, { keepLast: 1, keepDays: 3 }, now);
    expect(expired).toEqual(['2026-06-20T03:00:00Z']);
  });

  it('counts only successful runs toward keep-last and never selects other runs', () => {
    const runs = [
      b('2026-06-25T03:00:00Z'),
      b('2026-06-26T03:00:00Z'),
      b('2026-06-27T03:00:00Z', 'failed'),
      b('2026-06-28T03:00:00Z', 'skipped'),
      b('2026-06-29T03:00:00Z', 'cancelled'),
      b('2026-06-30T03:00:00Z', 'running'),
    ];
    expect(selectExpired(runs, { keepLast: 2 }, now)).toEqual([]);
    expect(selectExpired(runs, { keepLast: 1 }, now)).toEqual(['2026-06-25T03:00:00Z']);
  });

  it('keeps the newest backup of each of the last N days, weeks, months and years (GFS)', () => {
    // Two backups a day (03:00 and 15:00) from 1 Jan 2025 to 30 June 2026.
    const runs: RetentionCandidate[] = [];
    for (let t = Date.UTC(2025, 0, 1, 3); t <= now.getTime(); t += 12 * 3600_000)
      runs.push(b(new Date(t).toISOString()));
    const gfs = { daily: 3, weekly: 2, monthly: 3, yearly: 2 };
    const expired = new Set(selectExpired(runs, { gfs }, now));
    const kept = runs.map((r) => r.id).filter((id) => !expired.has(id));
    expect(kept.sort()).toEqual([
      '2025-12-31T15:00:00.000Z', // yearly 2025
      '2026-04-30T15:00:00.000Z', // monthly April
      '2026-05-31T15:00:00.000Z', // monthly May
      '2026-06-28T15:00:00.000Z', // daily 28 June; weekly: the Sunday closing ISO week 26
      '2026-06-29T15:00:00.000Z', // daily 29 June
      '2026-06-30T03:00:00.000Z', // newest: daily, weekly, monthly, yearly 2026
    ]);
  });

  it('keeps the union of every rule', () => {
    const backups = dailyBackups(90);
    const policy = {
      keepLast: 2,
      keepDays: 5,
      gfs: { daily: 0, weekly: 0, monthly: 3, yearly: 0 },
    };
    const expired = new Set(selectExpired(backups, policy, now));
    const kept = backups.map((x) => x.id).filter((id) => !expired.has(id));
    expect(kept).toEqual([
      '2026-04-30T03:00:00.000Z',
      '2026-05-31T03:00:00.000Z',
      '2026-06-26T03:00:00.000Z',
      '2026-06-27T03:00:00.000Z',
      '2026-06-28T03:00:00.000Z',
      '2026-06-29T03:00:00.000Z',
      '2026-06-30T03:00:00.000Z',
    ]);
  });

  it('draws GFS day lines in the job time zone', () => {
    // 23:30 and 00:30 UTC are two days in UTC but one morning in Tokyo.
    const runs = [b('2026-06-01T23:30:00Z'), b('2026-06-02T00:30:00Z')];
    const policy = { gfs: { daily: 2, weekly: 0, monthly: 0, yearly: 0 } };
    expect(selectExpired(runs, policy, now)).toEqual([]);
    expect(selectExpired(runs, policy, now, { timeZone: 'Asia/Tokyo' })).toEqual([
      '2026-06-01T23:30:00Z',
    ]);
  });

  it('keeps a backup whose date cannot be read rather than deleting it', () => {
    const runs = [b('not a date'), b('2026-06-01T00:00:00Z'), b('2026-06-02T00:00:00Z')];
    expect(selectExpired(runs, { keepLast: 1 }, now)).toEqual(['2026-06-01T00:00:00Z']);
  });
});
