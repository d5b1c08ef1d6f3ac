import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';

/** What applying retention reads and writes. Kysely only. */
export function createRetentionRunnerRepository(db: Kysely<DB>) {
  return {
    findJob: (jobId: string) =>
      db
        .selectFrom('backup_jobs')
        .select(['id', 'owner_id', 'retention_json', 'timezone'])
        .where('id', '=', jobId)
        .executeTakeFirst(),

    successfulRuns: (jobId: string) =>
      db
        .selectFrom('backup_runs')
        .select(['id', 'started_at', 'status'])
        .where('job_id', '=', jobId)
        .where('status', '=', 'success')
        .execute(),

    /** The copies of these runs that are still on a destination (or may be). */
    async liveCopies(runIds: string[]) {
      if (runIds.length === 0) return [];
      return db
        .selectFrom('run_destinations')
        .select(['run_id', 'storage_id', 'object_key'])
        .where('run_id', 'in', runIds)
        .where('deleted_at', 'is', null)
        .where('object_key', 'is not', null)
        .execute();
    },

    findStorage: (id: string) =>
      db.selectFrom('storages').selectAll().where('id', '=', id).executeTakeFirst(),

    /** Jobs with a copy whose deletion failed before: the sweep retries them. */
    async jobsWithPendingDeletes(): Promise<string[]> {
      const rows = await db
        .selectFrom('run_destinations as d')
        .innerJoin('backup_runs as r', 'r.id', 'd.run_id')
        .select('r.job_id')
        .distinct()
        .where('d.deleted_at', 'is', null)
        .where('d.delete_error', 'is not', null)
        .where('r.job_id', 'is not', null)
        .execute();
      return rows.flatMap((r) => (r.job_id === null ? [] : [r.job_id]));
    },

    async markDeleted(runId: string, storageId: string, at: string): Promise<void> {
      await db
        .updateTable('run_destinations')
        .set({ deleted_at: at, delete_error: null })
        .where('run_id', '=', runId)
        .where('storage_id', '=', storageId)
        .execute();
    },

    async markDeleteFailed(runId: string, storageId: string, message: string): Promise<void> {
      await db
        .updateTable('run_destinations')
        .set((eb) => ({
          delete_error: message,
          delete_attempts: eb('delete_attempts', '+', 1),
        }))
        .where('run_id', '=', runId)
        .where('storage_id', '=', storageId)
        .execute();
    },
  };
}

export type RetentionRunnerRepository = ReturnType<typeof createRetentionRunnerRepository>;
