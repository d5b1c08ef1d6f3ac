import type { Kysely, Updateable } from 'kysely';
import type { BackupRunRow } from '../../db/backups.tables.js';
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

    /**
     * The newest backup run of each of the owner's databases that has one (of `databaseId`
     * alone when given), whichever job made it: one query however many jobs and databases,
     * one newest-run look-up per database.
     */
    async lastRunsOf(ownerId: string, databaseId?: string): Promise<Map<string, BackupRunRow>> {
      let newestOfEach = db
        .selectFrom('databases as d')
        .where('d.owner_id', '=', ownerId)
        .select((eb) =>
          eb
            .selectFrom('backup_runs as newer')
            .select('newer.id')
            .where('newer.owner_id', '=', ownerId)
            .whereRef('newer.database_id', '=', 'd.id')
            .orderBy('newer.started_at', 'desc')
            .orderBy('newer.id', 'desc')
            .limit(1)
            .as('run_id'),
        );
      if (databaseId !== undefined) newestOfEach = newestOfEach.where('d.id', '=', databaseId);
      const rows = await db
        .selectFrom('backup_runs')
        .selectAll()
        .where('owner_id', '=', ownerId)
        .where('id', 'in', newestOfEach)
        .execute();
      return new Map(rows.map((row) => [row.database_id, row]));
    },

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
