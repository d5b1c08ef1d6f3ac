import { randomBytes } from 'node:crypto';
import type { SessionResponse } from '@rahatback/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../fake-agent.js';
import {
  createPgDatabase,
  enrollAgent,
  registerAccount,
  startTestApp,
  type TestApp,
} from '../helpers.js';
import { createDatabase, createJob, createLocalStorage } from './fixtures.js';

const JOBS = 200;

describe('scheduler on two replicas sharing one PostgreSQL store', () => {
  let pg: { url: string; drop(): Promise<void> };
  let replicas: TestApp[] = [];
  let owner: SessionResponse;
  const jobIds: string[] = [];

  beforeAll(async () => {
    pg = await createPgDatabase();
    const shared = {
      RAHATBACK_DATABASE_URL: pg.url,
      RAHATBACK_MASTER_KEY: randomBytes(32).toString('base64'),
      RAHATBACK_SCHEDULER_INTERVAL_MS: '100',
    };
    // The first replica migrates the store before the second starts.
    const first = await startTestApp({ ...shared, RAHATBACK_SERVER_ID: 'replica-a' });
    replicas = [first, await startTestApp({ ...shared, RAHATBACK_SERVER_ID: 'replica-b' })];
    owner = await registerAccount(first.app, 'scheduler@example.com');
    const { agentId } = await enrollAgent(first.app, owner);
    const database = await createDatabase(first.app, owner, agentId);
    const storage = await createLocalStorage(first.app, owner, agentId);
    for (let i = 0; i < JOBS; i += 1) {
      const job = await createJob(first.app, owner, {
        name: `hourly ${i}`,
        databaseId: database.id,
        storageIds: [storage.id],
        schedule: { kind: 'hourly', minute: 0, timezone: 'UTC' },
        encryption: { enabled: false },
      });
      jobIds.push(job.id);
    }
  }, 180_000);
  afterAll(async () => {
    for (const replica of replicas) await replica.close();
    await pg.drop();
  });

  it('fires each due job exactly once, with catch-up runs for those that missed a period', async () => {
    const db = replicas[0]!.app.container.store.db;
    const now = Date.now();
    const [late, onTime] = [jobIds.slice(0, JOBS / 2), jobIds.slice(JOBS / 2)];
    // Make every job due at once: half just now, half three hours ago (the server was "down").
    await db
      .updateTable('backup_jobs')
      .set({ next_run_at: now - 3 * 3_600_000 })
      .where('id', 'in', late)
      .execute();
    await db
      .updateTable('backup_jobs')
      .set({ next_run_at: now - 1_000 })
      .where('id', 'in', onTime)
      .execute();

    const countRuns = async () =>
      (await db.selectFrom('backup_runs').select('id').where('job_id', 'in', jobIds).execute())
        .length;
    await waitFor(async () => (await countRuns()) >= JOBS, 60_000);
    // Give both loops a few more ticks to prove nothing fires twice.
    await new Promise((r) => setTimeout(r, 1_000));

    const runs = await db
      .selectFrom('backup_runs')
      .select(['job_id', 'trigger', 'status'])
      .where('job_id', 'in', jobIds)
      .execute();
    expect(runs).toHaveLength(JOBS);
    expect(new Set(runs.map((r) => r.job_id)).size).toBe(JOBS);
    const triggerOf = new Map(runs.map((r) => [r.job_id, r.trigger]));
    expect(late.every((id) => triggerOf.get(id) === 'catch-up')).toBe(true);
    expect(onTime.every((id) => triggerOf.get(id) === 'schedule')).toBe(true);
    // No agent is connected: every run is recorded as skipped, none left active.
    expect(runs.every((r) => r.status === 'skipped')).toBe(true);

    // Each replica logs the runs it fired: together exactly one per job.
    const firedBy = replicas.map(
      (r) =>
        r
          .logs()
          .split('\n')
          .filter((l) => l.includes('scheduled run fired')).length,
    );
    expect(firedBy[0]! + firedBy[1]!).toBe(JOBS);

    const next = await db
      .selectFrom('backup_jobs')
      .select('next_run_at')
      .where('id', 'in', jobIds)
      .execute();
    for (const row of next) expect(Number(row.next_run_at)).toBeGreaterThan(now);
  }, 90_000);
});
