import { JobNotifications, type BackupRun, type Restore } from '@rahatback/protocol';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { Notifier } from '../notifications/notifier.js';

/** What composing a job's notification needs to read: its settings, names and the owner's address. */
function createNotificationContextRepository(db: Kysely<DB>) {
  return {
    job: (id: string) =>
      db
        .selectFrom('backup_jobs')
        .select(['name', 'notifications_json', 'timezone'])
        .where('id', '=', id)
        .executeTakeFirst(),
    databaseName: async (id: string) =>
      (await db.selectFrom('databases').select('name').where('id', '=', id).executeTakeFirst())
        ?.name,
    ownerEmail: async (id: string) =>
      (await db.selectFrom('users').select('email').where('id', '=', id).executeTakeFirst())?.email,
  };
}

/**
 * Sends each finished run and restore to the channels its job asks for (onSuccess,
 * onFailure, onSkipped; email and webhooks). A job deleted since has no settings: nothing is sent.
 */
export function createNotificationListeners(db: Kysely<DB>, notifier: Pick<Notifier, 'notify'>) {
  const repo = createNotificationContextRepository(db);

  async function contextOf(jobId: string | null, ownerId: string) {
    if (jobId === null) return undefined;
    const job = await repo.job(jobId);
    if (job === undefined) return undefined;
    return {
      job,
      settings: JobNotifications.catch(JobNotifications.parse({})).parse(
        JSON.parse(job.notifications_json),
      ),
      ownerEmail: (await repo.ownerEmail(ownerId)) ?? '',
      ...(job.timezone !== null && { timeZone: job.timezone }),
    };
  }

  return {
    async onRunFinished(run: BackupRun, ownerId: string): Promise<void> {
      const ctx = await contextOf(run.jobId, ownerId);
      if (ctx === undefined) return;
      const databaseName = (await repo.databaseName(run.databaseId)) ?? run.databaseId;
      await notifier.notify({
        settings: ctx.settings,
        event: { type: 'backup', run, databaseName },
        ownerEmail: ctx.ownerEmail,
        ...(ctx.timeZone !== undefined && { timeZone: ctx.timeZone }),
      });
    },

    async onRestoreFinished(restore: Restore, ownerId: string): Promise<void> {
      // A passing test restore follows every backup; only a failing one is news.
      if (restore.mode === 'verify' && restore.status === 'success') return;
      const ctx = await contextOf(restore.jobId, ownerId);
      if (ctx === undefined) return;
      const targetDatabaseName =
        (await repo.databaseName(restore.targetDatabaseId)) ?? restore.targetDatabaseId;
      await notifier.notify({
        settings: ctx.settings,
        event: { type: 'restore', restore, jobName: ctx.job.name, targetDatabaseName },
        ownerEmail: ctx.ownerEmail,
        ...(ctx.timeZone !== undefined && { timeZone: ctx.timeZone }),
      });
    },
  };
}
