import type { BackupRun, HistoryPage, HistoryQuery } from '@rahatback/protocol';
import { notFound } from '../../errors.js';
import { toBackupRun } from '../runs/run.mapper.js';
import type { HistoryRepository } from './history.repository.js';

export interface HistoryServiceDeps {
  repo: HistoryRepository;
}

/** The caller's backup history: one page with filters, or one backup in full. */
export function createHistoryService({ repo }: HistoryServiceDeps) {
  return {
    async list(ownerId: string, query: HistoryQuery): Promise<HistoryPage> {
      const { rows, total } = await repo.page(ownerId, query);
      const destinations = await repo.destinationsOf(rows.map((r) => r.id));
      const items = rows.map((row) =>
        toBackupRun(
          row,
          destinations.filter((d) => d.run_id === row.id),
        ),
      );
      return { items, total, page: query.page, pageSize: query.pageSize };
    },

    async get(ownerId: string, runId: string): Promise<BackupRun> {
      const row = await repo.findOwn(ownerId, runId);
      if (row === undefined) throw notFound(`backup ${runId}`);
      return toBackupRun(row, await repo.destinationsOf([runId]));
    },
  };
}

export type HistoryService = ReturnType<typeof createHistoryService>;
