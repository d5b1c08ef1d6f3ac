import type { Kysely, Updateable } from 'kysely';
import type { DatabaseRow, DatabasesTable, DB } from '../../db/tables.js';

/** Registered databases. Kysely only; every query is scoped by owner. */
export function createDatabasesRepository(db: Kysely<DB>) {
  return {
    list: (ownerId: string) =>
      db
        .selectFrom('databases')
        .selectAll()
        .where('owner_id', '=', ownerId)
        .orderBy('created_at')
        .execute(),

    find: (ownerId: string, id: string) =>
      db
        .selectFrom('databases')
        .selectAll()
        .where('owner_id', '=', ownerId)
        .where('id', '=', id)
        .executeTakeFirst(),

    async insert(row: DatabaseRow): Promise<void> {
      await db.insertInto('databases').values(row).execute();
    },

    async update(
      ownerId: string,
      id: string,
      changes: Updateable<DatabasesTable>,
    ): Promise<boolean> {
      const result = await db
        .updateTable('databases')
        .set(changes)
        .where('owner_id', '=', ownerId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async remove(ownerId: string, id: string): Promise<boolean> {
      const result = await db
        .deleteFrom('databases')
        .where('owner_id', '=', ownerId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

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

export type DatabasesRepository = ReturnType<typeof createDatabasesRepository>;
