import { JobVerification, type BackupRun } from '@rahatback/protocol';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../../db/tables.js';
import type { RestoresService } from '../restores/restores.service.js';

/**
 * Verification without its own schedule (the protocol's default) test-restores each
 * successful backup right after it is made, so "verified on …" follows every backup.
 * A job with a verification schedule is not verified here.
 */
export function createVerificationListener(deps: {
  db: Kysely<DB>;
  restores: Pick<RestoresService, 'start'>;
  logger: Logger;
}) {
  const { db, restores, logger } = deps;
  return async (run: BackupRun, ownerId: string): Promise<void> => {
    if (run.status !== 'success' || run.jobId === null) return;
    const job = await db
      .selectFrom('backup_jobs')
      .select('verification_json')
      .where('id', '=', run.jobId)
      .executeTakeFirst();
    if (job === undefined) return;
    const verification = JobVerification.catch({ enabled: false }).parse(
      JSON.parse(job.verification_json),
    );
    if (!verification.enabled || verification.schedule !== undefined) return;
    try {
      await restores.start(
        ownerId,
        run.id,
        { targetDatabaseId: run.databaseId, dropExisting: false },
        'verify',
      );
    } catch (err) {
      logger.warn({ err, runId: run.id }, 'verification not started');
    }
  };
}
