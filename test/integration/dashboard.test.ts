import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupJob, BackupRun, DashboardSummary, Restore } from '@rahatback/protocol';
import {
  addPostgresDatabase,
  apiClient,
  expectCreated,
  pgAdmin,
  registerUser,
  runToEnd as runBackup,
  startSession,
  uniqueSuffix,
  type ApiClient,
  type RunningAgent,
  type Session,
  type TestServer,
} from '../harness/index.js';

// The dashboard through the real server (on each metadata store) and a real agent process
// backing up a real PostgreSQL database into a local folder.
describe.each(['sqlite', 'postgres'] as const)('the dashboard on %s', (store) => {
  const suffix = uniqueSuffix();
  const sourceDb = `rb_dash_${suffix}`;
  let session: Session;
  let server: TestServer;
  let agent: RunningAgent;
  let api: ApiClient;
  let folder: string;
  let job: BackupJob;
  let brokenJob: BackupJob;
  let storageId: string;
  const runs: BackupRun[] = [];

  const dashboard = async (client = api) => {
    const response = await client.get<DashboardSummary>('/api/v1/dashboard');
    expect(response.status, response.text).toBe(200);
    return response.body;
  };
  const usage = async () => (await dashboard()).storages.find((s) => s.storageId === storageId);
  const jobOf = async (id: string) => (await dashboard()).jobs.find((j) => j.jobId === id);

  const runToEnd = (jobId: string) => runBackup(api, jobId);
  const addDatabase = (name: string, database: string) =>
    addPostgresDatabase(api, agent.agentId, name, database);

  beforeAll(async () => {
    await pgAdmin(`CREATE DATABASE ${sourceDb}`);
    await pgAdmin(
      "CREATE TABLE orders (id serial PRIMARY KEY, item text); INSERT INTO orders (item) SELECT 'order ' || g FROM generate_series(1, 3000) g;",
      sourceDb,
    );
    folder = await mkdtemp(join(tmpdir(), 'rb-dashboard-'));
    session = await startSession({ store, env: { RAHATBACK_SCHEDULER: 'false' } });
    ({ server, agent, api } = session);
    const database = await addDatabase('shop', sourceDb);
    const missing = await addDatabase('gone', `rb_dash_missing_${suffix}`);
    storageId = (
      await expectCreated<{ id: string }>(api, '/api/v1/storages', {
        name: 'folder',
        agentId: agent.agentId,
        config: { kind: 'local', path: folder },
      })
    ).id;
    const jobBody = {
      storageIds: [storageId],
      schedule: { kind: 'manual' },
      compression: { algorithm: 'gzip' },
    };
    job = await expectCreated(api, '/api/v1/backups/jobs', {
      ...jobBody,
      name: 'nightly',
      databaseId: database.id,
    });
    brokenJob = await expectCreated(api, '/api/v1/backups/jobs', {
      ...jobBody,
      name: 'broken',
      databaseId: missing.id,
    });
  }, 240_000);

  afterAll(async () => {
    await session?.stop();
    if (folder !== undefined) await rm(folder, { recursive: true, force: true });
    await pgAdmin(`DROP DATABASE IF EXISTS ${sourceDb} WITH (FORCE)`);
  }, 60_000);

  it('starts with every destination empty and no run counted', async () => {
    const summary = await dashboard();
    expect(summary.runs).toEqual({ success: 0, failed: 0, skipped: 0, cancelled: 0 });
    expect(summary.storages).toEqual([
      { storageId, name: 'folder', kind: 'local', bytes: 0, backups: 0 },
    ]);
    expect(summary.jobs.map((j) => [j.name, j.series])).toEqual([
      ['broken', []],
      ['nightly', []],
    ]);
  });

  it('counts two backups in the folder with the sum of their stored sizes', async () => {
    for (let i = 0; i < 2; i++) runs.push(await runToEnd(job.id));
    expect(runs.map((r) => r.status)).toEqual(['success', 'success']);
    const sizes = runs.map((r) => r.storedSize ?? 0);
    expect(sizes.every((size) => size > 0)).toBe(true);
    expect(await usage()).toMatchObject({ bytes: sizes[0]! + sizes[1]!, backups: 2 });

    const nightly = await jobOf(job.id);
    expect(nightly?.series.map((p) => [p.runId, p.storedSize, p.durationMs])).toEqual(
      runs.map((r) => [r.id, r.storedSize, r.durationMs]),
    );
  }, 180_000);

  it('marks a failed run in its job’s series and counts it against the success rate', async () => {
    const failed = await runToEnd(brokenJob.id);
    expect(failed.status).toBe('failed');
    const summary = await dashboard();
    expect(summary.runs).toEqual({ success: 2, failed: 1, skipped: 0, cancelled: 0 });
    const broken = summary.jobs.find((j) => j.jobId === brokenJob.id);
    expect(broken?.series).toMatchObject([
      { runId: failed.id, status: 'failed', storedSize: failed.storedSize },
    ]);
  }, 120_000);

  it('drops the usage when retention deletes the older backups', async () => {
    const patched = await api.patch(`/api/v1/backups/jobs/${job.id}`, {
      retention: { keepLast: 1 },
    });
    expect(patched.status, patched.text).toBe(200);
    const kept = await runToEnd(job.id);
    expect(kept.status).toBe('success');
    runs.push(kept);
    await expect
      .poll(usage, { timeout: 30_000 })
      .toEqual({ storageId, name: 'folder', kind: 'local', bytes: kept.storedSize, backups: 1 });
    // The history keeps every run: the series still shows all three.
    expect((await jobOf(job.id))?.series.map((p) => p.runId)).toEqual(runs.map((r) => r.id));
  }, 180_000);

  it('lists a job as never verified until a test restore of its backup succeeds', async () => {
    expect(await jobOf(job.id)).toMatchObject({
      isVerificationEnabled: false,
      lastVerification: null,
    });
    const latest = runs.at(-1)!;
    const restore = await expectCreated<Restore>(
      api,
      `/api/v1/backups/history/${latest.id}/verify`,
      {},
    );
    const get = async () => (await api.get<Restore>(`/api/v1/restores/${restore.id}`)).body;
    await expect.poll(async () => (await get()).status, { timeout: 60_000 }).not.toBe('running');
    const done = await get();
    expect(done.status, JSON.stringify(done.error)).toBe('success');

    const verified = (await jobOf(job.id))?.lastVerification;
    expect(verified).toMatchObject({ status: 'success', runId: latest.id });
    expect(Date.parse(verified?.verifiedAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(done.startedAt),
    );
    expect((await jobOf(brokenJob.id))?.lastVerification).toBeNull();
  }, 120_000);

  it('shows a second account none of it', async () => {
    const other = apiClient(server.url, (await registerUser(server.url)).token);
    expect(await dashboard(other)).toEqual({
      since: expect.any(String) as unknown,
      runs: { success: 0, failed: 0, skipped: 0, cancelled: 0 },
      storages: [],
      jobs: [],
    });
    expect((await apiClient(server.url).get('/api/v1/dashboard')).status).toBe(401);
  });
});
