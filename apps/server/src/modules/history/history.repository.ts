import type { HistoryQuery } from '@rahatback/protocol';
import type { Kysely } from 'kysely';
import type { BackupRunRow, RunDestinationRow } from '../../db/backups.tables.js';
import { newestFirstPage } from '../../db/paging.js';
import type { DB } from '../../db/tables.js';
import { createRunsRepository } from '../runs/runs.repository.js';

/** Backup history, always scoped to its owner. Kysely only. */
export function createHistoryRepository(db: Kysely<DB>) {
  function filtered(ownerId: string, query: HistoryQuery) {
    let q = db.selectFrom('backup_runs').where('owner_id', '=', ownerId);
    if (query.jobId !== undefined) q = q.where('job_id', '=', query.jobId);
    if (query.databaseId !== undefined) q = q.where('database_id', '=', query.databaseId);
    if (query.status !== undefined) q = q.where('status', '=', query.status);
    // Stored as ISO strings in UTC, so string order is time order once the bound is in UTC too.
    if (query.from !== undefined)
      q = q.where('started_at', '>=', new Date(query.from).toISOString());
    if (query.to !== undefined) q = q.where('started_at', '<=', new Date(query.to).toISOString());
    return q;
  }

  return {
    page: (
      ownerId: string,
      query: HistoryQuery,
    ): Promise<{ rows: BackupRunRow[]; total: number }> =>
      newestFirstPage(filtered(ownerId, query), query),

    findOwn: createRunsRepository(db).findOwn,

    async destinationsOf(runIds: string[]): Promise<RunDestinationRow[]> {
      if (runIds.length === 0) return [];
      return db.selectFrom('run_destinations').selectAll().where('run_id', 'in', runIds).execute();
    },
  };
}

export type HistoryRepository = ReturnType<typeof createHistoryRepository>;
