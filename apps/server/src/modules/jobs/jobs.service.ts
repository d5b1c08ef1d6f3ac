import {
  PROTOCOL_VERSION,
  type BackupJob,
  type BackupJobInput,
  type BackupJobPatch,
  type Schedule,
} from '@rahatback/protocol';
import type { Sealer } from '../../crypto/sealer.js';
import { constantTimeEqual } from '../../crypto/tokens.js';
import type { BackupJobRow } from '../../db/backups.tables.js';
import { AppError, notFound } from '../../errors.js';
import type { UiPush } from '../../realtime/ui-namespace.js';
import { nextRunAfter } from '../schedules/schedule.js';
import { toBackupJob } from './job.mapper.js';
import type { JobsRepository } from './jobs.repository.js';

export interface JobsServiceDeps {
  repo: JobsRepository;
  sealer: Sealer;
  ui: UiPush;
  now?: () => Date;
}

export const passphraseIdentity = (jobId: string) => `backup_jobs:${jobId}:passphrase`;

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${path}: ${message}`, { issues: [{ path, message }] });

/** When a job fires next by itself: never when manual or paused. */
export function firstRunAt(schedule: Schedule, enabled: boolean, now: Date): number | null {
  if (!enabled || schedule.kind === 'manual') return null;
  return nextRunAfter(schedule, now)?.getTime() ?? null;
}

const timezoneOf = (schedule: Schedule) => (schedule.kind === 'manual' ? null : schedule.timezone);

export function createJobsService({ repo, sealer, ui, now = () => new Date() }: JobsServiceDeps) {
  async function present(rows: BackupJobRow[]): Promise<BackupJob[]> {
    const ids = rows.map((r) => r.id);
    const [storageIds, lastRuns] = await Promise.all([
      repo.storageIdsOf(ids),
      repo.lastRunsOf(ids),
    ]);
    return rows.map((row) => toBackupJob(row, storageIds.get(row.id) ?? [], lastRuns.get(row.id)));
  }

  async function findOwn(ownerId: string, id: string): Promise<BackupJobRow> {
    const row = await repo.find(ownerId, id);
    if (row === undefined) throw notFound(`backup job ${id}`);
    return row;
  }

  async function getOwn(ownerId: string, id: string): Promise<BackupJob> {
    const [job] = await present([await findOwn(ownerId, id)]);
    if (job === undefined) throw notFound(`backup job ${id}`);
    return job;
  }

  async function checkReferences(ownerId: string, databaseId?: string, storageIds?: string[]) {
    if (databaseId !== undefined && (await repo.ownDatabase(ownerId, databaseId)) === undefined)
      throw invalid(
        'databaseId',
        'none of your databases has this id; choose one from the Databases page',
      );
    if (storageIds === undefined) return;
    const own = new Set(await repo.ownStorageIds(ownerId, storageIds));
    const foreign = storageIds.find((id) => !own.has(id));
    if (foreign !== undefined)
      throw invalid(
        'storageIds',
        `none of your storages has the id ${foreign}; choose one from the Storages page`,
      );
  }

  /** A new passphrase replaces a sealed one only when the caller proves the current one. */
  function nextSealedPassphrase(row: BackupJobRow, patch: BackupJobPatch): string | null {
    const given = patch.encryption?.passphrase;
    if (given === undefined) return row.sealed_passphrase;
    if (row.sealed_passphrase !== null) {
      const current = sealer.unseal(row.sealed_passphrase, passphraseIdentity(row.id));
      if (
        patch.currentPassphrase === undefined ||
        !constantTimeEqual(patch.currentPassphrase, current)
      )
        throw invalid('currentPassphrase', 'give the current passphrase to set a new one');
    }
    return sealer.seal(given, passphraseIdentity(row.id));
  }

  function announce(ownerId: string, jobId: string, job: BackupJob | null) {
    ui.pushToUser(ownerId, 'job:updated', { v: PROTOCOL_VERSION, jobId, job });
  }

  return {
    list: async (ownerId: string) => present(await repo.list(ownerId)),

    get: getOwn,

    async create(ownerId: string, input: BackupJobInput): Promise<BackupJob> {
      await checkReferences(ownerId, input.databaseId, input.storageIds);
      const id = crypto.randomUUID();
      const at = now();
      const passphrase = input.encryption.passphrase;
      const row: BackupJobRow = {
        id,
        owner_id: ownerId,
        database_id: input.databaseId,
        name: input.name,
        schedule_json: JSON.stringify(input.schedule),
        timezone: timezoneOf(input.schedule),
        compression: input.compression.algorithm,
        compression_level: input.compression.level ?? null,
        encrypted: input.encryption.enabled ? 1 : 0,
        sealed_passphrase:
          passphrase === undefined ? null : sealer.seal(passphrase, passphraseIdentity(id)),
        retention_json: JSON.stringify(input.retention),
        notifications_json: JSON.stringify(input.notifications),
        verification_json: JSON.stringify(input.verification),
        enabled: input.enabled ? 1 : 0,
        timeout_minutes: input.timeoutMinutes,
        next_run_at: firstRunAt(input.schedule, input.enabled, at),
        created_at: at.toISOString(),
        updated_at: at.toISOString(),
      };
      await repo.insert(row, input.storageIds);
      const job = await getOwn(ownerId, id);
      announce(ownerId, id, job);
      return job;
    },

    /** Absent fields keep theirs; a new schedule or a resume recomputes the next run from now. */
    async update(ownerId: string, id: string, patch: BackupJobPatch): Promise<BackupJob> {
      const row = await findOwn(ownerId, id);
      await checkReferences(ownerId, patch.databaseId, patch.storageIds);
      const current = toBackupJob(row, [], undefined);
      const schedule = patch.schedule ?? current.schedule;
      const enabled = patch.enabled ?? current.enabled;
      const encrypted = patch.encryption?.enabled ?? current.encryption.enabled;
      const sealedPassphrase = nextSealedPassphrase(row, patch);
      if (encrypted && sealedPassphrase === null)
        throw invalid('encryption.passphrase', 'encryption needs a passphrase');
      const rescheduled = patch.schedule !== undefined || (enabled && !current.enabled);
      const compression = patch.compression ?? current.compression;
      const changes = {
        name: patch.name ?? row.name,
        database_id: patch.databaseId ?? row.database_id,
        schedule_json: JSON.stringify(schedule),
        timezone: timezoneOf(schedule),
        compression: compression.algorithm,
        compression_level: compression.level ?? null,
        encrypted: encrypted ? 1 : 0,
        sealed_passphrase: sealedPassphrase,
        retention_json: JSON.stringify(patch.retention ?? current.retention),
        notifications_json: JSON.stringify(patch.notifications ?? current.notifications),
        verification_json: JSON.stringify(patch.verification ?? current.verification),
        enabled: enabled ? 1 : 0,
        timeout_minutes: patch.timeoutMinutes ?? row.timeout_minutes,
        updated_at: now().toISOString(),
        ...((rescheduled || !enabled) && { next_run_at: firstRunAt(schedule, enabled, now()) }),
      };
      if (!(await repo.update(ownerId, id, changes, patch.storageIds)))
        throw notFound(`backup job ${id}`);
      const job = await getOwn(ownerId, id);
      announce(ownerId, id, job);
      return job;
    },

    async remove(ownerId: string, id: string): Promise<void> {
      await findOwn(ownerId, id);
      if (await repo.hasActiveRun(id))
        throw new AppError(
          'INVALID_STATE',
          'a backup of this job is running: cancel it or let it finish, then delete the job',
        );
      if (!(await repo.remove(ownerId, id))) throw notFound(`backup job ${id}`);
      announce(ownerId, id, null);
    },
  };
}

export type JobsService = ReturnType<typeof createJobsService>;
