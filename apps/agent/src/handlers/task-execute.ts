import {
  PROTOCOL_VERSION,
  type Accepted,
  type AgentCommandPayload,
  type BackupRequest,
  type BackupResult,
  type Failure,
  type RestoreRequest,
  type RestoreResult,
} from '@rahatback/protocol';
import { toFailure } from './failure.js';
import type { HandlerDeps } from './handler.types.js';

type ExecuteDeps = Pick<
  HandlerDeps,
  'tasks' | 'outbox' | 'reportProgress' | 'logger' | 'runBackup' | 'runRestore'
>;

const accepted: Accepted = { v: PROTOCOL_VERSION, accepted: true };

const declined = (error: Failure): Accepted => ({ v: PROTOCOL_VERSION, accepted: false, error });

const noEngine: Failure = {
  code: 'UNKNOWN',
  message:
    'This agent was built without the backup engine; update the agent to a release that has it.',
};

const stopping: Failure = {
  code: 'AGENT_DISCONNECTED',
  message: 'The agent is shutting down and took no new task; run it again once the agent is back.',
};

/**
 * `backup:execute`: acknowledge at once, run in the background, deliver the result through
 * the outbox. A repeated command for a run already running (or whose result is waiting to be
 * delivered) is accepted without starting it twice.
 */
export function handleBackupExecute(
  payload: AgentCommandPayload<'backup:execute'>,
  deps: ExecuteDeps,
): Accepted {
  const { request } = payload;
  const runBackup = deps.runBackup;
  if (runBackup === undefined) return declined(noEngine);
  if (isKnownTask(request.runId, deps)) return accepted;
  const log = deps.logger.child({ runId: request.runId, jobId: request.jobId });
  const startedAt = Date.now();
  const isStarted = deps.tasks.start(request.runId, 'backup', async (signal) => {
    log.info('backup started');
    let result: BackupResult;
    try {
      result = await runBackup(request, { signal, onProgress: deps.reportProgress });
    } catch (error) {
      result = failedBackup(request, Date.now() - startedAt, signal.aborted, toFailure(error));
    }
    log.info({ status: result.status, code: result.error?.code }, 'backup finished');
    deps.outbox.send('backup:result', request.runId, { v: PROTOCOL_VERSION, result });
  });
  return isStarted ? accepted : declined(stopping);
}

/** `restore:execute`: the same life cycle as a backup, keyed by the restore's id. */
export function handleRestoreExecute(
  payload: AgentCommandPayload<'restore:execute'>,
  deps: ExecuteDeps,
): Accepted {
  const { request } = payload;
  const runRestore = deps.runRestore;
  if (runRestore === undefined) return declined(noEngine);
  if (isKnownTask(request.restoreId, deps)) return accepted;
  const log = deps.logger.child({ restoreId: request.restoreId });
  const startedAt = Date.now();
  const isStarted = deps.tasks.start(request.restoreId, 'restore', async (signal) => {
    log.info('restore started');
    let result: RestoreResult;
    try {
      result = await runRestore(request, { signal, onProgress: deps.reportProgress });
    } catch (error) {
      result = failedRestore(request, Date.now() - startedAt, signal.aborted, toFailure(error));
    }
    log.info({ status: result.status, code: result.error?.code }, 'restore finished');
    deps.outbox.send('restore:result', request.restoreId, { v: PROTOCOL_VERSION, result });
  });
  return isStarted ? accepted : declined(stopping);
}

function isKnownTask(taskId: string, deps: ExecuteDeps): boolean {
  return deps.tasks.runningIds().includes(taskId) || deps.outbox.pendingIds().includes(taskId);
}

const cancelledFailure: Failure = {
  code: 'CANCELLED',
  message: 'The task was cancelled before it finished; nothing was kept.',
};

function failedBackup(
  request: BackupRequest,
  durationMs: number,
  isCancelled: boolean,
  error: Failure,
): BackupResult {
  return {
    runId: request.runId,
    status: isCancelled ? 'cancelled' : 'failed',
    rawSize: 0,
    storedSize: 0,
    durationMs,
    encrypted: request.encryption !== null,
    compression: request.compression.algorithm,
    destinations: [],
    error: isCancelled ? cancelledFailure : error,
    logTail: [],
  };
}

function failedRestore(
  request: RestoreRequest,
  durationMs: number,
  isCancelled: boolean,
  error: Failure,
): RestoreResult {
  return {
    restoreId: request.restoreId,
    status: isCancelled ? 'cancelled' : 'failed',
    durationMs,
    bytesRead: 0,
    error: isCancelled ? cancelledFailure : error,
    logTail: [],
  };
}
