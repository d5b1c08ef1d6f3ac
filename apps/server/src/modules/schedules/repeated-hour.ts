import { Cron } from 'croner';
import { wallClock } from './zoned-clock.js';

const MINUTE_MS = 60_000;

/** Minutes the zone's clock is ahead of UTC at `at`. */
function offsetMinutes(at: number, timeZone: string): number {
  const w = wallClock(new Date(at), timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return Math.round((asUtc - Math.floor(at / MINUTE_MS) * MINUTE_MS) / MINUTE_MS);
}

/** The first instant in (from, to] whose offset differs from `from`'s (to's offset must differ). */
function findTransition(from: number, to: number, timeZone: string): number {
  const before = offsetMinutes(from, timeZone);
  // Whole minutes on both ends, so that each halving moves strictly between them.
  let low = Math.floor(from / MINUTE_MS) * MINUTE_MS;
  let high = Math.ceil(to / MINUTE_MS) * MINUTE_MS;
  while (high - low > MINUTE_MS) {
    const mid = Math.floor((low + high) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetMinutes(mid, timeZone) === before) low = mid;
    else high = mid;
  }
  return high;
}

/**
 * Whether the pattern matches the zone's wall clock at `at`. Croner has no public match(),
 * so the wall time is replayed as a UTC instant against the pattern read in UTC.
 */
function matchesAt(utcCron: Cron, at: number, timeZone: string): boolean {
  const w = wallClock(new Date(at), timeZone);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return utcCron.nextRun(new Date(wallAsUtc - MINUTE_MS))?.getTime() === wallAsUtc;
}

/**
 * Croner fires each wall-clock time once, so on the night the clock goes back a pattern
 * with a wildcard hour (every 5 minutes, every hour) would skip one real hour. Like cron,
 * such patterns follow elapsed time: this finds a match inside the repeated hour that
 * croner passed over, between `after` and croner's own answer `next`.
 */
export function earlierMatchInRepeatedHour(
  expression: string,
  timeZone: string,
  after: Date,
  next: Date,
): Date | null {
  const [from, to] = [after.getTime(), next.getTime()];
  const drop = offsetMinutes(from, timeZone) - offsetMinutes(to, timeZone);
  if (drop <= 0) return null;
  const transition = findTransition(from, to, timeZone);
  const start = Math.max(
    transition - drop * MINUTE_MS,
    Math.floor(from / MINUTE_MS + 1) * MINUTE_MS,
  );
  const end = Math.min(transition + drop * MINUTE_MS, to);
  const utcCron = new Cron(expression, { timezone: 'UTC', paused: true });
  for (let at = start; at < end; at += MINUTE_MS)
    if (matchesAt(utcCron, at, timeZone)) return new Date(at);
  return null;
}

/**
 * In zones where croner maps a repeated wall time to its first pass (America/New_York),
 * asking from inside the second pass can return an instant already behind `after`. Such an
 * answer moves to the second pass when the pattern follows elapsed time, or else to the
 * pattern's next time after the repeated hour (a fixed time runs once a night).
 */
export function aheadOf(
  cron: Cron,
  timeZone: string,
  after: Date,
  next: Date | null,
  followsElapsedTime: boolean,
): Date | null {
  if (next === null || next > after) return next;
  const shift = Math.max(
    0,
    offsetMinutes(next.getTime(), timeZone) - offsetMinutes(after.getTime(), timeZone),
  );
  const secondPass = new Date(next.getTime() + shift * MINUTE_MS);
  if (followsElapsedTime && secondPass > after) return secondPass;
  const later = cron.nextRun(
    secondPass > after ? secondPass : new Date(after.getTime() + 60 * MINUTE_MS),
  );
  return later !== null && later > after ? later : null;
}
