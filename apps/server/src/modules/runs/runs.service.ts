import { PROTOCOL_VERSION, type BackupRun, type RunTrigger } from '@rahatback/protocol';
import type { Logger } from 'pino';
import type { Sealer } from '../../crypto/sealer.js';
import type { BackupJobRow, BackupRunRow, RunDestinationRow } from '../../db/backups.tables.js';
import { AppError, notFound } from '../../errors.js';
import type { AgentLink } from '../../realtime/agent-link.js';
import type { UiPush } from '../../realtime/ui-namespace.js';
import type { RunFinisher } from './run.finisher.js';
import { toBackupRun } from './run.mapper.js';
import { buildBackupRequest } from './run.request.js';
import { isUniqueViolation, type RunsRepository } from './runs.repository.js';

// The agent acknowledges a backup command as soon as it has started the task.
const EXECUTE_ACK_TIMEOUT_MS = 30_000;
const CANCEL_ACK_TIMEOUT_MS = 10_000;

export interface RunsServiceDeps {
  repo: RunsRepository;
  finisher: RunFinisher;
  sealer: Sealer;
  link: Pick<AgentLink, 'sendToAgent'>;
  ui: UiPush;
  logger: Logger;
  now?: () => Date;
}

export interface StartRunOptions {
  trigger: RunTrigger;
  /** The account asking (API); absent for the scheduler, which acts for the job's owner. */
  callerId?: string;
}

export const alreadyActive = () =>
  new AppError(
    'RUN_ALREADY_ACTIVE',
    'a backup of this job is already running: wait for it to finish or cancel it',
  );

export function createRunsService(deps: RunsServiceDeps) {
  const { repo, finisher, sealer, link, ui, logger } = deps;
  const now = deps.now ?? (() => new Date());

  async function record(
    job: BackupJobRow,
    agentId: string,
    trigger: RunTrigger,
  ): Promise<BackupRunRow> {
    const storages = await repo.storagesOfJob(job.id);
    const expectedBytes = await repo.lastRawSize(job.owner_id, job.id);
    const run: BackupRunRow = {
      id: crypto.randomUUID(),
      owner_id: job.owner_id,
      job_id: job.id,
      job_name: job.name,
      database_id: job.database_id,
      agent_id: agentId,
      status: 'queued',
      trigger,
      is_catch_up: trigger === 'catch-up' ? 1 : 0,
      started_at: now().toISOString(),
      finished_at: null,
      duration_ms: null,
      raw_size: null,
      stored_size: null,
      expected_bytes: expectedBytes,
      sha256: null,
      object_key: null,
      encrypted: job.encrypted,
      compression: job.compression,
      client_tool_version: null,
      server_version: null,
      error_code: null,
      error_message: null,
      log_tail_json: '[]',
      progress_json: null,
      result_digest: null,
      cancel_requested_at: null,
      last_restore_status: null,
      last_restored_at: null,
      verified_at: null,
      verification_json: null,
    };
    const destinations: RunDestinationRow[] = storages.map((s, position) => ({
      run_id: run.id,
      storage_id: s.id,
      storage_name: s.name,
      position,
      object_key: null,
      stored_size: null,
      sha256: null,
      ok: 0,
      error_code: null,
      error_message: null,
      deleted_at: null,
      delete_error: null,
      delete_attempts: 0,
    }));
    try {
      await repo.insert(run, destinations);
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyActive();
      throw error;
    }
    ui.pushToUser(job.owner_id, 'run:created', {
      v: PROTOCOL_VERSION,
      run: toBackupRun(run, destinations),
    });
    return run;
  }

  /** Hands a recorded run to its agent; every way this can fail ends the run with its reason. */
  async function dispatch(run: BackupRunRow, job: BackupJobRow): Promise<void> {
    const agentName = (await repo.agentName(run.agent_id)) ?? run.agent_id;
    if (!(await repo.isAgentOnline(run.agent_id, now()))) {
      await finisher.end(run.id, 'skipped', 'AGENT_OFFLINE', offlineSentence(agentName));
      return;
    }
    try {
      const database = await repo.findDatabase(job.owner_id, job.database_id);
      if (database === undefined) throw notFound(`database ${job.database_id}`);
      const request = buildBackupRequest(
        sealer,
        run.id,
        job,
        database,
        await repo.storagesOfJob(job.id),
      );
      if (!(await repo.transition(run.id, ['queued'], { status: 'running' }))) return;
      const ack = await link.sendToAgent(
        run.agent_id,
        'backup:execute',
        { v: PROTOCOL_VERSION, request },
        EXECUTE_ACK_TIMEOUT_MS,
        agentName,
      );
      if (!ack.accepted)
        await finisher.end(
          run.id,
          'failed',
          ack.error?.code ?? 'UNKNOWN',
          ack.error?.message ??
            `agent "${agentName}" refused the backup without a reason: check its log`,
          run.started_at,
        );
    } catch (error) {
      await failDispatch(run, agentName, error);
    }
  }

  async function failDispatch(run: BackupRunRow, agentName: string, error: unknown): Promise<void> {
    // A timed-out ack is "unknown": the agent may be working; its result or the sweeper decides.
    if (error instanceof AppError && error.code === 'AGENT_TIMEOUT') {
      logger.warn(
        { runId: run.id, agentId: run.agent_id },
        'backup command not acknowledged in time',
      );
      return;
    }
    if (error instanceof AppError && error.code === 'AGENT_OFFLINE') {
      await finisher.end(run.id, 'skipped', 'AGENT_OFFLINE', offlineSentence(agentName));
      return;
    }
    logger.error({ err: error, runId: run.id }, 'backup could not be sent to the agent');
    const failure =
      error instanceof AppError
        ? { code: error.code, message: error.message }
        : {
            code: 'INTERNAL' as const,
            message: 'the server could not prepare the backup: see the server log',
          };
    await finisher.end(run.id, 'failed', failure.code, failure.message, run.started_at);
  }

  return {
    /**
     * Starts one run of a job — the one path for "Run now" and the scheduler. The store's
     * unique index on active runs refuses a second one (RUN_ALREADY_ACTIVE).
     */
    async startRun(jobId: string, options: StartRunOptions): Promise<BackupRun> {
      const job = await repo.findJob(jobId, options.callerId);
      if (job === undefined) throw notFound(`backup job ${jobId}`);
      const database = await repo.findDatabase(job.owner_id, job.database_id);
      if (database === undefined) throw notFound(`database ${job.database_id}`);
      const run = await record(job, database.agent_id, options.trigger);
      logger.info(
        { runId: run.id, jobId, agentId: run.agent_id, trigger: options.trigger },
        'run started',
      );
      await dispatch(run, job);
      const loaded = await finisher.load(run.id);
      if (loaded === undefined) throw notFound(`backup run ${run.id}`);
      return loaded.run;
    },

    async get(ownerId: string, runId: string): Promise<BackupRun> {
      const row = await repo.findOwn(ownerId, runId);
      if (row === undefined) throw notFound(`backup run ${runId}`);
      return toBackupRun(row, await repo.destinationsOf(runId));
    },

    /** Asks the agent to stop; the run becomes `cancelled` when the agent reports it. */
    async cancel(ownerId: string, runId: string): Promise<BackupRun> {
      const row = await repo.findOwn(ownerId, runId);
      if (row === undefined) throw notFound(`backup run ${runId}`);
      if (row.status !== 'queued' && row.status !== 'running')
        throw new AppError(
          'INVALID_STATE',
          `this backup is already ${row.status}: there is nothing to cancel`,
        );
      await repo.markCancelRequested(runId, now().toISOString());
      const found = await askAgentToCancel(row.agent_id, runId);
      // Nothing on the agent to wait for: the run ends here.
      if (!found)
        await finisher.end(
          runId,
          'cancelled',
          'CANCELLED',
          'the backup was cancelled by a user',
          row.started_at,
        );
      return this.get(ownerId, runId);
    },
  };

  async function askAgentToCancel(agentId: string, taskId: string): Promise<boolean> {
    try {
      const ack = await link.sendToAgent(
        agentId,
        'task:cancel',
        { v: PROTOCOL_VERSION, taskId },
        CANCEL_ACK_TIMEOUT_MS,
      );
      return ack.found;
    } catch (error) {
      if (error instanceof AppError && error.code === 'AGENT_TIMEOUT') return true;
      return false;
    }
  }
}

const offlineSentence = (agentName: string) =>
  `agent "${agentName}" was offline, so the backup was skipped: start it with \`rahatback-agent run\` on its host`;

export type RunsService = ReturnType<typeof createRunsService>;
