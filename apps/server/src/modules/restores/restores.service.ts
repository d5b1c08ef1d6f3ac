import { createHash } from 'node:crypto';
import {
  PROTOCOL_VERSION,
  type Accepted,
  type Restore,
  type RestoreInput,
  type RestorePage,
  type RestoreQuery,
  type RestoreRequest,
  type RestoreResult,
  type TaskProgress,
} from '@rahatback/protocol';
import type { Logger } from 'pino';
import type { Sealer } from '../../crypto/sealer.js';
import type { BackupRunRow, RestoreRow } from '../../db/backups.tables.js';
import type { DatabaseRow } from '../../db/tables.js';
import { AppError, notFound } from '../../errors.js';
import type { AgentLink } from '../../realtime/agent-link.js';
import type { UiPush } from '../../realtime/ui-namespace.js';
import { passphraseIdentity } from '../jobs/jobs.service.js';
import { connectionOf } from '../runs/run.request.js';
import { targetOf } from '../storages/storage.secrets.js';
import type { RestoreFinisher } from './restore.finisher.js';
import { toRestore } from './restore.mapper.js';
import type { RestoresRepository } from './restores.repository.js';

const EXECUTE_ACK_TIMEOUT_MS = 30_000;

export interface RestoresServiceDeps {
  repo: RestoresRepository;
  finisher: RestoreFinisher;
  sealer: Sealer;
  link: Pick<AgentLink, 'sendToAgent'>;
  ui: UiPush;
  logger: Logger;
  now?: () => Date;
}

export type RestoreMode = 'restore' | 'verify';

const refused = (code: 'NOT_FOUND', message: string): Accepted => ({
  v: PROTOCOL_VERSION,
  accepted: false,
  error: { code, message },
});
const accepted = (): Accepted => ({ v: PROTOCOL_VERSION, accepted: true });

/** Restores of successful backups into one of the caller's databases, and test restores. */
export function createRestoresService(deps: RestoresServiceDeps) {
  const { repo, finisher, sealer, link, ui, logger } = deps;
  const now = deps.now ?? (() => new Date());

  async function successfulRun(ownerId: string, runId: string): Promise<BackupRunRow> {
    const run = await repo.findRun(ownerId, runId);
    if (run === undefined) throw notFound(`backup ${runId}`);
    if (run.status !== 'success')
      throw new AppError(
        'INVALID_STATE',
        `this backup is ${run.status}, so there is nothing to restore: choose a successful backup`,
      );
    return run;
  }

  async function targetOfInput(ownerId: string, run: BackupRunRow, input: RestoreInput) {
    // Another account's database reads as missing: its existence is not the caller's business.
    const target = await repo.findDatabase(ownerId, input.targetDatabaseId);
    if (target === undefined) throw notFound(`database ${input.targetDatabaseId}`);
    const source = await repo.findDatabase(ownerId, run.database_id);
    if (source !== undefined && source.engine !== target.engine)
      throw new AppError(
        'VALIDATION_FAILED',
        `this is a ${source.engine} backup and "${target.name}" is a ${target.engine} database: choose a ${source.engine} database`,
      );
    if (input.dropExisting && input.confirm !== target.database_name)
      throw new AppError(
        'VALIDATION_FAILED',
        `dropping existing objects needs the target database's name typed in "confirm" ("${target.database_name}")`,
      );
    return target;
  }

  async function buildRequest(
    restoreId: string,
    run: BackupRunRow,
    target: DatabaseRow,
    mode: RestoreMode,
    dropExisting: boolean,
  ): Promise<{ request: RestoreRequest; storageId: string }> {
    const copy = (await repo.healthyCopies(run.id))[0];
    if (copy?.object_key == null)
      throw new AppError(
        'OBJECT_NOT_FOUND',
        'no destination holds a copy of this backup any more (deleted by retention or failed): choose another backup',
      );
    let passphrase: string | undefined;
    if (run.encrypted === 1) {
      const job = run.job_id === null ? undefined : await repo.findJob(run.job_id, run.owner_id);
      if (job?.sealed_passphrase == null)
        throw new AppError(
          'INVALID_STATE',
          'this backup is encrypted and its job, which held the passphrase, is gone: restore it with `rahatback-agent restore --file` and the passphrase',
        );
      passphrase = sealer.unseal(job.sealed_passphrase, passphraseIdentity(job.id));
    }
    const expected = copy.copy_sha256 ?? run.sha256;
    return {
      storageId: copy.id,
      request: {
        restoreId,
        source: {
          target: targetOf(sealer, copy),
          objectKey: copy.object_key,
          ...(expected !== null && expected.length === 64 && { expectedSha256: expected }),
        },
        ...(passphrase !== undefined && { passphrase }),
        database: connectionOf(sealer, target),
        dropExisting,
        mode,
      },
    };
  }

  async function dispatch(row: RestoreRow, request: RestoreRequest): Promise<void> {
    const agentName = (await repo.agentName(row.agent_id)) ?? row.agent_id;
    try {
      const ack = await link.sendToAgent(
        row.agent_id,
        'restore:execute',
        { v: PROTOCOL_VERSION, request },
        EXECUTE_ACK_TIMEOUT_MS,
        agentName,
      );
      if (!ack.accepted)
        await finisher.end(
          row.id,
          row.started_at,
          ack.error?.code ?? 'UNKNOWN',
          ack.error?.message ?? `agent "${agentName}" refused the restore: check its log`,
        );
    } catch (error) {
      // A timed-out ack is "unknown": the agent's result or the sweeper decides.
      if (error instanceof AppError && error.code === 'AGENT_TIMEOUT') return;
      const failure =
        error instanceof AppError
          ? { code: error.code, message: error.message }
          : {
              code: 'INTERNAL' as const,
              message: 'the restore could not be sent: see the server log',
            };
      if (!(error instanceof AppError))
        logger.error({ err: error, restoreId: row.id }, 'restore not sent');
      await finisher.end(row.id, row.started_at, failure.code, failure.message);
    }
  }

  async function start(
    ownerId: string,
    runId: string,
    input: RestoreInput,
    mode: RestoreMode,
  ): Promise<Restore> {
    const run = await successfulRun(ownerId, runId);
    const target =
      mode === 'restore'
        ? await targetOfInput(ownerId, run, input)
        : await repo.findDatabase(ownerId, run.database_id);
    if (target === undefined) throw notFound(`database ${run.database_id}`);
    const id = crypto.randomUUID();
    const { request, storageId } = await buildRequest(id, run, target, mode, input.dropExisting);
    const row: RestoreRow = {
      id,
      owner_id: ownerId,
      run_id: run.id,
      job_id: run.job_id,
      source_database_id: run.database_id,
      target_database_id: target.id,
      agent_id: target.agent_id,
      storage_id: storageId,
      mode,
      drop_existing: input.dropExisting ? 1 : 0,
      status: 'running',
      started_at: now().toISOString(),
      finished_at: null,
      duration_ms: null,
      bytes_read: null,
      checksum_verified: 0,
      table_counts_json: null,
      error_code: null,
      error_message: null,
      log_tail_json: '[]',
      progress_json: null,
      result_digest: null,
      cancel_requested_at: null,
    };
    await repo.insert(row);
    ui.pushToUser(ownerId, 'restore:created', {
      v: PROTOCOL_VERSION,
      restore: toRestore({ ...row, run_stored_size: run.stored_size }),
    });
    logger.info({ restoreId: id, runId, agentId: row.agent_id, mode }, 'restore started');
    await dispatch(row, request);
    return get(ownerId, id);
  }

  async function get(ownerId: string, id: string): Promise<Restore> {
    const row = await repo.findOwn(ownerId, id);
    if (row === undefined) throw notFound(`restore ${id}`);
    return toRestore(row);
  }

  return {
    start,
    get,

    async list(ownerId: string, query: RestoreQuery): Promise<RestorePage> {
      const { rows, total } = await repo.page(ownerId, query);
      return { items: rows.map(toRestore), total, page: query.page, pageSize: query.pageSize };
    },

    async progress(agentId: string, progress: TaskProgress): Promise<void> {
      const row = await repo.find(progress.taskId);
      if (row === undefined || row.agent_id !== agentId || row.status !== 'running') return;
      ui.pushToUser(row.owner_id, 'restore:progress', {
        v: PROTOCOL_VERSION,
        restoreId: row.id,
        progress,
      });
      await repo.setProgress(row.id, JSON.stringify(progress));
    },

    /** Applies a restore result once; a repeat of the applied one is acknowledged again. */
    async result(agentId: string, result: RestoreResult): Promise<Accepted> {
      const row = await repo.find(result.restoreId);
      if (row === undefined || row.agent_id !== agentId)
        return refused('NOT_FOUND', `restore ${result.restoreId} is not a restore of this agent`);
      const digest = createHash('sha256').update(JSON.stringify(result)).digest('hex');
      const applied = await finisher.finish(row.id, {
        status: result.status,
        finished_at: now().toISOString(),
        duration_ms: result.durationMs,
        bytes_read: result.bytesRead,
        checksum_verified: result.status === 'success' && result.sha256 !== undefined ? 1 : 0,
        table_counts_json:
          result.tableCounts === undefined ? null : JSON.stringify(result.tableCounts),
        error_code: result.error?.code ?? null,
        error_message: result.error?.message ?? null,
        log_tail_json: JSON.stringify(result.logTail),
        result_digest: digest,
      });
      if (applied !== undefined) return accepted();
      if ((await repo.find(row.id))?.result_digest === digest) return accepted();
      return {
        v: PROTOCOL_VERSION,
        accepted: false,
        error: { code: 'INVALID_STATE', message: `restore ${row.id} has already ended` },
      };
    },
  };
}

export type RestoresService = ReturnType<typeof createRestoresService>;
