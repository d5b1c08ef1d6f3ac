import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dialects,
  insertAgent,
  insertDatabase,
  insertJob,
  insertOwner,
  type OpenedStore,
} from './stores.js';

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
    await insertAgent(opened.store, { id: agentId, ownerId }, now, { last_seen_at: null });
    await insertDatabase(opened.store, { id: dbId, ownerId, agentId }, now, { engine: 'postgres' });
    const at = 1_790_000_000_123;
    await insertJob(opened.store, { id: jobId, ownerId, databaseId: dbId }, now, {
      schedule_json: '{}',
      timezone: 'UTC',
      next_run_at: at,
    });
    const claimed = await db
      .updateTable('backup_jobs')
      .set({ next_run_at: at + 3_600_000 })
      .where('id', '=', jobId)
      .where('next_run_at', '=', at)
      .executeTakeFirst();
    expect(Number(claimed.numUpdatedRows)).toBe(1);
  });
});
