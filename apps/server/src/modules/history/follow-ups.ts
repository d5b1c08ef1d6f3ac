import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Container } from '../../container.js';
import { createNotifier } from '../notifications/notifier.js';
import { createRestoreFinisher } from '../restores/restore.finisher.js';
import { listenToRestoreReports } from '../restores/restore.sockets.js';
import { createRestoreSweeper } from '../restores/restore.sweeper.js';
import { createRestoresRepository } from '../restores/restores.repository.js';
import { createRestoresService } from '../restores/restores.service.js';
import { createRetentionRunnerRepository } from '../retention-runner/retention-runner.repository.js';
import { createRetentionRunner } from '../retention-runner/retention-runner.service.js';
import { createRunsRepository } from '../runs/runs.repository.js';
import { createLoop } from '../scheduler/loop.js';
import { createNotificationListeners } from '../settings/notification.listeners.js';
import { createSettingsRepository } from '../settings/settings.repository.js';
import { createSettingsService } from '../settings/settings.service.js';
import { createVerificationListener } from '../verification/verification.listener.js';
import { createVerificationScheduler } from '../verification/verification.scheduler.js';
import { createHistoryRepository } from './history.repository.js';
import { createHistoryService } from './history.service.js';

// Failed deletions are retried this often (and after every successful run of their job).
const RETENTION_RETRY_INTERVAL_MS = 15 * 60_000;
// Verification schedules are checked this often; their finest grain is a minute.
const VERIFICATION_CHECK_INTERVAL_MS = 60_000;

function build(app: FastifyInstance, container: Container) {
  const { store, sealer, hub, config, orchestration } = container;
  const logger = app.log as unknown as Logger;
  const now = () => new Date();

  const settings = createSettingsService({
    repo: createSettingsRepository(store.db),
    sealer,
    publicUrl: config.publicUrl,
  });
  const notifier = createNotifier({
    publicUrl: config.publicUrl,
    smtpSettings: () => settings.smtpSettings(),
    logger: logger.child({ component: 'notifications' }),
  });
  const notifications = createNotificationListeners(store.db, notifier);

  const restoreLog = logger.child({ component: 'restores' });
  const restoresRepo = createRestoresRepository(store.db);
  const finisher = createRestoreFinisher({ repo: restoresRepo, ui: hub, logger: restoreLog, now });
  const restores = createRestoresService({
    repo: restoresRepo,
    finisher,
    sealer,
    link: hub,
    ui: hub,
    logger: restoreLog,
    now,
  });
  listenToRestoreReports(hub.io, restores, restoreLog);
  const sweeper = createRestoreSweeper({
    repo: restoresRepo,
    finisher,
    link: hub,
    logger: restoreLog,
    now,
    agentGraceMs: config.scheduler.agentGraceMs,
  });

  const retentionLog = logger.child({ component: 'retention' });
  const retention = createRetentionRunner({
    repo: createRetentionRunnerRepository(store.db),
    sealer,
    link: hub,
    runs: createRunsRepository(store.db),
    ui: hub,
    logger: retentionLog,
    now,
  });
  const verify = createVerificationListener({ db: store.db, restores, logger: restoreLog });
  const verificationScheduler = createVerificationScheduler({
    db: store.db,
    restores,
    logger: restoreLog,
  });

  // Notify first (the user waits for it), then retention, then the test restore.
  orchestration.onRunFinished((run, ownerId) => notifications.onRunFinished(run, ownerId));
  orchestration.onRunFinished(async (run) => {
    if (run.status === 'success' && run.jobId !== null) await retention.applyToJob(run.jobId);
  });
  orchestration.onRunFinished(verify);
  finisher.onRestoreFinished((restore, ownerId) =>
    notifications.onRestoreFinished(restore, ownerId),
  );

  const loops = [
    createLoop(
      'restore-sweeper',
      config.scheduler.sweepIntervalMs,
      () => sweeper.sweep(),
      restoreLog,
    ),
    createLoop(
      'retention-retry',
      RETENTION_RETRY_INTERVAL_MS,
      () => retention.sweep(),
      retentionLog,
    ),
    createLoop(
      'verification-schedule',
      VERIFICATION_CHECK_INTERVAL_MS,
      () => verificationScheduler.tick(),
      restoreLog,
    ),
  ];
  app.addHook('onReady', () => {
    for (const loop of loops) loop.start();
  });
  app.addHook('preClose', async () => {
    await Promise.all(loops.map((loop) => loop.stop()));
  });

  return {
    history: createHistoryService({ repo: createHistoryRepository(store.db) }),
    restores,
    settings,
    retention,
  };
}

export type FollowUps = ReturnType<typeof build>;
const built = new WeakMap<Container, FollowUps>();

/**
 * History, restores, verification, retention and notifications, built once per app from
 * its container and shared by their route modules; building also subscribes them to
 * finished runs and restores and starts their loops with the app.
 */
export function followUpsOf(app: FastifyInstance, container: Container): FollowUps {
  let followUps = built.get(container);
  if (followUps === undefined) {
    followUps = build(app, container);
    built.set(container, followUps);
  }
  return followUps;
}
