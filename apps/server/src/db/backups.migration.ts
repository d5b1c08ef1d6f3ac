import { sql, type Kysely, type Migration } from 'kysely';

type Db = Kysely<unknown>;

/*
 * Storages, backup jobs, runs, their destinations and restores. Times are ISO text like the
 * foundation's tables, except `backup_jobs.next_run_at`: epoch milliseconds as an integer,
 * so the scheduler's compare-and-set (`WHERE next_run_at = :seen`) compares exact values on
 * both dialects. Sizes and durations are bigint (a dump may pass 2 GiB).
 */
export const backupsMigration: Migration = {
  async up(db: Db) {
    await createStorages(db);
    await createJobs(db);
    await createRuns(db);
    await createRunDestinations(db);
    await createRestores(db);
  },
};

async function createStorages(db: Db): Promise<void> {
  await db.schema
    .createTable('storages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('config_json', 'text', (c) => c.notNull())
    .addColumn('sealed_secrets', 'text')
    // Which secret fields are set, so a list never has to unseal anything.
    .addColumn('secret_fields_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('storages_owner_idx').on('storages').column('owner_id').execute();
}

async function createJobs(db: Db): Promise<void> {
  await db.schema
    .createTable('backup_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('database_id', 'text', (c) => c.notNull().references('databases.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('schedule_json', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text')
    .addColumn('compression', 'text', (c) => c.notNull())
    .addColumn('compression_level', 'integer')
    .addColumn('encrypted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sealed_passphrase', 'text')
    .addColumn('retention_json', 'text', (c) => c.notNull())
    .addColumn('notifications_json', 'text', (c) => c.notNull())
    .addColumn('verification_json', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('timeout_minutes', 'integer', (c) => c.notNull())
    .addColumn('next_run_at', 'bigint')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('backup_jobs_owner_idx')
    .on('backup_jobs')
    .column('owner_id')
    .execute();
  await db.schema
    .createIndex('backup_jobs_due_idx')
    .on('backup_jobs')
    .columns(['enabled', 'next_run_at'])
    .execute();

  await db.schema
    .createTable('backup_job_storages')
    .addColumn('job_id', 'text', (c) =>
      c.notNull().references('backup_jobs.id').onDelete('cascade'),
    )
    .addColumn('storage_id', 'text', (c) => c.notNull().references('storages.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('backup_job_storages_pk', ['job_id', 'storage_id'])
    .execute();
  await db.schema
    .createIndex('backup_job_storages_storage_idx')
    .on('backup_job_storages')
    .column('storage_id')
    .execute();
}

async function createRuns(db: Db): Promise<void> {
  await db.schema
    .createTable('backup_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // History outlives its job and database: no foreign key that would block or erase it.
    .addColumn('job_id', 'text')
    .addColumn('job_name', 'text', (c) => c.notNull())
    .addColumn('database_id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('is_catch_up', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('duration_ms', 'bigint')
    .addColumn('raw_size', 'bigint')
    .addColumn('stored_size', 'bigint')
    .addColumn('sha256', 'text')
    .addColumn('object_key', 'text')
    .addColumn('encrypted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('compression', 'text', (c) => c.notNull())
    .addColumn('client_tool_version', 'text')
    .addColumn('server_version', 'text')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('log_tail_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('progress_json', 'text')
    // Digest of the applied agent result: a repeated delivery is recognised, not re-applied.
    .addColumn('result_digest', 'text')
    .addColumn('cancel_requested_at', 'text')
    .addColumn('last_restore_status', 'text')
    .addColumn('last_restored_at', 'text')
    .addColumn('verified_at', 'text')
    .addColumn('verification_json', 'text')
    .execute();
  await db.schema
    .createIndex('backup_runs_owner_started_idx')
    .on('backup_runs')
    .columns(['owner_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('backup_runs_job_started_idx')
    .on('backup_runs')
    .columns(['job_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('backup_runs_status_idx')
    .on('backup_runs')
    .column('status')
    .execute();
  // The store, not a read-then-write, admits at most one active run per job.
  await sql`CREATE UNIQUE INDEX backup_runs_one_active_idx ON backup_runs (job_id) WHERE status IN ('queued', 'running')`.execute(
    db,
  );
}

async function createRunDestinations(db: Db): Promise<void> {
  await db.schema
    .createTable('run_destinations')
    .addColumn('run_id', 'text', (c) =>
      c.notNull().references('backup_runs.id').onDelete('cascade'),
    )
    .addColumn('storage_id', 'text', (c) => c.notNull())
    .addColumn('storage_name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('object_key', 'text')
    .addColumn('stored_size', 'bigint')
    .addColumn('sha256', 'text')
    .addColumn('ok', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('delete_error', 'text')
    .addColumn('delete_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('run_destinations_pk', ['run_id', 'storage_id'])
    .execute();
  await db.schema
    .createIndex('run_destinations_storage_idx')
    .on('run_destinations')
    .column('storage_id')
    .execute();
}

async function createRestores(db: Db): Promise<void> {
  await db.schema
    .createTable('restores')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('run_id', 'text', (c) =>
      c.notNull().references('backup_runs.id').onDelete('cascade'),
    )
    .addColumn('job_id', 'text')
    .addColumn('source_database_id', 'text', (c) => c.notNull())
    .addColumn('target_database_id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('storage_id', 'text')
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('drop_existing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('duration_ms', 'bigint')
    .addColumn('bytes_read', 'bigint')
    .addColumn('checksum_verified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('table_counts_json', 'text')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('log_tail_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('progress_json', 'text')
    .addColumn('result_digest', 'text')
    .addColumn('cancel_requested_at', 'text')
    .execute();
  await db.schema
    .createIndex('restores_owner_started_idx')
    .on('restores')
    .columns(['owner_id', 'started_at'])
    .execute();
  await db.schema.createIndex('restores_run_idx').on('restores').column('run_id').execute();
  await db.schema.createIndex('restores_status_idx').on('restores').column('status').execute();
}
