import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';

// Statuses of runs that have not ended: they count nowhere on the dashboard yet.
const UNFINISHED = ['queued', 'running'];

/**
 * What the dashboard reads, always scoped to its owner. Kysely only. Counts and sums are
 * made by the store, and "the newest N per job" by a window function (both dialects have
 * ROW_NUMBER), so the answer stays right and small however many runs there are.
 */
export function createDashboardRepository(db: Kysely<DB>) {
  return {
    jobs: (ownerId: string) =>
      db
        .selectFrom('backup_jobs')
        .select(['id', 'name', 'verification_json'])
        .where('owner_id', '=', ownerId)
        .orderBy('name')
        .orderBy('id')
        .execute(),

    /** Finished runs since `since`, counted by status. */
    runCounts: (ownerId: string, since: string) =>
      db
        .selectFrom('backup_runs')
        .select((eb) => ['status', eb.fn.countAll().as('n')])
        .where('owner_id', '=', ownerId)
        .where('started_at', '>=', since)
        .where('status', 'not in', UNFINISHED)
        .groupBy('status')
        .execute(),

    /** Per destination, the copies it holds now: written and not deleted by retention. */
    storageUsage: (ownerId: string) =>
      db
        .selectFrom('storages as s')
        .leftJoin('run_destinations as d', (join) =>
          join.onRef('d.storage_id', '=', 's.id').on('d.ok', '=', 1).on('d.deleted_at', 'is', null),
        )
        .select((eb) => [
          's.id',
          's.name',
          's.kind',
          eb.fn.coalesce(eb.fn.sum('d.stored_size'), sql.lit(0)).as('bytes'),
          eb.fn.count('d.run_id').as('backups'),
        ])
        .where('s.owner_id', '=', ownerId)
        .groupBy(['s.id', 's.name', 's.kind'])
        .orderBy('s.name')
        .orderBy('s.id')
        .execute(),

    /** The newest `perJob` finished runs of each job since `since`, oldest first per job. */
    async series(ownerId: string, since: string, perJob: number) {
      const ranked = db
        .selectFrom('backup_runs')
        .select((eb) => [
          'id',
          'job_id',
          'status',
          'started_at',
          'stored_size',
          'raw_size',
          'duration_ms',
          eb.fn
            .agg<number>('row_number')
            .over((over) => over.partitionBy('job_id').orderBy('started_at', 'desc').orderBy('id'))
            .as('rank'),
        ])
        .where('owner_id', '=', ownerId)
        .where('job_id', 'is not', null)
        .where('started_at', '>=', since)
        .where('status', 'not in', UNFINISHED);
      return db
        .selectFrom(ranked.as('r'))
        .selectAll()
        .where('r.rank', '<=', perJob)
        .orderBy('r.job_id')
        .orderBy('r.started_at')
        .orderBy('r.id')
        .execute();
    },

    /** Each job's most recently test-restored backup. */
    async lastVerifications(ownerId: string) {
      const ranked = db
        .selectFrom('backup_runs')
        .select((eb) => [
          'id',
          'job_id',
          'verified_at',
          'verification_json',
          eb.fn
            .agg<number>('row_number')
            .over((over) => over.partitionBy('job_id').orderBy('verified_at', 'desc').orderBy('id'))
            .as('rank'),
        ])
        .where('owner_id', '=', ownerId)
        .where('job_id', 'is not', null)
        .where('verified_at', 'is not', null);
      return db.selectFrom(ranked.as('v')).selectAll().where('v.rank', '=', 1).execute();
    },
  };
}

export type DashboardRepository = ReturnType<typeof createDashboardRepository>;
