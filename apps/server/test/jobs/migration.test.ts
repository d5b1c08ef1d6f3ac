import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, insertOwner, type OpenedStore } from './stores.js';

describe.each(dialects)('backups migration on $name', (dialect) => {
  let opened: OpenedStore;
  const ownerId = crypto.randomUUID();
  const jobId = crypto.randomUUID();
  const now = new Date().toISOString();

  beforeAll(async () => {
    opened = await dialect.open();
    await insertOwner(opened.store, ownerId, now);
  });
  afterAll(async () => opened.cleanup());

  const run = (status: string) => ({
    id: crypto.randomUUID(),
    owner_id: ownerId,
    job_id: jobId,
    job_name: 'j',
    database_id: 'd',
    agent_id: 'a',
    status,
    trigger: 'manual',
    is_catch_up: 0,
    started_at: now,
    encrypted: 0,
    compression: 'zstd',
    log_tail_json: '[]',
  });

  it('admits one active run per job while any number of finished ones', async () => {
    const db = opened.store.db;
    await db.insertInto('backup_runs').values(run('running')).execute();
    await expect(db.insertInto('backup_runs').values(run('queued')).execute()).rejects.toThrow();
    await db
      .insertInto('backup_runs')
      .values([run('failed'), run('skipped'), run('success')])
      .execute();
    const rows = await db
      .selectFrom('backup_runs')
      .select('status')
      .where('job_id', '=', jobId)
      .execute();
    expect(rows.map((r) => r.status).sort()).toEqual(['failed', 'running', 'skipped', 'success']);
  });

  it('keeps epoch milliseconds exact for the scheduler compare-and-set', async () => {
    const db = opened.store.db;
    const dbId = crypto.randomUUID();
    const agentId = crypto.randomUUID();
    await db
      .insertInto('agents')
      .values({
        id: agentId,
        owner_id: ownerId,
        name: 'a',
        credential_hash: agentId,
        tools_json: '[]',
        is_embedded: 0,
        created_at: now,
        hostname: null,
        agent_version: null,
        last_seen_at: null,
        revoked_at: null,
      })
      .execute();
    await db
      .insertInto('databases')
      .values({
        id: dbId,
        owner_id: ownerId,
        agent_id: agentId,
        name: 'd',
        engine: 'postgres',
        host: 'h',
        port: 5432,
        username: 'u',
        database_name: 'd',
        sealed_password: null,
        options_json: '{}',
        created_at: now,
        updated_at: now,
      })
      .execute();
    const at = 1_790_000_000_123;
    await db
      .insertInto('backup_jobs')
      .values({
        id: jobId,
        owner_id: ownerId,
        database_id: dbId,
        name: 'j',
        schedule_json: '{}',
        timezone: 'UTC',
        compression: 'zstd',
        compression_level: null,
        encrypted: 0,
        sealed_passphrase: null,
        retention_json: '{}',
        notifications_json: '{}',
        verification_json: '{}',
        enabled: 1,
        timeout_minutes: 60,
        next_run_at: at,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const claimed = await db
      .updateTable('backup_jobs')
      .set({ next_run_at: at + 3_600_000 })
      .where('id', '=', jobId)
      .where('next_run_at', '=', at)
      .executeTakeFirst();
    expect(Number(claimed.numUpdatedRows)).toBe(1);
  });
});
