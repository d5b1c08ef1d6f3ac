import type { Logger } from 'pino';
import type { Sealer } from '../../crypto/sealer.js';
import type { Store } from '../../db/store.js';
import type { SocketHub } from '../../realtime/socket-hub.js';
import { createJobsRepository } from '../jobs/jobs.repository.js';
import { createJobsService } from '../jobs/jobs.service.js';
import { createRunFinisher } from '../runs/run.finisher.js';
import { createRunReports } from '../runs/run.reports.js';
import { listenToBackupReports } from '../runs/run.sockets.js';
import { createRunSweeper } from '../runs/run.sweeper.js';
import { createRunsRepository } from '../runs/runs.repository.js';
import { createRunsService } from '../runs/runs.service.js';
import { createStoragesRepository } from '../storages/storages.repository.js';
import { createStoragesService } from '../storages/storages.service.js';
import { createLoop } from './loop.js';
import { AppError } from '../../errors.js';
import { createScheduler } from '../schedules/scheduler.js';
import { createSchedulerStore } from './scheduler.store.js';

export interface OrchestrationOptions {
  /** False = no scheduler loop (tests drive `scheduler.tick()` themselves). */
  isSchedulerEnabled: boolean;
  schedulerIntervalMs: number;
  sweepIntervalMs: number;
  agentGraceMs: number;
}

export interface OrchestrationDeps {
  store: Store;
  sealer: Sealer;
  hub: SocketHub;
  logger: Logger;
  options: OrchestrationOptions;
  now?: () => Date;
}

/**
 * Storages, jobs, runs, the run sweeper and the scheduler, built over one store and hub.
 * `start()` begins the loops (after the hub is up); `stop()` lets an in-flight pass finish.
 */
export function createOrchestration({
  store,
  sealer,
  hub,
  logger,
  options,
  now = () => new Date(),
}: OrchestrationDeps) {
  const log = logger.child({ component: 'runs' });
  const runsRepo = createRunsRepository(store.db);
  const finisher = createRunFinisher({ repo: runsRepo, ui: hub, logger: log, now });
  const runs = createRunsService({
    repo: runsRepo,
    finisher,
    sealer,
    link: hub,
    ui: hub,
    logger: log,
    now,
  });
  const reports = createRunReports({ repo: runsRepo, finisher, ui: hub, logger: log, now });
  listenToBackupReports(hub.io, reports, log);

  const sweeper = createRunSweeper({
    repo: runsRepo,
    finisher,
    link: hub,
    logger: log,
    now,
    agentGraceMs: options.agentGraceMs,
  });
  const schedulerLog = logger.child({ component: 'scheduler' });
  const scheduler = createScheduler({
    store: createSchedulerStore(store.db),
    startRun: (jobId, trigger) => startScheduledRun(jobId, trigger),
    logger: schedulerLog,
    now,
    intervalMs: options.schedulerIntervalMs,
  });
  async function startScheduledRun(jobId: string, trigger: 'schedule' | 'catch-up') {
    try {
      await runs.startRun(jobId, { trigger });
    } catch (error) {
      // The previous run still going is a normal outcome of a short schedule, not an error.
      if (!(error instanceof AppError && error.code === 'RUN_ALREADY_ACTIVE')) throw error;
      schedulerLog.warn({ jobId }, 'scheduled run not started: the previous run is still active');
    }
  }
  const sweepLoop = createLoop('run-sweeper', options.sweepIntervalMs, () => sweeper.sweep(), log);

  return {
    services: {
      storages: createStoragesService({
        repo: createStoragesRepository(store.db),
        sealer,
        link: hub,
        now,
      }),
      jobs: createJobsService({ repo: createJobsRepository(store.db), sealer, ui: hub, now }),
      runs,
    },
    /** Retention and notifications subscribe here; each finished run is announced once. */
    onRunFinished: finisher.onRunFinished.bind(finisher),
    reports,
    sweeper,
    scheduler,
    start(): void {
      sweepLoop.start();
      if (options.isSchedulerEnabled) scheduler.start();
    },
    /** Lets an in-flight claim and its run start finish before the store closes. */
    async stop(): Promise<void> {
      await Promise.all([sweepLoop.stop(), scheduler.stop()]);
    },
  };
}

export type Orchestration = ReturnType<typeof createOrchestration>;
