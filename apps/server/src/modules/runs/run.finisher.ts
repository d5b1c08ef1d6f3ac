import { PROTOCOL_VERSION, type BackupRun, type ErrorCode } from '@rahatback/protocol';
import type { Updateable } from 'kysely';
import type { Logger } from 'pino';
import type { BackupRunsTable } from '../../db/backups.tables.js';
import type { UiPush } from '../../realtime/ui-namespace.js';
import { toBackupRun } from './run.mapper.js';
import type { RunsRepository } from './runs.repository.js';

/** Told once per run when it reaches a final status (success, failed, skipped, cancelled). */
export type RunFinishedListener = (run: BackupRun, ownerId: string) => Promise<void> | void;

export interface RunFinisherDeps {
  repo: RunsRepository;
  ui: UiPush;
  logger: Logger;
  now: () => Date;
}

/**
 * The one place a run leaves `queued`/`running`: a conditional update, so among racing
 * writers (a result, the sweeper, another replica) exactly one wins and only the winner
 * pushes `run:finished` and calls the finish listeners (retention, notifications).
 */
export function createRunFinisher({ repo, ui, logger, now }: RunFinisherDeps) {
  const listeners: RunFinishedListener[] = [];

  async function load(runId: string): Promise<{ run: BackupRun; ownerId: string } | undefined> {
    const row = await repo.find(runId);
    if (row === undefined) return undefined;
    return { run: toBackupRun(row, await repo.destinationsOf(runId)), ownerId: row.owner_id };
  }

  async function announce(runId: string): Promise<BackupRun | undefined> {
    const loaded = await load(runId);
    if (loaded === undefined) return undefined;
    const { run, ownerId } = loaded;
    ui.pushToUser(ownerId, 'run:finished', { v: PROTOCOL_VERSION, run });
    for (const listener of listeners) {
      try {
        await listener(run, ownerId);
      } catch (err) {
        logger.error({ err, runId, jobId: run.jobId }, 'run finish listener failed');
      }
    }
    return run;
  }

  return {
    load,

    /** Pushes `run:finished` and calls the listeners, for a caller that already won the transition. */
    announce,

    /** Registers a finish hook; notifications and retention plug in here. */
    onRunFinished(listener: RunFinishedListener): void {
      listeners.push(listener);
    },

    /** Applies `changes` if the run is still in one of `from`; returns the run if this call won. */
    async finish(
      runId: string,
      from: readonly string[],
      changes: Updateable<BackupRunsTable>,
    ): Promise<BackupRun | undefined> {
      if (!(await repo.transition(runId, from, changes))) return undefined;
      return announce(runId);
    },

    /** Ends an active run with a failure-like status and a sentence naming cause and fix. */
    async end(
      runId: string,
      status: 'failed' | 'skipped' | 'cancelled',
      code: ErrorCode,
      message: string,
      startedAt?: string,
    ): Promise<BackupRun | undefined> {
      const at = now();
      const run = await this.finish(runId, ['queued', 'running'], {
        status,
        error_code: code,
        error_message: message,
        finished_at: at.toISOString(),
        ...(startedAt !== undefined && {
          duration_ms: Math.max(0, at.getTime() - Date.parse(startedAt)),
        }),
      });
      if (run !== undefined) logger.info({ runId, jobId: run.jobId, status, code }, 'run ended');
      return run;
    },
  };
}

export type RunFinisher = ReturnType<typeof createRunFinisher>;
