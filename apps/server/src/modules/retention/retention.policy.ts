import type { Retention, RunStatus } from '@rahatback/protocol';
import { type WallClock, wallClock } from '../schedules/zoned-clock.js';

/** A run as retention sees it: only its identity, age and outcome matter. */
export interface RetentionCandidate {
  id: string;
  startedAt: Date | string;
  status: RunStatus;
}

export interface RetentionOptions {
  /** The zone whose calendar draws the GFS day/week/month/year lines (the job's). */
  timeZone?: string;
}

type Period = 'daily' | 'weekly' | 'monthly' | 'yearly';
const DAY_MS = 24 * 60 * 60 * 1000;

function isoWeek(year: number, month: number, day: number): string {
  const date = Date.UTC(year, month - 1, day);
  const mondayBased = (new Date(date).getUTCDay() + 6) % 7;
  // The ISO week belongs to the year of its Thursday.
  const thursday = new Date(date + (3 - mondayBased) * DAY_MS);
  const weekYear = thursday.getUTCFullYear();
  const jan4 = Date.UTC(weekYear, 0, 4);
  const weekOneMonday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const week = 1 + Math.floor((thursday.getTime() - weekOneMonday) / (7 * DAY_MS));
  return `${weekYear}-W${week}`;
}

function periodKey(backup: Dated, period: Period, timeZone: string): string {
  // Reading a zone's calendar is the costly part; each backup is read once for all periods.
  backup.wall ??= wallClock(backup.at, timeZone);
  const { year, month, day } = backup.wall;
  switch (period) {
    case 'daily':
      return `${year}-${month}-${day}`;
    case 'weekly':
      return isoWeek(year, month, day);
    case 'monthly':
      return `${year}-${month}`;
    case 'yearly':
      return `${year}`;
  }
}

interface Dated {
  id: string;
  at: Date;
  wall?: WallClock;
}

/** The newest backup of each of the `count` most recent periods that have one (restic's rule). */
function keepPerPeriod(newestFirst: Dated[], period: Period, count: number, timeZone: string) {
  const periods = new Set<string>();
  const kept: string[] = [];
  for (const backup of newestFirst) {
    const key = periodKey(backup, period, timeZone);
    if (periods.has(key)) continue;
    if (periods.size >= count) break;
    periods.add(key);
    kept.push(backup.id);
  }
  return kept;
}

function hasAnyRule(policy: Retention): boolean {
  const gfs = policy.gfs;
  const gfsCounts = gfs ? [gfs.daily, gfs.weekly, gfs.monthly, gfs.yearly] : [];
  return (
    policy.keepLast !== undefined || policy.keepDays !== undefined || gfsCounts.some((n) => n > 0)
  );
}

function keptIds(newestFirst: Dated[], policy: Retention, now: Date, timeZone: string) {
  // The newest good backup is kept whatever the policy says.
  const keep = new Set<string>(
    newestFirst.slice(0, Math.max(1, policy.keepLast ?? 0)).map((b) => b.id),
  );
  if (policy.keepDays !== undefined) {
    const cutoff = now.getTime() - policy.keepDays * DAY_MS;
    for (const b of newestFirst) if (b.at.getTime() > cutoff) keep.add(b.id);
  }
  const gfs = policy.gfs;
  if (gfs !== undefined)
    for (const period of ['daily', 'weekly', 'monthly', 'yearly'] as const)
      if (gfs[period] > 0)
        for (const id of keepPerPeriod(newestFirst, period, gfs[period], timeZone)) keep.add(id);
  return keep;
}

/**
 * The ids of the backups a retention policy lets go, oldest first.
 *
 * Only successful runs are candidates and only they are counted, so failed runs never push
 * a good backup out; the rules' keeps are united; the newest successful backup is never
 * selected; no rule at all keeps everything; a run without a readable date is kept.
 */
export function selectExpired(
  backups: readonly RetentionCandidate[],
  policy: Retention,
  now: Date,
  options: RetentionOptions = {},
): string[] {
  if (!hasAnyRule(policy)) return [];
  const newestFirst = backups
    .filter((b) => b.status === 'success')
    .map((b) => ({ id: b.id, at: new Date(b.startedAt) }))
    .filter((b) => !Number.isNaN(b.at.getTime()))
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const keep = keptIds(newestFirst, policy, now, options.timeZone ?? 'UTC');
  return newestFirst
    .filter((b) => !keep.has(b.id))
    .reverse()
    .map((b) => b.id);
}
