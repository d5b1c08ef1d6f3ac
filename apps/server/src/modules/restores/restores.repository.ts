import type { RestoreQuery } from '@rahatback/protocol';
import type { Kysely, Updateable } from 'kysely';
import type { RestoreRow, RestoresTable } from '../../db/backups.tables.js';
import { newestFirstPage } from '../../db/paging.js';
import type { DB } from '../../db/tables.js';
import type { RestoreView } from './restore.mapper.js';
import { asBoolean, taskAgentOnline } from '../../realtime/task-liveness.js';
import { createDatabasesRepository } from '../databases/databases.repository.js';
import { createRunsRepository } from '../runs/runs.repository.js';

/** Restores (and verification restores) and what starting one needs to read. Kysely only. */
export function createRestoresRepository(db: Kysely<DB>) {
  const databases = createDatabasesRepository(db);
  const runs = createRunsRepository(db);
  // A restore reads its backup's stored size; the run may be gone (retention), hence left.
  const withRunSize = () =>
    db
      .selectFrom('restores as r')
      .leftJoin('backup_runs as b', (join) =>
        join.onRef('b.id', '=', 'r.run_id').onRef('b.owner_id', '=', 'r.owner_id'),
      )
      .selectAll('r')
      .select('b.stored_size as run_stored_size');

  /** One query for a page's runs, not one per restore. */
  async function addRunSizes(ownerId: string, rows: RestoreRow[]): Promise<RestoreView[]> {
    const runIds = [...new Set(rows.map((row) => row.run_id))];
    const sizes =
      runIds.length === 0
        ? []
        : await db
            .selectFrom('backup_runs')
            .select(['id', 'stored_size'])
            .where('owner_id', '=', ownerId)
            .where('id', 'in', runIds)
            .execute();
    const sizeOf = new Map(sizes.map((run) => [run.id, run.stored_size]));
    return rows.map((row) => ({ ...row, run_stored_size: sizeOf.get(row.run_id) ?? null }));
  }

  return {
    async insert(row: RestoreRow): Promise<void> {
      await db.insertInto('restores').values(row).execute();
    },

    find: (id: string) => withRunSize().where('r.id', '=', id).executeTakeFirst(),

    findOwn: (ownerId: string, id: string) =>
      withRunSize().where('r.owner_id', '=', ownerId).where('r.id', '=', id).executeTakeFirst(),

    async page(
      ownerId: string,
      query: RestoreQuery,
    ): Promise<{ rows: RestoreView[]; total: number }> {
      let base = db.selectFrom('restores').where('owner_id', '=', ownerId);
      if (query.backupRunId !== undefined) base = base.where('run_id', '=', query.backupRunId);
      if (query.targetDatabaseId !== undefined)
        base = base.where('target_database_id', '=', query.targetDatabaseId);
      if (query.status !== undefined) base = base.where('status', '=', query.status);
      const { rows, total } = await newestFirstPage(base, query);
      return { rows: await addRunSizes(ownerId, rows), total };
    },

    /** Moves a restore on only from one of `from`; false = another writer got there first. */
    async transition(
      id: string,
      from: readonly string[],
      changes: Updateable<RestoresTable>,
    ): Promise<boolean> {
      const result = await db
        .updateTable('restores')
        .set(changes)
        .where('id', '=', id)
        .where('status', 'in', from)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async setProgress(id: string, progressJson: string): Promise<void> {
      await db
        .updateTable('restores')
        .set({ progress_json: progressJson })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .execute();
    },

    findRun: runs.findOwn,

    findJob: runs.findJob,

    findDatabase: databases.find,

    /** The run's copies that are there to read, in the job's order, with their storage rows. */
    healthyCopies: (runId: string) =>
      db
        .selectFrom('run_destinations as d')
        .innerJoin('storages as s', 's.id', 'd.storage_id')
        .selectAll('s')
        .select(['d.object_key', 'd.sha256 as copy_sha256'])
        .where('d.run_id', '=', runId)
        .where('d.ok', '=', 1)
        .where('d.deleted_at', 'is', null)
        .where('d.object_key', 'is not', null)
        .orderBy('d.position')
        .execute(),

    async updateRun(
      runId: string,
      changes: { last_restore_status?: string; last_restored_at?: string } & {
        verified_at?: string;
        verification_json?: string;
      },
    ): Promise<void> {
      await db.updateTable('backup_runs').set(changes).where('id', '=', runId).execute();
    },

    ownerEmail: async (ownerId: string) =>
      (await db.selectFrom('users').select('email').where('id', '=', ownerId).executeTakeFirst())
        ?.email,

    agentName: runs.agentName,

    /** Running restores with whether their agent has a fresh heartbeat now. */
    async listActive(now: Date) {
      const rows = await db
        .selectFrom('restores as r')
        .leftJoin('agents as a', 'a.id', 'r.agent_id')
        .select(['r.id', 'r.agent_id', 'r.started_at', 'a.last_seen_at as agent_last_seen_at'])
        .select((eb) => taskAgentOnline(eb, now))
        .where('r.status', '=', 'running')
        .execute();
      return rows.map((row) => ({ ...row, agent_online: asBoolean(row.agent_online) }));
    },
  };
}

export type RestoresRepository = ReturnType<typeof createRestoresRepository>;
