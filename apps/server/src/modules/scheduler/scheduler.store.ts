import { Schedule } from '@rahatback/protocol';
import type { Kysely } from 'kysely';
import { toNumber } from '../../db/backups.tables.js';
import type { DB } from '../../db/tables.js';
import type { ScheduledJob, SchedulerStore } from '../schedules/scheduler.js';

/**
 * The scheduler's port over the metadata store. `next_run_at` is epoch milliseconds, so the
 * claim compares exact integers on both dialects.
 */
export function createSchedulerStore(db: Kysely<DB>): SchedulerStore {
  return {
    async listDue(now: Date, limit: number): Promise<ScheduledJob[]> {
      const rows = await db
        .selectFrom('backup_jobs')
        .select(['id', 'schedule_json', 'enabled', 'next_run_at'])
        .where('enabled', '=', 1)
        .where((eb) =>
          eb.or([
            eb('next_run_at', '<=', now.getTime()),
            // Not computed yet; a manual job has no time zone and never fires by itself.
            eb.and([eb('next_run_at', 'is', null), eb('timezone', 'is not', null)]),
          ]),
        )
        .orderBy('next_run_at')
        .limit(limit)
        .execute();
      return rows.flatMap((row) => {
        const schedule = Schedule.safeParse(JSON.parse(row.schedule_json));
        if (!schedule.success) return [];
        const next = toNumber(row.next_run_at);
        return [
          {
            id: row.id,
            schedule: schedule.data,
            nextRunAt: next === null ? null : new Date(next),
            enabled: row.enabled === 1,
          },
        ];
      });
    },

    async claim(jobId: string, seen: Date | null, next: Date | null): Promise<boolean> {
      const result = await db
        .updateTable('backup_jobs')
        .set({ next_run_at: next?.getTime() ?? null })
        .where('id', '=', jobId)
        .where('next_run_at', seen === null ? 'is' : '=', seen?.getTime() ?? null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}
