import { PROTOCOL_VERSION, Retention } from '@rahatback/protocol';
import type { Logger } from 'pino';
import type { Sealer } from '../../crypto/sealer.js';
import type { AgentLink } from '../../realtime/agent-link.js';
import type { UiPush } from '../../realtime/ui-namespace.js';
import {
  planDeletions,
  settleDeletions,
  type DeletionBatch,
} from '../retention/retention.deletions.js';
import { selectExpired } from '../retention/retention.policy.js';
import { toBackupRun } from '../runs/run.mapper.js';
import type { RunsRepository } from '../runs/runs.repository.js';
import { targetOf } from '../storages/storage.secrets.js';
import type { RetentionRunnerRepository } from './retention-runner.repository.js';

const DELETE_ACK_TIMEOUT_MS = 60_000;
// Each copy is sent with its `.meta.json` sidecar, and the protocol takes 1000 keys a command.
const COPIES_PER_COMMAND = 500;
const sidecarKey = (objectKey: string) => `${objectKey}.meta.json`;

export interface RetentionRunnerDeps {
  repo: RetentionRunnerRepository;
  sealer: Sealer;
  link: Pick<AgentLink, 'sendToAgent'>;
  /** Reads a run back as the history shows it, to push it to its owner's open pages. */
  runs: Pick<RunsRepository, 'findOwn' | 'destinationsOf'>;
  ui: UiPush;
  logger: Logger;
  now?: () => Date;
}

/**
 * Applies a job's retention policy: the policy picks the expired successful backups (never
 * the newest one), the storage's agent deletes their objects, and each copy is marked
 * deleted or keeps its error and attempt count so that the next pass retries it. Each run
 * whose copies changed is pushed as `run:updated`, so that open pages drop the deleted copies
 * and the storage usage they counted.
 */
export function createRetentionRunner({
  repo,
  sealer,
  link,
  runs,
  ui,
  logger,
  now = () => new Date(),
}: RetentionRunnerDeps) {
  async function announce(ownerId: string, runIds: Iterable<string>): Promise<void> {
    for (const runId of runIds) {
      const row = await runs.findOwn(ownerId, runId);
      if (row === undefined) continue;
      const run = toBackupRun(row, await runs.destinationsOf(runId));
      ui.pushToUser(ownerId, 'run:updated', { v: PROTOCOL_VERSION, run });
    }
  }

  async function deleteBatch(batch: DeletionBatch): Promise<void> {
    const storage = await repo.findStorage(batch.storageId);
    const fail = async (message: string) => {
      for (const copy of batch.copies)
        await repo.markDeleteFailed(copy.runId, copy.storageId, message);
    };
    if (storage === undefined) {
      await fail(
        'the storage destination was deleted, so its old backups cannot be removed by RahatBack: delete them by hand',
      );
      return;
    }
    try {
      const ack = await link.sendToAgent(
        storage.agent_id,
        'storage:delete',
        {
          v: PROTOCOL_VERSION,
          target: targetOf(sealer, storage),
          keys: batch.copies.flatMap((c) => [c.objectKey, sidecarKey(c.objectKey)]),
        },
        DELETE_ACK_TIMEOUT_MS,
      );
      const settled = settleDeletions(batch, ack.result);
      const at = now().toISOString();
      for (const copy of settled.deleted) await repo.markDeleted(copy.runId, copy.storageId, at);
      for (const { copy, error } of settled.failed)
        await repo.markDeleteFailed(copy.runId, copy.storageId, error.message);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await fail(`the old backup could not be deleted (${reason}); it will be retried`);
    }
  }

  async function applyToJob(jobId: string): Promise<void> {
    const job = await repo.findJob(jobId);
    if (job === undefined) return;
    const policy = Retention.catch({}).parse(JSON.parse(job.retention_json));
    const successful = await repo.successfulRuns(jobId);
    const expired = selectExpired(
      successful.map((r) => ({ id: r.id, startedAt: r.started_at, status: 'success' as const })),
      policy,
      now(),
      { timeZone: job.timezone ?? 'UTC' },
    );
    if (expired.length === 0) return;
    const copies = (await repo.liveCopies(expired)).flatMap((c) =>
      c.object_key === null
        ? []
        : [{ runId: c.run_id, storageId: c.storage_id, objectKey: c.object_key }],
    );
    for (const batch of planDeletions(copies, expired))
      for (let i = 0; i < batch.copies.length; i += COPIES_PER_COMMAND)
        await deleteBatch({
          storageId: batch.storageId,
          copies: batch.copies.slice(i, i + COPIES_PER_COMMAND),
        });
    await announce(job.owner_id, new Set(copies.map((copy) => copy.runId)));
    logger.info({ jobId, expired: expired.length }, 'retention applied');
  }

  return {
    applyToJob,
    /** Retries every job with a failed deletion: a failed delete is never forgotten. */
    async sweep(): Promise<void> {
      for (const jobId of await repo.jobsWithPendingDeletes())
        await applyToJob(jobId).catch((err: unknown) =>
          logger.error({ err, jobId }, 'retention retry failed'),
        );
    },
  };
}

export type RetentionRunner = ReturnType<typeof createRetentionRunner>;
