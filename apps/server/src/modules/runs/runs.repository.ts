import type { Kysely, Updateable } from 'kysely';
import type {
  BackupRunRow,
  BackupRunsTable,
  RunDestinationRow,
  RunDestinationsTable,
} from '../../db/backups.tables.js';
import type { DB } from '../../db/tables.js';
import { freshSince } from '../../realtime/presence.js';
import { asBoolean, taskAgentOnline } from '../../realtime/task-liveness.js';
import { createDatabasesRepository } from '../databases/databases.repository.js';

const ACTIVE = ['queued', 'running'] as const;

/** A unique-index violation on either dialect (SQLite's constraint code, PostgreSQL's 23505). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** An active run as the sweeper sees it: with its job's timeout and its agent's presence. */
export interface ActiveRun {
  id: string;
  owner_id: string;
  job_id: string | null;
  agent_id: string;
  status: string;
  started_at: string;
  timeout_minutes: number | null;
  agent_last_seen_at: string | null;
  agent_online: boolean;
}

/** Backup runs and their destinations. Kysely only. */
export function createRunsRepository(db: Kysely<DB>) {
  const databases = createDatabasesRepository(db);
  return {
    /** Throws a unique violation when the job already has an active run. */
    async insert(run: BackupRunRow, destinations: RunDestinationRow[]): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('backup_runs').values(run).execute();
        if (destinations.length > 0)
          await trx.insertInto('run_destinations').values(destinations).execute();
      });
    },

    /** The raw size of the job's newest successful run; null when it has none. */
    async lastRawSize(ownerId: string, jobId: string): Promise<string | number | null> {
      const row = await db
        .selectFrom('backup_runs')
        .select('raw_size')
        .where('owner_id', '=', ownerId)
        .where('job_id', '=', jobId)
        .where('status', '=', 'success')
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.raw_size ?? null;
    },

    find: (id: string) =>
      db.selectFrom('backup_runs').selectAll().where('id', '=', id).executeTakeFirst(),

    findOwn: (ownerId: string, id: string) =>
      db
        .selectFrom('backup_runs')
        .selectAll()
        .where('owner_id', '=', ownerId)
        .where('id', '=', id)
        .executeTakeFirst(),

    destinationsOf: (runId: string) =>
      db.selectFrom('run_destinations').selectAll().where('run_id', '=', runId).execute(),

    /** Moves a run on only from one of `from`; false = another writer got there first. */
    async transition(
      id: string,
      from: readonly string[],
      changes: Updateable<BackupRunsTable>,
    ): Promise<boolean> {
      const result = await db
        .updateTable('backup_runs')
        .set(changes)
        .where('id', '=', id)
        .where('status', 'in', from)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async updateDestination(
      runId: string,
      storageId: string,
      changes: Updateable<RunDestinationsTable>,
    ): Promise<void> {
      await db
        .updateTable('run_destinations')
        .set(changes)
        .where('run_id', '=', runId)
        .where('storage_id', '=', storageId)
        .execute();
    },

    async setProgress(id: string, progressJson: string): Promise<void> {
      await db
        .updateTable('backup_runs')
        .set({ progress_json: progressJson })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .execute();
    },

    async markCancelRequested(id: string, at: string): Promise<void> {
      await db
        .updateTable('backup_runs')
        .set({ cancel_requested_at: at })
        .where('id', '=', id)
        .execute();
    },

    /** A job by id; scoped to its owner when one is given (API), any owner otherwise (scheduler). */
    findJob: (jobId: string, ownerId: string | undefined) => {
      let query = db.selectFrom('backup_jobs').selectAll().where('id', '=', jobId);
      if (ownerId !== undefined) query = query.where('owner_id', '=', ownerId);
      return query.executeTakeFirst();
    },

    findDatabase: databases.find,

    /** The job's storages in the job's order. */
    storagesOfJob: (jobId: string) =>
      db
        .selectFrom('backup_job_storages as js')
        .innerJoin('storages as s', 's.id', 'js.storage_id')
        .selectAll('s')
        .where('js.job_id', '=', jobId)
        .orderBy('js.position')
        .execute(),

    agentName: async (agentId: string) =>
      (await db.selectFrom('agents').select('name').where('id', '=', agentId).executeTakeFirst())
        ?.name,

    /** True while one socket of the agent has a fresh heartbeat. */
    isAgentOnline: async (agentId: string, now: Date) =>
      (await db
        .selectFrom('agent_connections')
        .select('socket_id')
        .where('agent_id', '=', agentId)
        .where('heartbeat_at', '>', freshSince(now))
        .executeTakeFirst()) !== undefined,

    async listActive(now: Date): Promise<ActiveRun[]> {
      const rows = await db
        .selectFrom('backup_runs as r')
        .leftJoin('backup_jobs as j', 'j.id', 'r.job_id')
        .leftJoin('agents as a', 'a.id', 'r.agent_id')
        .select(['r.id', 'r.owner_id', 'r.job_id', 'r.agent_id', 'r.status', 'r.started_at'])
        .select(['j.timeout_minutes', 'a.last_seen_at as agent_last_seen_at'])
        .select((eb) => taskAgentOnline(eb, now))
        .where('r.status', 'in', ACTIVE)
        .execute();
      return rows.map((row) => ({ ...row, agent_online: asBoolean(row.agent_online) }));
    },
  };
}

export type RunsRepository = ReturnType<typeof createRunsRepository>;
