import type { Schedule } from '@rahatback/protocol';
import { nextRunAfter } from './schedule.js';

/** How late a run may fire and still count as on time rather than a catch-up. */
export const CATCH_UP_GRACE_MS = 2 * 60_000;

export interface SchedulableJob {
  schedule: Schedule;
  /** The stored next fire time; null = not computed yet (new, edited or resumed job). */
  nextRunAt: Date | null;
  /** False = paused. */
  enabled?: boolean;
}

export interface DuePlan {
  fire: boolean;
  trigger: 'schedule' | 'catch-up';
  /** The value to store (and to claim with) next; null = nothing scheduled. */
  nextRunAt: Date | null;
}

/**
 * What the scheduler loop does with one job at `now`. A due job fires once; when it is
 * later than the grace or a whole period was missed (the server was down), that one run is
 * a catch-up and the next time is computed from now, so a long downtime never causes a
 * burst of runs.
 */
export function planDueRun(
  job: SchedulableJob,
  now: Date,
  graceMs: number = CATCH_UP_GRACE_MS,
): DuePlan {
  const idle = (nextRunAt: Date | null): DuePlan => ({
    fire: false,
    trigger: 'schedule',
    nextRunAt,
  });
  if (job.schedule.kind === 'manual' || job.enabled === false) return idle(null);
  if (job.nextRunAt === null) return idle(nextRunAfter(job.schedule, now));
  if (now.getTime() < job.nextRunAt.getTime()) return idle(job.nextRunAt);

  const lateByMs = now.getTime() - job.nextRunAt.getTime();
  const following = nextRunAfter(job.schedule, job.nextRunAt);
  const missedAPeriod = following !== null && following.getTime() <= now.getTime();
  return {
    fire: true,
    trigger: lateByMs > graceMs || missedAPeriod ? 'catch-up' : 'schedule',
    nextRunAt: nextRunAfter(job.schedule, now),
  };
}
