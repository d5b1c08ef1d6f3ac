import type { Kysely, Transaction, Updateable } from 'kysely';
import type { BackupJobRow, BackupJobsTable, BackupRunRow } from '../../db/backups.tables.js';
import type { DB } from '../../db/tables.js';

/** Backup jobs and their destinations. Kysely only; every query is scoped by owner. */
export function createJobsRepository(db: Kysely<DB>) {
  async function replaceStorages(
    trx: Transaction<DB>,
    jobId: string,
    storageIds: readonly string[],
  ) {
    await trx.deleteFrom('backup_job_storages').where('job_id', '=', jobId).execute();
    await trx
      .insertInto('backup_job_storages')
      .values(
        storageIds.map((storageId, position) => ({
          job_id: jobId,
          storage_id: storageId,
          position,
        })),
      )
      .execute();
  }

  return {
    list: (ownerId: string) =>
      db
        .selectFrom('backup_jobs')
        .selectAll()
        .where('owner_id', '=', ownerId)
        .orderBy('created_at')
        .execute(),

    find: (ownerId: string, id: string) =>
      db
        .selectFrom('backup_jobs')
        .selectAll()
        .where('owner_id', '=', ownerId)
        .where('id', '=', id)
        .executeTakeFirst(),

    /** Storage ids per job, in the job's order. */
    async storageIdsOf(jobIds: readonly string[]): Promise<Map<string, string[]>> {
      const byJob = new Map<string, string[]>(jobIds.map((id) => [id, []]));
      if (jobIds.length === 0) return byJob;
      const rows = await db
        .selectFrom('backup_job_storages')
        .select(['job_id', 'storage_id'])
        .where('job_id', 'in', jobIds)
        .orderBy('job_id')
        .orderBy('position')
        .execute();
      for (const row of rows) byJob.get(row.job_id)?.push(row.storage_id);
      return byJob;
    },

    /** The newest run of each job that has one. */
    async lastRunsOf(jobIds: readonly string[]): Promise<Map<string, BackupRunRow>> {
      if (jobIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('backup_runs as r')
        .selectAll('r')
        .where('r.job_id', 'in', jobIds)
        .where('r.id', '=', (eb) =>
          eb
            .selectFrom('backup_runs as newer')
            .select('newer.id')
            .whereRef('newer.job_id', '=', 'r.job_id')
            .orderBy('newer.started_at', 'desc')
            .orderBy('newer.id', 'desc')
            .limit(1),
        )
        .execute();
      return new Map(rows.map((row) => [row.job_id ?? '', row]));
    },

    async insert(row: BackupJobRow, storageIds: readonly string[]): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('backup_jobs').values(row).execute();
        await replaceStorages(trx, row.id, storageIds);
      });
    },

    async update(
      ownerId: string,
      id: string,
      changes: Updateable<BackupJobsTable>,
      storageIds: readonly string[] | undefined,
    ): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('backup_jobs')
          .set(changes)
          .where('owner_id', '=', ownerId)
          .where('id', '=', id)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) return false;
        if (storageIds !== undefined) await replaceStorages(trx, id, storageIds);
        return true;
      });
    },

    /** Deletes the job; its history stays, detached (job id null). */
    async remove(ownerId: string, id: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .deleteFrom('backup_jobs')
          .where('owner_id', '=', ownerId)
          .where('id', '=', id)
          .executeTakeFirst();
        if (result.numDeletedRows === 0n) return false;
        await trx
          .updateTable('backup_runs')
          .set({ job_id: null })
          .where('owner_id', '=', ownerId)
          .where('job_id', '=', id)
          .execute();
        return true;
      });
    },

    hasActiveRun: async (jobId: string) =>
      (await db
        .selectFrom('backup_runs')
        .select('id')
        .where('job_id', '=', jobId)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst()) !== undefined,

    /** Which of `ids` are the caller's databases. */
    ownDatabase: (ownerId: string, id: string) =>
      db
        .selectFrom('databases')
        .select(['id', 'name'])
        .where('owner_id', '=', ownerId)
        .where('id', '=', id)
        .executeTakeFirst(),

    /** Which of `ids` are the caller's storages. */
    ownStorageIds: async (ownerId: string, ids: readonly string[]) =>
      (
        await db
          .selectFrom('storages')
          .select('id')
          .where('owner_id', '=', ownerId)
          .where('id', 'in', ids)
          .execute()
      ).map((r) => r.id),
  };
}

export type JobsRepository = ReturnType<typeof createJobsRepository>;
