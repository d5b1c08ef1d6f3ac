import {
  DatabaseEngine,
  DatabaseOptions,
  type BackupRequest,
  type DatabaseConnection,
} from '@rahatback/protocol';
import type { Sealer } from '../../crypto/sealer.js';
import type { BackupJobRow, StorageRow } from '../../db/backups.tables.js';
import type { DatabaseRow } from '../../db/tables.js';
import { passphraseIdentity } from '../jobs/jobs.service.js';
import { targetOf } from '../storages/storage.secrets.js';

// The databases module seals passwords under this identity.
const databasePasswordIdentity = (id: string) => `databases:${id}:password`;

/** The database connection with its password unsealed (backups and restores). */
export function connectionOf(sealer: Sealer, db: DatabaseRow): DatabaseConnection {
  return {
    engine: DatabaseEngine.parse(db.engine),
    host: db.host,
    port: db.port,
    username: db.username,
    password:
      db.sealed_password === null
        ? ''
        : sealer.unseal(db.sealed_password, databasePasswordIdentity(db.id)),
    database: db.database_name,
    options: DatabaseOptions.catch({}).parse(JSON.parse(db.options_json)),
  };
}

/**
 * What the agent needs for one run, with every secret unsealed: the database password,
 * each destination's keys and the passphrase. Built just before sending, never stored.
 */
export function buildBackupRequest(
  sealer: Sealer,
  runId: string,
  job: BackupJobRow,
  database: DatabaseRow,
  storages: StorageRow[],
): BackupRequest {
  const passphrase =
    job.encrypted === 1 && job.sealed_passphrase !== null
      ? sealer.unseal(job.sealed_passphrase, passphraseIdentity(job.id))
      : null;
  return {
    runId,
    jobId: job.id,
    label: database.name,
    database: connectionOf(sealer, database),
    destinations: storages.map((s) => ({ storageId: s.id, target: targetOf(sealer, s) })),
    compression: {
      algorithm: job.compression as BackupRequest['compression']['algorithm'],
      ...(job.compression_level !== null && { level: job.compression_level }),
    },
    encryption: passphrase === null ? null : { passphrase },
  };
}
