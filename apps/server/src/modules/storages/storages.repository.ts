import type { Kysely, Updateable } from 'kysely';
import type { StorageRow, StoragesTable } from '../../db/backups.tables.js';
import type { DB } from '../../db/tables.js';

/** Storage destinations. Kysely only; every query is scoped by owner. */
export function createStoragesRepository(db: Kysely<DB>) {
  return {
    list: (ownerId: string) =>
      db
        .selectFrom('storages')
        .selectAll()
        .where('owner_id', '=', ownerId)
        .orderBy('created_at')
        .execute(),

    find: (ownerId: string, id: string) =>
      db
        .selectFrom('storages')
        .selectAll()
        .where('owner_id', '=', ownerId)
        .where('id', '=', id)
        .executeTakeFirst(),

    /** The caller's storages among `ids`, in no particular order. */
    findMany: (ownerId: string, ids: readonly string[]) =>
      ids.length === 0
        ? Promise.resolve([] as StorageRow[])
        : db
            .selectFrom('storages')
            .selectAll()
            .where('owner_id', '=', ownerId)
            .where('id', 'in', ids)
            .execute(),

    async insert(row: StorageRow): Promise<void> {
      await db.insertInto('storages').values(row).execute();
    },

    async update(
      ownerId: string,
      id: string,
      changes: Updateable<StoragesTable>,
    ): Promise<boolean> {
      const result = await db
        .updateTable('storages')
        .set(changes)
        .where('owner_id', '=', ownerId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async remove(ownerId: string, id: string): Promise<boolean> {
      const result = await db
        .deleteFrom('storages')
        .where('owner_id', '=', ownerId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    /** Names of the jobs that write to this storage. */
    jobNamesUsing: async (storageId: string) =>
      (
        await db
          .selectFrom('backup_job_storages')
          .innerJoin('backup_jobs', 'backup_jobs.id', 'backup_job_storages.job_id')
          .select('backup_jobs.name')
          .where('backup_job_storages.storage_id', '=', storageId)
          .execute()
      ).map((r) => r.name),

    /** The caller's live (not revoked) agent of that id, or undefined. */
    findOwnAgent: (ownerId: string, agentId: string) =>
      db
        .selectFrom('agents')
        .select(['id', 'name'])
        .where('owner_id', '=', ownerId)
        .where('id', '=', agentId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst(),
  };
}

export type StoragesRepository = ReturnType<typeof createStoragesRepository>;
