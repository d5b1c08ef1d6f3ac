import type { Schedule } from '@rahatback/protocol';
import { planDueRun } from './due.js';

/** A job as the scheduler loop sees it. */
export interface ScheduledJob {
  id: string;
  schedule: Schedule;
  nextRunAt: Date | null;
  enabled: boolean;
}

/**
 * The scheduler's view of the metadata store. Its state lives there, not in memory, so
 * several server processes can run the loop side by side.
 */
export interface SchedulerStore {
  /** Enabled, scheduled jobs whose next time has come or is not computed yet. */
  listDue(now: Date, limit: number): Promise<ScheduledJob[]>;
  /**
   * One atomic compare-and-set: `UPDATE jobs SET next_run_at = :next WHERE id = :id AND
   * next_run_at IS NOT DISTINCT FROM :seen`. True when this process moved it, and so owns
   * the run; false when another process got there first.
   */
  claim(jobId: string, seen: Date | null, next: Date | null): Promise<boolean>;
}

export interface SchedulerLogger {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface SchedulerDeps {
  store: SchedulerStore;
  /** The same function as "Run now"; it records skipped and failed runs itself. */
  startRun(jobId: string, trigger: 'schedule' | 'catch-up'): Promise<unknown>;
  logger: SchedulerLogger;
  now?: () => Date;
  intervalMs?: number;
  batchSize?: number;
}

export interface TickReport {
  fired: number;
  rescheduled: number;
  lostClaims: number;
}

export interface Scheduler {
  /** One pass over the due jobs; exposed so tests and an admin action can drive it. */
  tick(): Promise<TickReport>;
  start(): void;
  /** Stops the loop and waits for a tick in progress. */
  stop(): Promise<void>;
}

const sameTime = (a: Date | null, b: Date | null) =>
  (a?.getTime() ?? null) === (b?.getTime() ?? null);

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const now = deps.now ?? (() => new Date());
  const intervalMs = deps.intervalMs ?? 15_000;
  const batchSize = deps.batchSize ?? 500;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;

  async function handle(job: ScheduledJob, at: Date, report: TickReport): Promise<void> {
    const plan = planDueRun(job, at);
    if (!plan.fire && sameTime(plan.nextRunAt, job.nextRunAt)) return;
    if (!(await deps.store.claim(job.id, job.nextRunAt, plan.nextRunAt))) {
      report.lostClaims += 1;
      return;
    }
    if (!plan.fire) {
      report.rescheduled += 1;
      return;
    }
    report.fired += 1;
    deps.logger.info({ jobId: job.id, trigger: plan.trigger }, 'scheduled run fired');
    await deps.startRun(job.id, plan.trigger);
  }

  async function tick(): Promise<TickReport> {
    const at = now();
    const report: TickReport = { fired: 0, rescheduled: 0, lostClaims: 0 };
    for (const job of await deps.store.listDue(at, batchSize)) {
      try {
        await handle(job, at, report);
      } catch (error) {
        // One job's failure must not hold back the others.
        deps.logger.error({ jobId: job.id, err: error }, 'scheduled run could not start');
      }
    }
    return report;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) => deps.logger.error({ err: error }, 'scheduler tick failed'))
        .finally(schedule);
    }, intervalMs);
  }

  return {
    tick,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
