import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupRunsTable } from '../../src/db/backups.tables.js';
import type { Store } from '../../src/db/store.js';
import { createDashboardRepository } from '../../src/modules/dashboard/dashboard.repository.js';
import { createDashboardService } from '../../src/modules/dashboard/dashboard.service.js';
import {
  dialects,
  insertAgent,
  insertDatabase,
  insertJob as insertJobRow,
  insertOwner,
  type OpenedStore,
} from '../jobs/stores.js';

// The dashboard's store queries on both dialects, with more runs than any page of history holds.
const NOW = Date.parse('2026-11-27T10:00:00.000Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const at = new Date(NOW).toISOString();

interface Account {
  ownerId: string;
  agentId: string;
  databaseId: string;
}

async function insertAccount(store: Store): Promise<Account> {
  const ownerId = crypto.randomUUID();
  const agentId = crypto.randomUUID();
  const databaseId = crypto.randomUUID();
  await insertOwner(store, ownerId, at);
  await insertAgent(store, { id: agentId, ownerId }, at);
  await insertDatabase(store, { id: databaseId, ownerId, agentId }, at);
  return { ownerId, agentId, databaseId };
}

async function insertJob(
  store: Store,
  account: Account,
  name: string,
  verification: object,
): Promise<string> {
  const id = crypto.randomUUID();
  await insertJobRow(store, { id, ...account }, at, {
    name,
    verification_json: JSON.stringify(verification),
  });
  return id;
}

async function insertStorage(store: Store, account: Account, name: string): Promise<string> {
  const id = crypto.randomUUID();
  await store.db
    .insertInto('storages')
    .values({
      id,
      owner_id: account.ownerId,
      agent_id: account.agentId,
      name,
      kind: 'local',
      config_json: JSON.stringify({ kind: 'local', path: `/backups/${name}` }),
      sealed_secrets: null,
      secret_fields_json: '[]',
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

type RunValues = Insertable<BackupRunsTable>;

function runOf(account: Account, jobId: string, startedAt: number, status: string): RunValues {
  const isSuccess = status === 'success';
  return {
    id: crypto.randomUUID(),
    owner_id: account.ownerId,
    job_id: jobId,
    job_name: 'j',
    database_id: account.databaseId,
    agent_id: account.agentId,
    status,
    trigger: 'schedule',
    started_at: new Date(startedAt).toISOString(),
    finished_at: new Date(startedAt + MINUTE).toISOString(),
    duration_ms: MINUTE,
    raw_size: isSuccess ? 5000 : null,
    stored_size: isSuccess ? 1000 : null,
    compression: 'zstd',
    encrypted: 0,
    is_catch_up: 0,
    log_tail_json: '[]',
  };
}

async function insertRuns(store: Store, runs: RunValues[]): Promise<void> {
  // In slices: SQLite caps the number of bound values in one statement.
  for (let i = 0; i < runs.length; i += 200)
    await store.db
      .insertInto('backup_runs')
      .values(runs.slice(i, i + 200))
      .execute();
}

async function insertCopy(
  store: Store,
  runId: string,
  storageId: string,
  storedSize: number,
  copy: { ok?: number; deletedAt?: string | null } = {},
): Promise<void> {
  await store.db
    .insertInto('run_destinations')
    .values({
      run_id: runId,
      storage_id: storageId,
      storage_name: 'x',
      position: 0,
      object_key: `k/${runId}`,
      stored_size: storedSize,
      ok: copy.ok ?? 1,
      deleted_at: copy.deletedAt ?? null,
      delete_attempts: 0,
    })
    .execute();
}

describe.each(dialects)('the dashboard summary on $name', (dialect) => {
  let opened: OpenedStore;
  let owner: Account;
  let stranger: Account;
  let busyJob: string;
  let quietJob: string;
  const dashboard = () =>
    createDashboardService({
      repo: createDashboardRepository(opened.store.db),
      now: () => new Date(NOW),
    });

  beforeAll(async () => {
    opened = await dialect.open();
    const { store } = opened;
    owner = await insertAccount(store);
    stranger = await insertAccount(store);
    busyJob = await insertJob(store, owner, 'busy', { enabled: true });
    quietJob = await insertJob(store, owner, 'quiet', { enabled: false });
    // 1500 runs in the last 30 days, one in four failed, and 100 older ones that all failed.
    const recent = Array.from({ length: 1500 }, (_, i) =>
      runOf(owner, busyJob, NOW - (i + 1) * 20 * MINUTE, i % 4 === 0 ? 'failed' : 'success'),
    );
    const old = Array.from({ length: 100 }, (_, i) =>
      runOf(owner, busyJob, NOW - 31 * DAY - i * MINUTE, 'failed'),
    );
    const running = { ...runOf(owner, quietJob, NOW - MINUTE, 'running'), finished_at: null };
    const strangersJob = await insertJob(store, stranger, 'theirs', { enabled: true });
    const theirs = Array.from({ length: 50 }, (_, i) =>
      runOf(stranger, strangersJob, NOW - (i + 1) * MINUTE, 'failed'),
    );
    await insertRuns(store, [...recent, ...old, running, ...theirs]);
  }, 120_000);
  afterAll(async () => opened.cleanup());

  it('counts every finished run of the last 30 days by outcome, not a page of them', async () => {
    const summary = await dashboard().summary(owner.ownerId);
    expect(summary.runs).toEqual({ success: 1125, failed: 375, skipped: 0, cancelled: 0 });
    expect(summary.since).toBe(new Date(NOW - 30 * DAY).toISOString());
  });

  it('keeps the newest 60 finished runs of a job, oldest first, and none still running', async () => {
    const { jobs } = await dashboard().summary(owner.ownerId);
    expect(jobs.map((j) => j.name)).toEqual(['busy', 'quiet']);
    const [busy, quiet] = jobs;
    expect(busy?.series).toHaveLength(60);
    const times = busy?.series.map((p) => Date.parse(p.startedAt)) ?? [];
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.at(-1)).toBe(NOW - 20 * MINUTE);
    expect(busy?.series.at(-1)).toMatchObject({
      status: 'failed',
      storedSize: null,
      durationMs: MINUTE,
    });
    expect(busy?.series.at(-2)).toMatchObject({ status: 'success', storedSize: 1000 });
    expect(quiet?.series).toEqual([]);
  });

  it('sums the copies each destination still holds, leaving out failed and deleted ones', async () => {
    const { store } = opened;
    const near = await insertStorage(store, owner, 'near');
    const far = await insertStorage(store, owner, 'far');
    const empty = await insertStorage(store, owner, 'empty');
    const runs = await store.db
      .selectFrom('backup_runs')
      .select('id')
      .where('job_id', '=', busyJob)
      .where('status', '=', 'success')
      .limit(4)
      .execute();
    const [a, b, c, d] = runs.map((r) => r.id);
    if (a === undefined || b === undefined || c === undefined || d === undefined)
      throw new Error('four successful runs expected');
    // Sizes past 2^31 add up correctly on both dialects.
    await insertCopy(store, a, near, 3_000_000_000);
    await insertCopy(store, b, near, 2_000_000_000);
    await insertCopy(store, c, near, 700, { deletedAt: at });
    await insertCopy(store, d, near, 900, { ok: 0 });
    await insertCopy(store, a, far, 123);

    const { storages } = await dashboard().summary(owner.ownerId);
    expect(storages).toEqual([
      { storageId: empty, name: 'empty', kind: 'local', bytes: 0, backups: 0 },
      { storageId: far, name: 'far', kind: 'local', bytes: 123, backups: 1 },
      { storageId: near, name: 'near', kind: 'local', bytes: 5_000_000_000, backups: 2 },
    ]);
  });

  it('gives each job its latest test restore and null for a job never verified', async () => {
    const { store } = opened;
    const [older, newer] = await store.db
      .selectFrom('backup_runs')
      .select('id')
      .where('job_id', '=', busyJob)
      .where('status', '=', 'success')
      .orderBy('started_at', 'desc')
      .limit(2)
      .execute();
    const verify = (id: string, when: number, status: 'success' | 'failed') =>
      store.db
        .updateTable('backup_runs')
        .set({
          verified_at: new Date(when).toISOString(),
          verification_json: JSON.stringify({
            status,
            verifiedAt: new Date(when).toISOString(),
            tableCounts: [],
            error: null,
          }),
        })
        .where('id', '=', id)
        .execute();
    await verify(older?.id ?? '', NOW - 10 * MINUTE, 'success');
    await verify(newer?.id ?? '', NOW - 5 * MINUTE, 'failed');

    const { jobs } = await dashboard().summary(owner.ownerId);
    expect(jobs[0]).toMatchObject({
      name: 'busy',
      isVerificationEnabled: true,
      lastVerification: {
        runId: newer?.id,
        status: 'failed',
        verifiedAt: new Date(NOW - 5 * MINUTE).toISOString(),
      },
    });
    expect(jobs[1]).toMatchObject({
      name: 'quiet',
      isVerificationEnabled: false,
      lastVerification: null,
    });
  });

  it("shows another account none of the owner's runs, jobs or destinations", async () => {
    const summary = await dashboard().summary(stranger.ownerId);
    expect(summary.runs).toEqual({ success: 0, failed: 50, skipped: 0, cancelled: 0 });
    expect(summary.jobs.map((j) => j.name)).toEqual(['theirs']);
    expect(summary.storages).toEqual([]);
  });
});
