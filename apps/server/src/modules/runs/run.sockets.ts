import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import { listenToTaskReports } from '../../realtime/task-reports.js';
import type { RunReports } from './run.reports.js';

/** Listens to every agent socket for backup progress and results. */
export function listenToBackupReports(io: Server, reports: RunReports, logger: Logger): void {
  listenToTaskReports(
    io,
    {
      task: 'backup',
      resultEvent: 'backup:result',
      progress: (agentId, progress) => reports.progress(agentId, progress),
      result: (agentId, result) => reports.result(agentId, result),
      logIds: (result) => ({ runId: result.runId }),
    },
    logger,
  );
}
