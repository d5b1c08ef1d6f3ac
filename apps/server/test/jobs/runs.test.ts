import type { BackupRun, SessionResponse } from '@rahatback/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent, waitFor } from '../fake-agent.js';
import { bearer, appStores, type TestApp } from '../helpers.js';
import { startRunsApp, type RunsApp } from '../runs-app.js';
import { connectBackupAgent, successOf, type FakeBackupAgent } from './backup-agent.js';
import {
  DB_PASSWORD,
  PASSPHRASE,
  S3_SECRET,
  createDatabase,
  createJob,
  createLocalStorage,
  createS3Storage,
} from './fixtures.js';

const stores = appStores();

type RunEvent = { run: BackupRun };

describe.each(stores)('backup runs on $name', (store) => {
  let runsApp: RunsApp;
  let t: TestApp;
  let baseUrl: string;
  let owner: SessionResponse;
  let agentId: string;
  let credential: string;
  let ui: Socket;
  const agents: FakeBackupAgent[] = [];

  beforeAll(async () => {
    runsApp = await startRunsApp(store, 'runs@example.com');
    ({ t, baseUrl, owner, agentId, credential, ui } = runsApp);
  });
  afterEach(() => {
    for (const a of agents.splice(0)) a.close();
  });
  afterAll(async () => {
    await runsApp.close();
  });

  const online = async () => {
    const agent = await connectBackupAgent(baseUrl, credential);
    agents.push(agent);
    await waitFor(async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/agents/${agentId}`,
        headers: bearer(owner),
      });
      return res.json<{ online: boolean }>().online;
    });
    return agent;
  };

  const newJob = async (overrides: Record<string, unknown> = {}) => {
    const database = await createDatabase(t.app, owner, agentId);
    const s3 = await createS3Storage(t.app, owner, agentId);
    const local = await createLocalStorage(t.app, owner, agentId);
    return createJob(t.app, owner, {
      databaseId: database.id,
      storageIds: [s3.id, local.id],
      ...overrides,
    });
  };

  const runNow = (jobId: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/backups/jobs/${jobId}/run`,
      headers: bearer(owner),
    });

  const runsOf = (jobId: string) =>
    t.app.container.store.db
      .selectFrom('backup_runs')
      .selectAll()
      .where('job_id', '=', jobId)
      .execute();

  it('sends the agent the job with its secrets, shows progress live and records the result once', async () => {
    const agent = await online();
    const job = await newJob();
    const created = nextEvent<RunEvent>(ui, 'run:created', (p) => p.run.jobId === job.id);
    const res = await runNow(job.id);
    expect(res.statusCode).toBe(201);
    const run = res.json<BackupRun>();
    expect(run).toMatchObject({
      status: 'running',
      trigger: 'manual',
      jobName: 'nightly',
      encrypted: true,
    });
    expect((await created).run.id).toBe(run.id);

    const request = agent.requests.find((r) => r.runId === run.id);
    expect(request).toMatchObject({
      label: 'shop',
      jobId: job.id,
      database: { password: DB_PASSWORD },
      encryption: { passphrase: PASSPHRASE },
      compression: { algorithm: 'zstd' },
    });
    expect(request?.destinations.map((d) => d.target.config.kind)).toEqual(['s3', 'local']);
    expect(request?.destinations[0]?.target.secrets.secretAccessKey).toBe(S3_SECRET);
    if (request === undefined) throw new Error('the agent got no request');

    const progressed = nextEvent<{ runId: string }>(ui, 'run:progress', (p) => p.runId === run.id);
    agent.progress({
      taskId: run.id,
      phase: 'dumping',
      bytesRead: 100,
      bytesWritten: 40,
      bytesPerSecond: 50,
      elapsedMs: 2000,
    });
    await progressed;

    const finished = nextEvent<RunEvent>(ui, 'run:finished', (p) => p.run.id === run.id);
    const result = successOf(request);
    expect(await agent.result(result)).toMatchObject({ accepted: true });
    const done = (await finished).run;
    expect(done).toMatchObject({
      status: 'success',
      sha256: 'a'.repeat(64),
      storedSize: 1024,
      error: null,
    });
    expect(done.destinations.map((d) => [d.storageName, d.ok, d.sha256])).toEqual([
      ['offsite', true, 'a'.repeat(64)],
      ['local', true, 'a'.repeat(64)],
    ]);

    // The agent retries until acknowledged: the same result again is accepted, not re-applied.
    expect(await agent.result(result)).toMatchObject({ accepted: true });
    const [stored] = await runsOf(job.id);
    expect(stored?.finished_at).toBe(done.finishedAt);
    // A different result for a run that is no longer running is refused.
    expect(await agent.result({ ...result, status: 'failed' })).toMatchObject({
      accepted: false,
      error: { code: 'INVALID_STATE' },
    });
    const jobView = await t.app.inject({
      method: 'GET',
      url: `/api/v1/backups/jobs/${job.id}`,
      headers: bearer(owner),
    });
    expect(jobView.json()).toMatchObject({
      lastRun: { id: run.id, status: 'success', storedSize: 1024 },
    });
  });

  it("expects a run to be as large as the job's last successful run, for its progress bar", async () => {
    const agent = await online();
    const job = await newJob();
    const finishRun = async (runId: string) => {
      const request = agent.requests.find((r) => r.runId === runId);
      if (request === undefined) throw new Error('the agent got no request');
      const finished = nextEvent<RunEvent>(ui, 'run:finished', (p) => p.run.id === runId);
      expect(await agent.result(successOf(request))).toMatchObject({ accepted: true });
      return (await finished).run;
    };

    const first = (await runNow(job.id)).json<BackupRun>();
    expect(first.expectedBytes).toBeNull();
    expect((await finishRun(first.id)).rawSize).toBe(4096);

    const created = nextEvent<RunEvent>(ui, 'run:created', (p) => p.run.jobId === job.id);
    const second = (await runNow(job.id)).json<BackupRun>();
    expect(second.expectedBytes).toBe(4096);
    expect((await created).run.expectedBytes).toBe(4096);
    expect((await finishRun(second.id)).expectedBytes).toBe(4096);
  });

  it('refuses 19 of 20 simultaneous runs of one job while the first runs', async () => {
    await online();
    const job = await newJob();
    const answers = await Promise.all(Array.from({ length: 20 }, () => runNow(job.id)));
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    const refusal = answers
      .find((a) => a.statusCode === 409)
      ?.json<{ code: string; message: string }>();
    expect(refusal?.code).toBe('RUN_ALREADY_ACTIVE');
    expect(refusal?.message).toMatch(/^a backup of this job is already running/);
    expect(await runsOf(job.id)).toHaveLength(1);
  });

  it('records a skipped run when the agent is offline, which never blocks the next run', async () => {
    const job = await newJob();
    const res = await runNow(job.id);
    expect(res.json<BackupRun>()).toMatchObject({
      status: 'skipped',
      error: { code: 'AGENT_OFFLINE' },
    });
    expect(res.json<BackupRun>().error?.message).toContain('offline');
    const answers = await Promise.all(Array.from({ length: 20 }, () => runNow(job.id)));
    for (const a of answers) expect([201, 409]).toContain(a.statusCode);
    const runs = await runsOf(job.id);
    expect(runs.filter((r) => r.status === 'queued' || r.status === 'running')).toEqual([]);
    expect(runs.every((r) => r.status === 'skipped')).toBe(true);
    await online();
    expect((await runNow(job.id)).json<BackupRun>().status).toBe('running');
  });

  it('cancels a running backup once the agent reports it stopped', async () => {
    const agent = await online();
    const job = await newJob();
    const run = (await runNow(job.id)).json<BackupRun>();
    const finished = nextEvent<RunEvent>(ui, 'run:finished', (p) => p.run.id === run.id);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/backups/history/${run.id}/cancel`,
      headers: bearer(owner),
    });
    expect(res.statusCode).toBe(200);
    expect(agent.cancelled).toContain(run.id);
    expect((await finished).run).toMatchObject({
      status: 'cancelled',
      error: { code: 'CANCELLED' },
    });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/backups/history/${run.id}/cancel`,
      headers: bearer(owner),
    });
    expect(again.json()).toMatchObject({ code: 'INVALID_STATE' });
  });

  it('fails a run whose agent disconnected past the grace period, then runs the job again', async () => {
    const agent = await online();
    const job = await newJob();
    const run = (await runNow(job.id)).json<BackupRun>();
    const finished = nextEvent<RunEvent>(ui, 'run:finished', (p) => p.run.id === run.id);
    agent.close();
    const failed = (await finished).run;
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'AGENT_DISCONNECTED' } });
    expect(failed.error?.message).toMatch(/^the agent disconnected during the backup/);
    await online();
    expect((await runNow(job.id)).json<BackupRun>().status).toBe('running');
  });
});
