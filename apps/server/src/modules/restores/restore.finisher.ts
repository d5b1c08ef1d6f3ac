import { PROTOCOL_VERSION, type ErrorCode, type Restore } from '@rahatback/protocol';
import type { Updateable } from 'kysely';
import type { Logger } from 'pino';
import type { RestoresTable } from '../../db/backups.tables.js';
import type { UiPush } from '../../realtime/ui-namespace.js';
import { toRestore } from './restore.mapper.js';
import type { RestoresRepository } from './restores.repository.js';

/** Told once per restore when it ends; notifications plug in here. */
export type RestoreFinishedListener = (restore: Restore, ownerId: string) => Promise<void> | void;

/**
 * The one place a restore leaves `running`: a conditional update, so among racing writers
 * (the agent's result, the sweeper) one wins, and only it records the outcome on the
 * backup, pushes `restore:finished` and tells the listeners.
 */
export function createRestoreFinisher(deps: {
  repo: RestoresRepository;
  ui: UiPush;
  logger: Logger;
  now: () => Date;
}) {
  const { repo, ui, logger, now } = deps;
  const listeners: RestoreFinishedListener[] = [];

  async function finish(
    id: string,
    changes: Updateable<RestoresTable>,
  ): Promise<Restore | undefined> {
    if (!(await repo.transition(id, ['running'], changes))) return undefined;
    const row = await repo.find(id);
    if (row === undefined) return undefined;
    const restore = toRestore(row);
    await recordOnBackup(restore);
    ui.pushToUser(row.owner_id, 'restore:finished', { v: PROTOCOL_VERSION, restore });
    logger.info({ restoreId: id, runId: row.run_id, status: restore.status }, 'restore ended');
    for (const listener of listeners) {
      try {
        await listener(restore, row.owner_id);
      } catch (err) {
        logger.error({ err, restoreId: id }, 'restore finish listener failed');
      }
    }
    return restore;
  }

  async function recordOnBackup(restore: Restore): Promise<void> {
    const at = restore.finishedAt ?? now().toISOString();
    if (restore.mode === 'restore') {
      await repo.updateRun(restore.backupRunId, {
        last_restore_status: restore.status,
        last_restored_at: at,
      });
      return;
    }
    await repo.updateRun(restore.backupRunId, {
      verified_at: at,
      verification_json: JSON.stringify({
        status: restore.status === 'success' ? 'success' : 'failed',
        verifiedAt: at,
        tableCounts: restore.tableCounts ?? [],
        error: restore.error,
      }),
    });
  }

  return {
    finish,
    onRestoreFinished(listener: RestoreFinishedListener): void {
      listeners.push(listener);
    },
    /** Ends a running restore as failed with a sentence naming cause and fix. */
    end(id: string, startedAt: string, code: ErrorCode, message: string) {
      const at = now();
      return finish(id, {
        status: 'failed',
        error_code: code,
        error_message: message,
        finished_at: at.toISOString(),
        duration_ms: Math.max(0, at.getTime() - Date.parse(startedAt)),
      });
    },
  };
}

export type RestoreFinisher = ReturnType<typeof createRestoreFinisher>;
