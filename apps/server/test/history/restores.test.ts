import type {
  BackupRun,
  HistoryPage,
  Restore,
  RestorePage,
  SessionResponse,
  SmtpSettingsView,
} from '@rahatback/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent, waitFor } from '../fake-agent.js';
import { bearer, appStores, registerAccount, type TestApp } from '../helpers.js';
import { startRunsApp, type RunsApp } from '../runs-app.js';
import { successOf } from '../jobs/backup-agent.js';
import {
  DB_PASSWORD,
  PASSPHRASE,
  S3_SECRET,
  createDatabase,
  createJob,
  createS3Storage,
} from '../jobs/fixtures.js';
import { createVerificationScheduler } from '../../src/modules/verification/verification.scheduler.js';
import { connectRestoreAgent, type FakeRestoreAgent } from './restore-agent.js';

const stores = appStores();

const SMTP_PASSWORD = 'smtp-password-Wq73-never-returned';

describe.each(stores)('history, restores, retention and mail settings on $name', (store) => {
  let runsApp: RunsApp | undefined;
  let t: TestApp;
  let baseUrl: string;
  let owner: SessionResponse;
  let stranger: SessionResponse;
  let credential: string;
  let agentId: string;
  let agent: FakeRestoreAgent;
  let ui: Socket;
  let databaseId: string;
  let storageId: string;

  const api = async <T>(
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    who = owner,
    payload?: object,
  ) => {
    const res = await t.app.inject({ method, url, headers: bearer(who), payload });
    return { status: res.statusCode, body: res.json<T>(), text: res.body };
  };

  /** Runs the job through the fake agent to a successful result. */
  async function successfulRun(jobId: string): Promise<BackupRun> {
    const started = await api<BackupRun>('POST', `/api/v1/backups/jobs/${jobId}/run`);
    expect(started.status, started.text).toBe(201);
    await waitFor(() => Promise.resolve(agent.requests.some((r) => r.runId === started.body.id)));
    const request = agent.requests.find((r) => r.runId === started.body.id);
    if (request === undefined) throw new Error('no request');
    expect((await agent.result(successOf(request))).accepted).toBe(true);
    return (await api<BackupRun>('GET', `/api/v1/backups/history/${started.body.id}`)).body;
  }

  beforeAll(async () => {
    runsApp = await startRunsApp(store, 'restores@example.com');
    ({ t, baseUrl, owner, agentId, credential, ui } = runsApp);
    stranger = await registerAccount(t.app, 'stranger@example.com');
    agent = await connectRestoreAgent(baseUrl, credential);
    databaseId = (await createDatabase(t.app, owner, agentId)).id;
    storageId = (await createS3Storage(t.app, owner, agentId)).id;
  });

  afterAll(async () => {
    agent?.close();
    await runsApp?.close();
  });

  it('restores a backup with every secret the agent needs, applies the result once and pushes it live', async () => {
    const job = await createJob(t.app, owner, { databaseId, storageIds: [storageId] });
    const run = await successfulRun(job.id);
    const finished = nextEvent<{ restore: Restore }>(ui, 'restore:finished');
    const started = await api<Restore>('POST', `/api/v1/backups/history/${run.id}/restore`, owner, {
      targetDatabaseId: databaseId,
    });
    expect(started.status, started.text).toBe(201);
    expect(started.body.status).toBe('running');
    const request = agent.restores.find((r) => r.restoreId === started.body.id);
    expect(request?.passphrase).toBe(PASSPHRASE);
    expect(request?.database.password).toBe(DB_PASSWORD);
    expect(request?.source.target.secrets.secretAccessKey).toBe(S3_SECRET);
    expect(request?.source.expectedSha256).toBe('a'.repeat(64));
    expect(JSON.stringify(started.body)).not.toContain(PASSPHRASE);

    const result = {
      restoreId: started.body.id,
      status: 'success' as const,
      durationMs: 900,
      bytesRead: 1024,
      sha256: 'a'.repeat(64),
      logTail: [],
    };
    expect((await agent.restoreResult(result)).accepted).toBe(true);
    expect((await agent.restoreResult(result)).accepted).toBe(true);
    expect((await agent.restoreResult({ ...result, status: 'failed' })).accepted).toBe(false);
    expect((await finished).restore.status).toBe('success');

    const backup = (await api<BackupRun>('GET', `/api/v1/backups/history/${run.id}`)).body;
    expect(backup.lastRestoreStatus).toBe('success');
    const page = (await api<RestorePage>('GET', `/api/v1/restores?backupRunId=${run.id}`)).body;
    expect(page.items.map((r) => [r.id, r.status, r.checksumVerified])).toEqual([
      [started.body.id, 'success', true],
    ]);
  });

  it("expects a restore to read the backup's stored size, in the answer, the live event and the list", async () => {
    const job = await createJob(t.app, owner, {
      databaseId,
      storageIds: [storageId],
      name: 'sized',
    });
    const run = await successfulRun(job.id);
    expect(run.storedSize).toBe(1024);
    const created = nextEvent<{ restore: Restore }>(ui, 'restore:created');
    const started = await api<Restore>('POST', `/api/v1/backups/history/${run.id}/restore`, owner, {
      targetDatabaseId: databaseId,
    });
    expect(started.status, started.text).toBe(201);
    expect(started.body.expectedBytes).toBe(1024);
    expect((await created).restore.expectedBytes).toBe(1024);
    const page = (await api<RestorePage>('GET', `/api/v1/restores?backupRunId=${run.id}`)).body;
    expect(page.items.map((r) => [r.id, r.expectedBytes])).toEqual([[started.body.id, 1024]]);

    const result = {
      restoreId: started.body.id,
      status: 'success' as const,
      durationMs: 900,
      bytesRead: 1024,
      sha256: 'a'.repeat(64),
      logTail: [],
    };
    expect((await agent.restoreResult(result)).accepted).toBe(true);
  });

  it('refuses to restore a backup that did not succeed, and hides it from another account', async () => {
    const job = await createJob(t.app, owner, { databaseId, storageIds: [storageId], name: 'x' });
    const started = await api<BackupRun>('POST', `/api/v1/backups/jobs/${job.id}/run`);
    const refused = await api('POST', `/api/v1/backups/history/${started.body.id}/restore`, owner, {
      targetDatabaseId: databaseId,
    });
    expect(refused.status).toBe(409);
    expect((await api('GET', `/api/v1/backups/history/${started.body.id}`, stranger)).status).toBe(
      404,
    );
    const strangers = await api<HistoryPage>('GET', '/api/v1/backups/history', stranger);
    expect(strangers.body.total).toBe(0);
    const own = await api<HistoryPage>('GET', `/api/v1/backups/history?jobId=${job.id}&pageSize=1`);
    expect(own.body.items.map((r) => r.id)).toEqual([started.body.id]);
  });

  it('fails a restore whose agent disconnected past the grace period', async () => {
    const job = await createJob(t.app, owner, {
      databaseId,
      storageIds: [storageId],
      name: 'gone',
    });
    const run = await successfulRun(job.id);
    const started = await api<Restore>('POST', `/api/v1/backups/history/${run.id}/restore`, owner, {
      targetDatabaseId: databaseId,
    });
    agent.close();
    try {
      await waitFor(
        async () =>
          (await api<Restore>('GET', `/api/v1/restores/${started.body.id}`)).body.status ===
          'failed',
        10_000,
      );
      const failed = (await api<Restore>('GET', `/api/v1/restores/${started.body.id}`)).body;
      expect(failed.error?.code).toBe('AGENT_DISCONNECTED');
    } finally {
      agent = await connectRestoreAgent(baseUrl, credential);
    }
  });

  it('records a failed retention delete on the history row and retries it after the next run', async () => {
    const job = await createJob(t.app, owner, {
      databaseId,
      storageIds: [storageId],
      name: 'retained',
      retention: { keepLast: 1 },
    });
    const first = await successfulRun(job.id);
    agent.failDeletes = true;
    const second = await successfulRun(job.id);
    const history = async (id: string) =>
      (await api<BackupRun>('GET', `/api/v1/backups/history/${id}`)).body.destinations[0];
    await waitFor(async () => (await history(first.id))?.deleteError != null);
    expect(await history(first.id)).toMatchObject({ deletedAt: null, deleteAttempts: 1 });
    const keys = agent.deletes.at(-1)?.keys ?? [];
    expect(keys).toEqual([
      first.destinations[0]?.objectKey,
      `${first.destinations[0]?.objectKey}.meta.json`,
    ]);

    agent.failDeletes = false;
    const third = await successfulRun(job.id);
    await waitFor(async () => (await history(second.id))?.deletedAt != null);
    expect((await history(first.id))?.deletedAt).not.toBeNull();
    expect((await history(third.id))?.deletedAt).toBeNull();
  });

  it('test-restores the latest backup when its verification schedule comes due, not before', async () => {
    const job = await createJob(t.app, owner, {
      databaseId,
      storageIds: [storageId],
      name: 'verified',
      verification: { enabled: true, schedule: { kind: 'daily', time: '04:00', timezone: 'UTC' } },
    });
    await successfulRun(job.id);
    const latest = await successfulRun(job.id);
    const started: { runId: string; mode: string }[] = [];
    const at = (offsetMs: number) => () => new Date(Date.now() + offsetMs);
    const scheduler = (now: () => Date) =>
      createVerificationScheduler({
        db: t.app.container.store.db,
        restores: {
          start: (_owner, runId, _input, mode) => {
            started.push({ runId, mode });
            return Promise.resolve({} as Restore);
          },
        },
        logger: t.app.log as never,
        now,
      });
    await scheduler(at(0)).tick();
    const ownStarts = () => started.filter((s) => s.runId === latest.id);
    expect(ownStarts()).toHaveLength(0);
    await scheduler(at(25 * 3600_000)).tick();
    expect(ownStarts().at(-1)).toEqual({ runId: latest.id, mode: 'verify' });
  });

  it('lets only the admin manage mail settings and never returns the password', async () => {
    const settings = {
      host: 'smtp.example.com',
      port: 587,
      from: 'rb@example.com',
      password: SMTP_PASSWORD,
    };
    expect((await api('PUT', '/api/v1/settings/smtp', stranger, settings)).status).toBe(403);
    const saved = await api<SmtpSettingsView>('PUT', '/api/v1/settings/smtp', owner, settings);
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.hasPassword).toBe(true);
    expect(saved.text).not.toContain(SMTP_PASSWORD);
    const kept = await api<SmtpSettingsView>('PUT', '/api/v1/settings/smtp', owner, {
      ...settings,
      password: undefined,
      port: 2525,
    });
    expect(kept.body).toMatchObject({ port: 2525, hasPassword: true });
    expect((await api('GET', '/api/v1/settings/smtp', owner)).text).not.toContain(SMTP_PASSWORD);
    expect((await api('GET', '/api/v1/settings/smtp', stranger)).status).toBe(403);
    expect(t.logs()).not.toContain(SMTP_PASSWORD);
  });
});
