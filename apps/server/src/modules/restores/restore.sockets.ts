import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import { listenToTaskReports } from '../../realtime/task-reports.js';
import type { RestoresService } from './restores.service.js';

/** Listens to every agent socket for restore progress and results. */
export function listenToRestoreReports(
  io: Server,
  restores: Pick<RestoresService, 'progress' | 'result'>,
  logger: Logger,
): void {
  listenToTaskReports(
    io,
    {
      task: 'restore',
      resultEvent: 'restore:result',
      progress: (agentId, progress) => restores.progress(agentId, progress),
      result: (agentId, result) => restores.result(agentId, result),
      logIds: (result) => ({ restoreId: result.restoreId }),
    },
    logger,
  );
}
