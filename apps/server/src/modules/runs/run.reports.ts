import { createHash } from 'node:crypto';
import {
  PROTOCOL_VERSION,
  type Accepted,
  type BackupResult,
  type RunStatus,
  type TaskProgress,
} from '@rahatback/protocol';
import type { Logger } from 'pino';
import type { UiPush } from '../../realtime/ui-namespace.js';
import type { RunFinisher } from './run.finisher.js';
import type { RunsRepository } from './runs.repository.js';

// Progress arrives several times a second; the store needs only a recent value.
const PROGRESS_WRITE_INTERVAL_MS = 2_000;

export interface RunReportsDeps {
  repo: RunsRepository;
  finisher: RunFinisher;
  ui: UiPush;
  logger: Logger;
  now?: () => Date;
}

const accepted = (): Accepted => ({ v: PROTOCOL_VERSION, accepted: true });
const refused = (code: 'NOT_FOUND' | 'INVALID_STATE', message: string): Accepted => ({
  v: PROTOCOL_VERSION,
  accepted: false,
  error: { code, message },
});

export const digestOf = (result: BackupResult) =>
  createHash('sha256').update(JSON.stringify(result)).digest('hex');

/** 3-2-1: a run succeeds only when every destination holds a copy. */
function finalStatus(result: BackupResult): RunStatus {
  if (result.status !== 'success') return result.status;
  return result.destinations.length > 0 && result.destinations.every((d) => d.ok)
    ? 'success'
    : 'failed';
}

function failureOf(result: BackupResult, status: RunStatus) {
  if (result.error !== undefined) return result.error;
  if (status !== 'failed') return undefined;
  const broken = result.destinations.find((d) => !d.ok);
  return (
    broken?.error ?? {
      code: 'STORAGE_FAILED' as const,
      message: 'a destination did not receive its copy',
    }
  );
}

/** What agents report about backups: progress (throttled into the store) and results (applied once). */
export function createRunReports({
  repo,
  finisher,
  ui,
  logger,
  now = () => new Date(),
}: RunReportsDeps) {
  const lastWrite = new Map<string, number>();
  // However a run ends (result, sweeper, cancel), its throttle entry goes with it.
  finisher.onRunFinished((run) => void lastWrite.delete(run.id));

  return {
    async progress(agentId: string, progress: TaskProgress): Promise<void> {
      const run = await repo.find(progress.taskId);
      // Restores report progress on the same event; those are not runs.
      if (run === undefined || run.agent_id !== agentId || run.status !== 'running') return;
      ui.pushToUser(run.owner_id, 'run:progress', {
        v: PROTOCOL_VERSION,
        runId: run.id,
        jobId: run.job_id ?? '',
        progress,
      });
      const at = now().getTime();
      if (at - (lastWrite.get(run.id) ?? 0) < PROGRESS_WRITE_INTERVAL_MS) return;
      lastWrite.set(run.id, at);
      await repo.setProgress(run.id, JSON.stringify(progress));
    },

    /**
     * Applies a backup result once. A repeat of the applied result is acknowledged again
     * (the agent retries until acknowledged); any other result for a run that is no longer
     * running is refused.
     */
    async result(agentId: string, result: BackupResult): Promise<Accepted> {
      const run = await repo.find(result.runId);
      if (run === undefined || run.agent_id !== agentId)
        return refused('NOT_FOUND', `backup run ${result.runId} is not a run of this agent`);
      const digest = digestOf(result);
      if (run.status === 'running' && (await apply(result, digest, run.started_at)))
        return accepted();
      const current = await repo.find(result.runId);
      if (current?.result_digest === digest) return accepted();
      logger.warn(
        { runId: result.runId, agentId, status: current?.status },
        'backup result refused',
      );
      return refused(
        'INVALID_STATE',
        `backup run ${result.runId} is already ${current?.status ?? 'gone'}`,
      );
    },
  };

  async function apply(result: BackupResult, digest: string, startedAt: string): Promise<boolean> {
    const status = finalStatus(result);
    const failure = failureOf(result, status);
    lastWrite.delete(result.runId);
    const won = await repo.transition(result.runId, ['running'], {
      status,
      finished_at: now().toISOString(),
      duration_ms:
        result.durationMs > 0
          ? Math.round(result.durationMs)
          : now().getTime() - Date.parse(startedAt),
      raw_size: result.rawSize,
      stored_size: result.storedSize,
      sha256: result.sha256 ?? null,
      object_key: result.objectKey ?? null,
      encrypted: result.encrypted ? 1 : 0,
      compression: result.compression,
      client_tool_version: result.clientToolVersion ?? null,
      server_version: result.serverVersion ?? null,
      error_code: failure?.code ?? null,
      error_message: failure?.message ?? null,
      log_tail_json: JSON.stringify(result.logTail),
      progress_json: null,
      result_digest: digest,
    });
    if (!won) return false;
    for (const d of result.destinations)
      await repo.updateDestination(result.runId, d.storageId, {
        object_key: d.objectKey === '' ? null : d.objectKey,
        stored_size: d.storedSize,
        sha256: d.sha256 === '' ? null : d.sha256,
        ok: d.ok ? 1 : 0,
        error_code: d.error?.code ?? null,
        error_message: d.error?.message ?? null,
      });
    await finisher.announce(result.runId);
    return true;
  }
}

export type RunReports = ReturnType<typeof createRunReports>;
