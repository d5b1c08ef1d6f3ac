import { JobVerification } from '@rahatback/protocol';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../../db/tables.js';
import type { RestoresService } from '../restores/restores.service.js';
import { nextRunAfter } from '../schedules/schedule.js';

/** What scheduled verification reads. Kysely only. */
function createVerificationRepository(db: Kysely<DB>) {
  return {
    jobs: () =>
      db
        .selectFrom('backup_jobs')
        .select(['id', 'owner_id', 'verification_json', 'created_at'])
        .execute(),
    latestVerification: (jobId: string) =>
      db
        .selectFrom('restores')
        .select(['started_at', 'status'])
        .where('job_id', '=', jobId)
        .where('mode', '=', 'verify')
        .orderBy('started_at', 'desc')
        .executeTakeFirst(),
    latestSuccess: (jobId: string) =>
      db
        .selectFrom('backup_runs')
        .select(['id', 'database_id'])
        .where('job_id', '=', jobId)
        .where('status', '=', 'success')
        .orderBy('started_at', 'desc')
        .executeTakeFirst(),
  };
}

/**
 * Jobs whose verification has its own schedule: when the schedule's next time after the
 * last verification (or the job's creation) has passed, the latest successful backup is
 * test-restored. The restores table is the state, so a restart loses nothing; two replicas
 * may both start one in the same pass (harmless: a second scratch restore).
 */
export function createVerificationScheduler(deps: {
  db: Kysely<DB>;
  restores: Pick<RestoresService, 'start'>;
  logger: Logger;
  now?: () => Date;
}) {
  const repo = createVerificationRepository(deps.db);
  const now = deps.now ?? (() => new Date());

  async function verifyIfDue(job: Awaited<ReturnType<typeof repo.jobs>>[number]): Promise<void> {
    const verification = JobVerification.catch({ enabled: false }).parse(
      JSON.parse(job.verification_json),
    );
    if (!verification.enabled || verification.schedule === undefined) return;
    const last = await repo.latestVerification(job.id);
    if (last?.status === 'running') return;
    const next = nextRunAfter(verification.schedule, new Date(last?.started_at ?? job.created_at));
    if (next === null || next > now()) return;
    const run = await repo.latestSuccess(job.id);
    if (run === undefined) return;
    await deps.restores.start(
      job.owner_id,
      run.id,
      { targetDatabaseId: run.database_id, dropExisting: false },
      'verify',
    );
  }

  return {
    async tick(): Promise<void> {
      for (const job of await repo.jobs())
        await verifyIfDue(job).catch((err: unknown) =>
          deps.logger.warn({ err, jobId: job.id }, 'scheduled verification not started'),
        );
    },
  };
}
